#include "testkit/temp_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "testkit/todo.h"

namespace kata::testkit {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
namespace fs = std::filesystem;

TEST(TempFile, HoldsItsContentsAndIsRemovedWithItsFolder) {
  fs::path path, dir;
  {
    TempFile file("[]\n");
    path = file.Path();
    dir = file.Dir();
    EXPECT_EQ(file.Read(), "[]\n");
    WriteFile(dir / "sibling.tmp", "x");  // as an atomic save would
    file.Write("new");
    EXPECT_EQ(ReadFile(path), "new");
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(fs::exists(dir));
}

TEST(TempFile, MissingGivesAPathWithNoFile) {
  auto file = TempFile::Missing("league.json");
  EXPECT_FALSE(fs::exists(file.Path()));
  EXPECT_TRUE(fs::is_directory(file.Dir()));
  EXPECT_EQ(file.Path().filename(), "league.json");
}

TEST(ReadFile, NamesTheFileItCannotRead) {
  try {
    ReadFile("/nonexistent/kata/file");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/kata/file"));
  }
}

void Unfinished() { KATA_TODO("write Unfinished"); }

TEST(KataTodo, NamesTheFunctionFileAndLine) {
  try {
    Unfinished();
    FAIL() << "expected a TodoError";
  } catch (const TodoError& e) {
    EXPECT_THAT(e.what(), MatchesRegex("KATA_TODO at testkit/tests/temp_file_test.cpp:[0-9]+ in "
                                       "kata::testkit::.*Unfinished: write Unfinished"));
  }
}

}  // namespace
}  // namespace kata::testkit
