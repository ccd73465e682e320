// Helpers shared by the file store's tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <exception>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "league_json.h"
#include "player.h"
#include "testkit/temp_file.h"

namespace file_store::testing {

// The league the file holds now, decoded with kata 2's DecodeLeague.
inline std::vector<json_league::Player> LeagueInFile(const kata::testkit::TempFile& db) {
  return json_league::DecodeLeague(db.Read());
}

// The names of the files in a folder, sorted: a save must leave no
// temporary file behind.
inline std::vector<std::string> FilesIn(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// The message of the std::runtime_error that `action` throws; a test
// failure, and "", if it throws nothing.
inline std::string ErrorFrom(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  ADD_FAILURE() << "expected a std::runtime_error, but nothing was thrown";
  return "";
}

}  // namespace file_store::testing
