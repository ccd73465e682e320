#include "load.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/buffer.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <charconv>
#include <cstdint>
#include <deque>
#include <functional>
#include <iomanip>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "pacer.h"

namespace chat_load {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using ErrorCode = boost::system::error_code;
using Strand = asio::strand<asio::io_context::executor_type>;

// A member's join is done when its welcome has come (adding this, less the
// members it counts) and each of those has seen "* mK joined" (adding one
// each): exactly when the sum reaches kWelcomed, whichever comes last.
constexpr std::int64_t kWelcomed = std::int64_t{1} << 32;

std::optional<int> Number(std::string_view text) {
  int number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return number;
}

// "m42" -> 42: the load's members are named m0, m1, ...
std::optional<int> MemberIndex(std::string_view name) {
  if (!name.starts_with('m')) return std::nullopt;
  return Number(name.substr(1));
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

// What members report to, from the io threads.
class Events {
 public:
  virtual void OnAsked() = 0;          // connected: the server asked for a name
  virtual void OnConnectFailed() = 0;  // no connection, or closed before the question
  virtual void OnEnded() = 0;          // closed by the server (or reset) later
  virtual void OnWelcome(int member, int others) = 0;
  virtual void OnJoinLine(int joined) = 0;     // "* mK joined"
  virtual void OnDropNotice(int dropped) = 0;  // "* mK was too slow and was dropped"
  virtual void OnSending(int message) = 0;     // about to write it
  virtual void OnDelivery(int message) = 0;    // a member read it
  virtual void OnUnexpected(std::string_view line) = 0;

 protected:
  ~Events() = default;
};

// One connection, on its own strand.
class Member {
 public:
  Member(Events& events, int index, asio::io_context& io)
      : events_(events), index_(index), strand_(asio::make_strand(io)), socket_(strand_) {}

  void Connect(const tcp::endpoint& at) {
    asio::post(strand_, [this, at] {
      socket_.async_connect(at, [this](ErrorCode error) {
        if (error) {
          End();
          return;
        }
        ErrorCode ignored;
        socket_.set_option(tcp::no_delay(true), ignored);
        Read();
      });
    });
  }

  // `message` >= 0: a chat message, timed from its write.
  void Send(std::string line, int message = -1) {
    asio::post(strand_, [this, line = std::move(line), message]() mutable {
      if (message >= 0) events_.OnSending(message);
      writes_.push_back(std::move(line));
      Flush();
    });
  }

  int MessagesReceived() const { return messages_received_; }  // once the io threads are gone

 private:
  void Read() {
    socket_.async_read_some(asio::buffer(buffer_), [this](ErrorCode error, std::size_t n) {
      if (error) {
        End();
        return;
      }
      Parse(std::string_view(buffer_.data(), n));
      Read();
    });
  }

  void Parse(std::string_view data) {
    while (!data.empty()) {
      const std::size_t newline = data.find('\n');
      if (newline == std::string_view::npos) {
        partial_.append(data);
        return;
      }
      if (partial_.empty()) {
        OnLine(data.substr(0, newline));
      } else {
        partial_.append(data.substr(0, newline));
        OnLine(partial_);
        partial_.clear();
      }
      data.remove_prefix(newline + 1);
    }
  }

  void OnLine(std::string_view line) {
    if (line == "* your name?") {
      if (!std::exchange(asked_, true)) events_.OnAsked();
    } else if (line.starts_with("welcome, ")) {
      const std::string_view count = line.substr(line.rfind(": ") + 2);
      const std::optional<int> others = Number(count.substr(0, count.find(' ')));
      others ? events_.OnWelcome(index_, *others) : events_.OnUnexpected(line);
    } else if (line.starts_with("* ")) {
      OnNotice(line);
    } else if (const std::size_t at = line.find(": msg "); at != std::string_view::npos) {
      const std::optional<int> message = Number(line.substr(at + 6));
      if (!message) return events_.OnUnexpected(line);
      ++messages_received_;
      events_.OnDelivery(*message);
    } else {
      events_.OnUnexpected(line);
    }
  }

  void OnNotice(std::string_view line) {
    const std::string_view rest = line.substr(2);
    const std::size_t space = rest.find(' ');
    const std::optional<int> who = MemberIndex(rest.substr(0, space));
    const std::string_view what = space == std::string_view::npos ? "" : rest.substr(space + 1);
    if (who && what == "joined") {
      events_.OnJoinLine(*who);
    } else if (who && what == "was too slow and was dropped") {
      events_.OnDropNotice(*who);
    } else if (!who || what != "left") {
      events_.OnUnexpected(line);
    }
  }

  void Flush() {
    if (writing_ || writes_.empty() || ended_) return;
    writing_ = true;
    asio::async_write(socket_, asio::buffer(writes_.front()), [this](ErrorCode error, std::size_t) {
      writing_ = false;
      writes_.pop_front();
      if (error) return End();
      Flush();
    });
  }

  void End() {
    if (std::exchange(ended_, true)) return;
    ErrorCode ignored;
    socket_.close(ignored);
    asked_ ? events_.OnEnded() : events_.OnConnectFailed();
  }

  Events& events_;
  const int index_;
  const Strand strand_;
  tcp::socket socket_;
  std::array<char, 16 * 1024> buffer_{};
  std::string partial_;
  std::deque<std::string> writes_;
  bool writing_ = false;
  bool asked_ = false;
  bool ended_ = false;
  int messages_received_ = 0;
};

class Load final : private Events {
 public:
  explicit Load(const LoadOptions& options)
      : options_(options),
        messages_(options.senders * options.messages),
        join_state_(options.members),
        dropped_(options.members),
        message_state_(messages_),
        sent_at_(messages_),
        latency_(messages_) {
    for (int i = 0; i < options.members; ++i) {
      members_.push_back(std::make_unique<Member>(static_cast<Events&>(*this), i, io_));
    }
  }

  int Run(std::ostream& out) {
    start_ = Clock::now();
    const tcp::endpoint at =
        *tcp::resolver(io_).resolve(options_.host, std::to_string(options_.port)).begin();
    auto work = asio::make_work_guard(io_);
    std::vector<std::jthread> threads;
    for (int i = 0; i < options_.threads; ++i) threads.emplace_back([this] { io_.run(); });
    const bool finished = Connect(at, out) && Join(out) && Send(out);
    Hold(out);
    io_.stop();
    threads.clear();
    return Summary(finished, out);
  }

 private:
  bool Connect(const tcp::endpoint& at, std::ostream& out) {
    const Clock::time_point began = Clock::now();
    connect_pacer_.emplace(options_.connecting, options_.members,
                           [this, at](int i) { members_[i]->Connect(at); });
    connect_pacer_->Start();
    const int goal = options_.members;
    if (!Wait(
            "connect", [&] { return asked_.load() + connect_failed_.load(); }, goal, out))
      return false;
    out << "connect: " << asked_ << " connections asked for a name in " << std::fixed
        << std::setprecision(2) << Seconds(Clock::now() - began) << " s (" << connect_failed_
        << " failed)" << std::endl;
    return connect_failed_ == 0;
  }

  bool Join(std::ostream& out) {
    const Clock::time_point began = Clock::now();
    join_pacer_.emplace(options_.window, options_.members,
                        [this](int i) { members_[i]->Send("m" + std::to_string(i) + "\n"); });
    join_pacer_->Start();
    if (!Wait(
            "join", [&] { return joined_.load(); }, options_.members, out))
      return false;
    const double seconds = Seconds(Clock::now() - began);
    const double lines = static_cast<double>(join_lines_.load());
    out << "join: " << joined_ << " members in " << seconds << " s; " << join_lines_
        << " \"joined\" lines delivered, " << std::setprecision(3) << lines / seconds / 1e6
        << " M/s" << std::setprecision(2) << std::endl;
    return true;
  }

  bool Send(std::ostream& out) {
    const Clock::time_point began = Clock::now();
    const int senders = options_.senders;
    // Round robin: one message from each sender in turn, each sender's in order.
    const int window =
        options_.send_window > 0 ? options_.send_window : std::min(senders, options_.window);
    send_pacer_.emplace(window, messages_, [this, senders](int i) {
      const int sender = i % senders;
      const int message = sender * options_.messages + i / senders;
      ++sent_by_[sender];
      members_[sender]->Send("msg " + std::to_string(message) + "\n", message);
    });
    sent_by_.assign(senders, 0);
    send_pacer_->Start();
    const bool done = Wait(
        "send", [&] { return completed_.load(); }, messages_, out);
    const double seconds = Seconds(Clock::now() - began);
    out << "send: " << completed_ << " of " << messages_ << " messages (" << senders
        << " senders x " << options_.messages << ", " << window << " in flight) delivered to all "
        << options_.members - 1 << " others in " << seconds << " s: " << deliveries_
        << " deliveries, " << std::setprecision(3)
        << static_cast<double>(deliveries_.load()) / seconds / 1e6 << " M/s" << std::setprecision(2)
        << std::endl;
    if (completed_ > 0) ReportLatency(out);
    return done;
  }

  void ReportLatency(std::ostream& out) {
    std::vector<std::int64_t> done;
    for (int i = 0; i < messages_; ++i) {
      if (latency_[i] > 0) done.push_back(latency_[i]);
    }
    std::sort(done.begin(), done.end());
    const auto at = [&](double q) {
      return static_cast<double>(done[static_cast<std::size_t>(q * (done.size() - 1))]) / 1e6;
    };
    out << "fan-out latency (write to last delivery): p50 " << at(0.5) << " ms, p99 " << at(0.99)
        << " ms, max " << at(1.0) << " ms" << std::endl;
  }

  // The server closes the connections (the bench stops it now, so that it
  // measures the server before 10,000 members leave one by one).
  void Hold(std::ostream& out) {
    holding_ = true;
    out << "holding " << asked_ - ended_ << " connections until the server closes them"
        << std::endl;
    const Clock::time_point until = Clock::now() + std::chrono::seconds(30);
    while (ended_ < asked_ && Clock::now() < until && Clock::now() < Deadline()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  int Summary(bool finished, std::ostream& out) {
    // Lost: a message a member that was never dropped should have read.
    std::int64_t lost = 0;
    int launched = 0;
    for (int sent : sent_by_) launched += sent;
    for (int i = 0; i < options_.members && !sent_by_.empty(); ++i) {
      if (dropped_[i]) continue;
      const int own = i < options_.senders ? sent_by_[i] : 0;
      lost += launched - own - members_[i]->MessagesReceived();
    }
    int dropped = 0;
    for (const auto& flag : dropped_) dropped += flag.load() ? 1 : 0;
    out << "lost: " << lost << " (of members never dropped); dropped: " << dropped
        << "; closed early by the server: " << ended_before_hold_
        << "; unexpected lines: " << unexpected_ << std::endl;
    return finished && lost == 0 && dropped == 0 && unexpected_ == 0 ? 0 : 1;
  }

  Clock::time_point Deadline() const { return start_ + options_.time_limit; }

  // Polls `done` until it reaches `goal`: false, saying why, at the time
  // limit or when nothing has moved for the stall limit.
  bool Wait(const char* phase, const std::function<int()>& done, int goal, std::ostream& out) {
    std::int64_t last = -1;
    Clock::time_point moved = Clock::now();
    Clock::time_point said = Clock::now();
    while (done() < goal) {
      const Clock::time_point now = Clock::now();
      const std::int64_t progress = Progress();
      if (progress != last) {
        last = progress;
        moved = now;
      }
      const char* why = now > Deadline()                     ? "the time limit"
                        : now - moved > options_.stall_limit ? "a stall (nothing moved)"
                                                             : nullptr;
      if (why || now - said > std::chrono::seconds(10)) {
        out << phase << ": " << done() << " of " << goal << " after " << std::fixed
            << std::setprecision(1) << Seconds(now - start_) << " s"
            << (why ? std::string(", gave up at ") + why : std::string()) << std::endl;
        said = now;
      }
      if (why) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
  }

  std::int64_t Progress() const {
    return asked_ + connect_failed_ + join_lines_ + joined_ + deliveries_ + ended_;
  }

  void OnAsked() override {
    ++asked_;
    connect_pacer_->Done();
  }
  void OnConnectFailed() override {
    ++connect_failed_;
    connect_pacer_->Done();
  }
  void OnEnded() override {
    ++ended_;
    if (!holding_) ++ended_before_hold_;
  }
  void OnWelcome(int member, int others) override { AddToJoin(member, kWelcomed - others); }
  void OnJoinLine(int joined) override {
    ++join_lines_;
    AddToJoin(joined, 1);
  }
  void AddToJoin(int member, std::int64_t count) {
    if (member < 0 || member >= options_.members) return OnUnexpected("a member out of range");
    if (join_state_[member].fetch_add(count) + count != kWelcomed) return;
    ++joined_;
    join_pacer_->Done();
  }
  void OnDropNotice(int member) override {
    if (member >= 0 && member < options_.members) dropped_[member] = true;
  }
  void OnSending(int message) override { sent_at_[message] = (Clock::now() - start_).count(); }
  void OnDelivery(int message) override {
    if (message < 0 || message >= messages_) return OnUnexpected("a message out of range");
    ++deliveries_;
    if (message_state_[message].fetch_add(1) + 1 != options_.members - 1) return;
    latency_[message] = (Clock::now() - start_).count() - sent_at_[message];
    ++completed_;
    send_pacer_->Done();
  }
  void OnUnexpected(std::string_view) override { ++unexpected_; }

  const LoadOptions options_;
  const int messages_;
  Clock::time_point start_;
  asio::io_context io_;
  std::vector<std::unique_ptr<Member>> members_;  // after io_: closed before it goes
  std::optional<Pacer> connect_pacer_, join_pacer_, send_pacer_;
  std::vector<int> sent_by_;  // by the pacer, under its mutex; read once it is all over
  std::atomic<int> asked_ = 0, connect_failed_ = 0, ended_ = 0, ended_before_hold_ = 0;
  std::atomic<int> joined_ = 0, completed_ = 0, unexpected_ = 0;
  std::atomic<bool> holding_ = false;
  std::atomic<std::int64_t> join_lines_ = 0, deliveries_ = 0;
  std::vector<std::atomic<std::int64_t>> join_state_;
  std::vector<std::atomic<bool>> dropped_;
  std::vector<std::atomic<int>> message_state_;
  std::vector<std::atomic<std::int64_t>> sent_at_;  // ns since start_
  std::vector<std::int64_t> latency_;               // ns; written by the one that completes it
};

}  // namespace

int RunLoad(const LoadOptions& options, std::ostream& out) {
  Load load(options);
  return load.Run(out);
}

}  // namespace chat_load
