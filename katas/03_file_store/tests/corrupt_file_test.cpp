// Step 6: you write these tests. A file that is not a league is refused,
// with an error that names the file, and left exactly as it was: not
// rewritten, not tidied, nothing written next to it. The workbook judges
// your tests: they must pass against a correct store and fail against each
// of five broken ones (`make kata-3` says how many yours catch).
//
// The tools: testkit::TempFile db("contents") makes a file db.json in a
// temporary folder (db.Path(), db.Dir(), db.Read()); file_store_test_helpers.h
// has ErrorFrom (the message of what a function throws) and FilesIn (the
// names of the files in a folder).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "file_store_test_helpers.h"
#include "file_system_player_store.h"
#include "testkit/temp_file.h"
#include "testkit/todo.h"

namespace file_store {
namespace {

TEST(CorruptFile, IsRefusedWithAnErrorThatNamesTheFile) {
  KATA_TODO(
      "for several files that are not leagues (think of how many ways a file can be wrong): opening a "
      "FileSystemPlayerStore on it throws, and the message names the file");
}

TEST(CorruptFile, IsLeftByteForByteAsItWasWithNothingNextToIt) {
  KATA_TODO(
      "for the same files: after the refusal the file reads exactly as before, and it is the only file in its "
      "folder");
}

}  // namespace
}  // namespace file_store
