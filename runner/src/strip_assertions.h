// A test file with its assertions taken out, for the self-check that a
// write-the-test step's judge can fail: the reference test without them must
// be WEAK, never PASS.
//
// Thread safety: a pure function.
#pragma once

#include <string>
#include <string_view>

namespace kata {

// Removes every statement that starts a line with EXPECT_, ASSERT_, FAIL()
// or ADD_FAILURE(), through its ';' (outside parentheses, braces, string
// and character literals), and the lines it spanned.
std::string WithoutAssertions(std::string_view source);

}  // namespace kata
