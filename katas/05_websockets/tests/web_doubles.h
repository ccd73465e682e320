// Test doubles for kata 5: a spy game and its factory, a stub league store,
// and an in-process websocket connection that records what is sent.
//
// Thread safety: SpyGameFactory and FakeConnection may be used from any
// thread (games start on the server's connection threads, alerts are sent
// from the clock's); StubLeagueStore is read-only after construction.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "game_factory.h"
#include "kata/websocket.h"
#include "league_store.h"

namespace websockets::testing {

// Hands out spy games and remembers what every one of them was told.
class SpyGameFactory : public GameFactory {
 public:
  std::unique_ptr<cli_poker::Game> NewGame() override { return std::make_unique<Spy>(*this); }

  std::vector<int> StartedWith() const {
    std::scoped_lock lock(mutex_);
    return started_with_;
  }
  std::vector<std::string> FinishedWith() const {
    std::scoped_lock lock(mutex_);
    return finished_with_;
  }

 private:
  class Spy : public cli_poker::Game {
   public:
    explicit Spy(SpyGameFactory& factory) : factory_(factory) {}
    void Start(int players, std::ostream&) override {
      std::scoped_lock lock(factory_.mutex_);
      factory_.started_with_.push_back(players);
    }
    void Finish(std::string_view winner) override {
      std::scoped_lock lock(factory_.mutex_);
      factory_.finished_with_.emplace_back(winner);
    }

   private:
    SpyGameFactory& factory_;
  };

  mutable std::mutex mutex_;
  std::vector<int> started_with_;
  std::vector<std::string> finished_with_;
};

class StubLeagueStore : public json_league::LeagueStore {
 public:
  explicit StubLeagueStore(std::vector<json_league::Player> league = {})
      : league_(std::move(league)) {}
  std::optional<int> GetPlayerScore(std::string_view name) const override {
    for (const auto& player : league_) {
      if (player.name == name) return player.wins;
    }
    return std::nullopt;
  }
  void RecordWin(std::string_view) override {}
  std::vector<json_league::Player> GetLeague() const override { return league_; }

 private:
  std::vector<json_league::Player> league_;
};

// A connection without a socket: records sent frames; Close() closes it.
class FakeConnection : public kata::ws::Connection {
 public:
  bool Send(std::string_view text) override {
    std::scoped_lock lock(mutex_);
    if (closed_) return false;
    sent_.emplace_back(text);
    return true;
  }
  std::optional<std::string> Receive(Clock::time_point) override {
    throw kata::ws::ClosedError("FakeConnection receives nothing");
  }
  void Close(kata::ws::CloseCode, std::string_view) override {
    std::scoped_lock lock(mutex_);
    closed_ = true;
  }
  bool IsOpen() const override {
    std::scoped_lock lock(mutex_);
    return !closed_;
  }
  std::vector<std::string> Sent() const {
    std::scoped_lock lock(mutex_);
    return sent_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> sent_;
  bool closed_ = false;
};

}  // namespace websockets::testing
