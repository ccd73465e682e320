// What GoogleTest and the C++ runtime print about a failure, read into a
// Problem: a failed assertion, a KATA_TODO, an exception thrown in the test
// body, std::terminate's reason, a failed assert().
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "verdict.h"

namespace kata {

// "file:line: Failure" or "unknown file: Failure" (an exception gtest caught).
bool IsFailureStart(const std::string& line);

// The problem of a test that gtest reported FAILED, from the lines it printed
// while the test ran.
Problem FailureProblem(const std::string& test, const std::vector<std::string>& test_lines,
                       const SourceContext& context);

// The exception type libstdc++ throws with this what() ("map::at" ->
// "std::out_of_range"), or "" when it is not one of the well-known ones.
std::string KnownExceptionType(const std::string& what);

// Where the learner's files throw an exception with this what(): the first
// line with a string literal that starts with it (or with its longest prefix
// that ends a word, at least 8 characters, for a message built from pieces);
// "" when none does.
std::string FindThrowSite(const std::string& what, const SourceContext& context);

// What std::terminate said, and why: lines[i] starts with "terminate called".
struct Termination {
  std::string headline;  // "uncaught exception std::logic_error: ..." or "a std::thread ... joinable"
  std::string kind;      // "exception" or "thread-not-joined"
};
Termination ReadTermination(const std::vector<std::string>& lines, size_t i);

// "bin: file:line: function: Assertion `expr' failed." -> "assertion failed: expr (in function)"; false otherwise.
bool ReadAssertion(const std::string& line, std::string& headline);

}  // namespace kata
