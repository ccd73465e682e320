// libFuzzer target: the messages kata 5's game page sends over its
// websocket, as the reference handler reads them: GameSocket::ServeSocket
// (solutions/05_websockets/game_socket.cpp), whose alerts go out through a
// SocketStream (socket_stream.cpp). The input is split at '\n' into text
// messages (a message holds any other byte, NUL and invalid UTF-8 included,
// though the real server passes on only UTF-8 of up to 4096 bytes), and a
// fake connection hands them to the handler one by one, with a time-out
// (no message) before each, then reports the page gone (ClosedError). The
// games are spies, as in the kata's tests (web_doubles.h): Start writes one
// alert line to the stream it is given.
//
// Proves, besides "no crash, no ASan or UBSan report":
// - the first message that is a whole number from 1 to INT_MAX, digits
//   only (computed here digit by digit), starts one game with that many
//   players; every message before it is refused with kBadPlayerCountMessage
//   and starts nothing;
// - after the start, an empty message is refused with kBadWinnerMessage and
//   records nothing, and the first message that is not empty finishes the
//   game with exactly that text as the winner; the handler then returns
//   and reads no further message;
// - a message longer than kMaxMessageBytes closes the connection with 1009
//   (too big), and nothing more is read or recorded;
// - when the messages run out first, ServeSocket lets ClosedError through
//   and no win is recorded; no other exception escapes;
// - the frames sent are exactly the refusals and the alert (as the line
//   "Blind is now 100", without its '\n'), in order; at most one game is
//   made, it is destroyed when the handler ends, and GamesInProgress() is 1
//   while it runs and 0 afterwards.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "game_socket.h"
#include "kata/websocket.h"

#include "require.h"

namespace {

namespace ws = kata::ws;

constexpr std::string_view kAlert = "Blind is now 100";

// A connection that delivers the given messages, then is closed by the page.
class ScriptedConnection final : public ws::Connection {
 public:
  explicit ScriptedConnection(std::vector<std::string> messages)
      : messages_(messages.begin(), messages.end()) {}

  bool Send(std::string_view text) override {
    if (close_code_) return false;
    sent_.emplace_back(text);
    return true;
  }
  std::optional<std::string> Receive(Clock::time_point) override {
    if (close_code_) throw ws::ClosedError("the handler closed the connection");
    waited_ = !waited_;
    if (waited_) return std::nullopt;  // a time-out before every message
    if (messages_.empty()) throw ws::ClosedError("the page went away");
    std::string message = std::move(messages_.front());
    messages_.pop_front();
    ++received_;
    return message;
  }
  void Close(ws::CloseCode code, std::string_view) override {
    if (!close_code_) close_code_ = code;
  }
  bool IsOpen() const override { return !close_code_; }

  const std::vector<std::string>& Sent() const { return sent_; }
  std::size_t Received() const { return received_; }
  std::optional<ws::CloseCode> CloseCode() const { return close_code_; }

 private:
  std::deque<std::string> messages_;
  bool waited_ = false;
  std::size_t received_ = 0;
  std::vector<std::string> sent_;
  std::optional<ws::CloseCode> close_code_;
};

// Hands out spy games; remembers what they were told and whether they
// are gone.
class SpyGames final : public websockets::GameFactory {
 public:
  std::unique_ptr<cli_poker::Game> NewGame() override {
    ++made;
    return std::make_unique<Spy>(*this);
  }

  const websockets::GameSocket* socket = nullptr;
  int made = 0;
  int destroyed = 0;
  std::vector<int> started_with;
  std::vector<std::string> finished_with;
  bool finished_before_start = false;
  int in_progress_at_start = -1;

 private:
  class Spy final : public cli_poker::Game {
   public:
    explicit Spy(SpyGames& games) : games_(games) {}
    ~Spy() override { ++games_.destroyed; }
    Spy(const Spy&) = delete;
    Spy& operator=(const Spy&) = delete;

