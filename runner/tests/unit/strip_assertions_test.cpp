// WithoutAssertions: the copy of a reference test the self-checks prove WEAK.
#include "strip_assertions.h"

#include <gtest/gtest.h>

namespace {

TEST(WithoutAssertions, RemovesEachAssertionThroughItsSemicolon) {
  const char* test = R"(TEST(A, B) {
  int calls = 0;
  EXPECT_EQ(calls, 1);
  ASSERT_TRUE(Never([&] { return done; }, 50ms))
      << "it said; \"no\"";
  if (calls > 2) FAIL() << "kept: not at the start of the line";
  FAIL() << "gone";
  Use(calls);
}
)";
  EXPECT_EQ(kata::WithoutAssertions(test), R"(TEST(A, B) {
  int calls = 0;
  if (calls > 2) FAIL() << "kept: not at the start of the line";
  Use(calls);
}
)");
}

TEST(WithoutAssertions, LeavesAFileWithoutAssertionsAsItIs) {
  const char* test = "#include <x>\n\nint main() { return 0; }\n";
  EXPECT_EQ(kata::WithoutAssertions(test), test);
}

}  // namespace
