// Step 6, the reference for the test you write: a file that is not a league
// is refused with an error that names it, and left exactly as it was, with
// nothing written next to it. Several kinds of wrong (not JSON, only blank
// space, valid JSON of the wrong shape, trailing blank lines), because each
// broken store goes wrong on a different one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <string_view>

#include "file_store_test_helpers.h"
#include "file_system_player_store.h"
#include "testkit/temp_file.h"

namespace file_store {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::ErrorFrom;
using testing::FilesIn;
namespace testkit = kata::testkit;

constexpr std::string_view kNotLeagues[] = {"not json", "   \n", "{}", "[1, 2, 3]\n\n"};

TEST(CorruptFile, IsRefusedWithAnErrorThatNamesTheFile) {
  for (std::string_view contents : kNotLeagues) {
    SCOPED_TRACE(contents);
    testkit::TempFile db(contents);

    auto message = ErrorFrom([&] { FileSystemPlayerStore store(db.Path()); });

    EXPECT_THAT(message, HasSubstr(db.Path().string()));
  }
}

TEST(CorruptFile, IsLeftByteForByteAsItWasWithNothingNextToIt) {
  for (std::string_view contents : kNotLeagues) {
    SCOPED_TRACE(contents);
    testkit::TempFile db(contents);

    EXPECT_THROW(FileSystemPlayerStore store(db.Path()), std::runtime_error);

    EXPECT_EQ(db.Read(), contents);
    EXPECT_THAT(FilesIn(db.Dir()), ElementsAre("db.json"));
  }
}

}  // namespace
}  // namespace file_store