    void Start(int players, std::ostream& alerts_to) override {
      games_.started_with.push_back(players);
      games_.in_progress_at_start = games_.socket->GamesInProgress();
      alerts_to << kAlert << '\n';
    }
    void Finish(std::string_view winner) override {
      games_.finished_before_start = games_.finished_before_start || games_.started_with.empty();
      games_.finished_with.emplace_back(winner);
    }

   private:
    SpyGames& games_;
  };
};

std::vector<std::string> SplitMessages(std::string_view input) {
  std::vector<std::string> messages;
  std::size_t start = 0;
  while (start < input.size()) {
    std::size_t newline = input.find('\n', start);
    if (newline == std::string_view::npos) newline = input.size();
    messages.emplace_back(input.substr(start, newline - start));
    start = newline + 1;
  }
  return messages;
}

// The number of players a message gives, if it gives one: digits only.
std::optional<int> ExpectedCount(std::string_view message) {
  if (message.empty()) return std::nullopt;
  long long value = 0;
  for (char c : message) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > std::numeric_limits<int>::max()) return std::nullopt;
  }
  if (value < 1) return std::nullopt;
  return static_cast<int>(value);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::vector<std::string> messages = SplitMessages(input);

  // What the handler should do, message by message.
  std::vector<std::string> expected_sent;
  std::optional<int> expected_players;
  std::optional<std::string> expected_winner;
  bool expected_too_big = false;
  std::size_t expected_received = messages.size();
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const std::string& message = messages[i];
    if (message.size() > websockets::kMaxMessageBytes) {
      expected_too_big = true;
      expected_received = i + 1;
      break;
    }
    if (!expected_players) {
      expected_players = ExpectedCount(message);
      expected_sent.emplace_back(expected_players ? kAlert : websockets::kBadPlayerCountMessage);
      continue;
    }
    if (message.empty()) {
      expected_sent.emplace_back(websockets::kBadWinnerMessage);
      continue;
    }
    expected_winner = message;
    expected_received = i + 1;
    break;
  }
  const bool expected_closed_error = !expected_too_big && !expected_winner;

  SpyGames games;
  websockets::GameSocket socket(games);
  games.socket = &socket;
  ScriptedConnection connection(messages);
  bool closed_error = false;
  try {
    socket.ServeSocket(kata::http::Request{}, connection);
  } catch (const ws::ClosedError&) {
    closed_error = true;
  } catch (...) {
    Require(false, "ServeSocket throws nothing but ClosedError", input);
  }

  Require(closed_error == expected_closed_error,
          "ClosedError escapes exactly when the messages run out before a winner", input);
  Require(connection.Received() == expected_received,
          "the handler reads up to the winner or the message too big, and no further", input);
  Require(games.made == (expected_players ? 1 : 0),
          "a game is made exactly when a message gives a whole number of players above zero", input);
  Require(games.destroyed == games.made, "the game is destroyed when the handler ends", input);
  if (expected_players) {
    Require(games.started_with == std::vector<int>{*expected_players},
            "the game starts once, with the first count given", input);
    Require(games.in_progress_at_start == 1, "a game is in progress while it runs", input);
  } else {
    Require(games.started_with.empty(), "no game starts without a good count", input);
  }
  Require(socket.GamesInProgress() == 0, "no game is in progress once the handler ends", input);
  Require(!games.finished_before_start, "a game is finished only after it started", input);
  if (expected_winner) {
    Require(games.finished_with == std::vector<std::string>{*expected_winner},
            "the game is finished once, with the first message after the count that is not empty",
            input);
  } else {
    Require(games.finished_with.empty(), "no win is recorded without a winner", input);
  }
  if (expected_too_big) {
    Require(connection.CloseCode() == ws::CloseCode::kTooBig,
            "a message too big closes the connection with 1009", input);
  } else {
    Require(!connection.CloseCode(), "the handler closes the connection only for a message too big",
            input);
  }
  Require(connection.Sent() == expected_sent, "the frames sent are the refusals and the alert, in order",
          input);
  return 0;
}
