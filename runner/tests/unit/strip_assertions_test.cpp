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

// clang-format puts a short test on one line: its assertions go too.
TEST(WithoutAssertions, RemovesAssertionsAfterABraceOrASemicolonOnTheSameLine) {
  const char* test = R"(TEST(A, B) { EXPECT_EQ(F(), 1); }
TEST(A, C) { int x = F(); EXPECT_TRUE(x > 0) << "a ; in a string"; Use(x); }
TEST(A, D) { if (F()) EXPECT_EQ(F(), 2); }
)";
  EXPECT_EQ(kata::WithoutAssertions(test), R"(TEST(A, B) {  }
TEST(A, C) { int x = F();  Use(x); }
TEST(A, D) { if (F()) EXPECT_EQ(F(), 2); }
)");
}

TEST(WithoutAssertions, LeavesAFileWithoutAssertionsAsItIs) {
  const char* test = "#include <x>\n\nint main() { return 0; }\n";
  EXPECT_EQ(kata::WithoutAssertions(test), test);
}

}  // namespace
