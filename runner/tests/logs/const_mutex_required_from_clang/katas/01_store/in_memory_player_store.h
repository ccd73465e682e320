#pragma once
#include <map>
#include <mutex>
#include <string>

class InMemoryPlayerStore {
 public:
  int GetPlayerScore(const std::string& name) const;
  void RecordWin(const std::string& name);

 private:
  std::mutex mutex_;
  std::map<std::string, int> scores_;
};
