// Test doubles for kata 4, shared by its tests.
//
// SpyPlayerStore: records every RecordWin (a spy); knows no scores.
// SpyBlindAlerter: records every scheduled alert and every CancelAll (a spy).
// MockGame: a GoogleMock mock of Game; the test states the calls it expects.
// LockedOutput: an output stream that alerts may write on the clock's thread
//   while the test reads it.
//
// Thread safety: the spies are for one thread (the fake clock keeps alerts
// on the test's thread); LockedOutput's Stream() and Str() may be used from
// any thread.
#pragma once

#include <gmock/gmock.h>

#include <chrono>
#include <mutex>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <vector>

#include "blind_alerter.h"
#include "game.h"
#include "player_store.h"

namespace cli_poker::testing {

class SpyPlayerStore : public http_server::PlayerStore {
 public:
  std::optional<int> GetPlayerScore(std::string_view) const override { return std::nullopt; }
  void RecordWin(std::string_view name) override { win_calls_.emplace_back(name); }

  const std::vector<std::string>& WinCalls() const { return win_calls_; }

 private:
  std::vector<std::string> win_calls_;
};

struct ScheduledAlert {
  Duration at;
  int amount;
  const std::ostream* to = nullptr;
};

// "200 chips at 10 min": how a failure names an alert.
inline std::string Describe(const ScheduledAlert& alert) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(alert.at).count();
  return std::to_string(alert.amount) + " chips at " + std::to_string(minutes) + " min";
}

class SpyBlindAlerter : public BlindAlerter {
 public:
  void ScheduleAlertAt(Duration at, int amount, std::ostream& to) override {
    alerts_.push_back({at, amount, &to});
  }
  void CancelAll() override { ++cancels_; }

  const std::vector<ScheduledAlert>& Alerts() const { return alerts_; }
  int Cancels() const { return cancels_; }

 private:
  std::vector<ScheduledAlert> alerts_;
  int cancels_ = 0;
};

class MockGame : public Game {
 public:
  MOCK_METHOD(void, Start, (int players, std::ostream& alerts_to), (override));
  MOCK_METHOD(void, Finish, (std::string_view winner), (override));
};

class LockedOutput {
 public:
  std::ostream& Stream() { return stream_; }

  std::string Str() const {
    std::scoped_lock lock(buffer_.mutex);
    return buffer_.text;
  }

 private:
  struct Buffer : std::streambuf {
    int_type overflow(int_type c) override {
      if (c == traits_type::eof()) return traits_type::not_eof(c);
      std::scoped_lock lock(mutex);
      text.push_back(traits_type::to_char_type(c));
      return c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
      std::scoped_lock lock(mutex);
      text.append(s, static_cast<std::size_t>(n));
      return n;
    }
    mutable std::mutex mutex;
    std::string text;
  };
  Buffer buffer_;
  std::ostream stream_{&buffer_};
};

}  // namespace cli_poker::testing
