// Small text helpers shared by the runner's parsers of test, TSan, gdb and
// compiler output (verdict.cpp, tsan_report.cpp, gtest_output.cpp,
// thread_dump.cpp, build.cpp). Not part of the runner's interface.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "verdict.h"

namespace kata::parse {

bool StartsWith(std::string_view text, std::string_view prefix);
bool Contains(std::string_view text, std::string_view part);
std::string Trim(std::string_view text);

// Lines are cut to this length. libstdc++'s std::regex recurses once per
// character it matches, and a line of some 30,000 characters overflowed the
// runner's stack (found by tests/fuzz/runner_output.cpp). Nothing the runner
// looks for is that long.
constexpr size_t kMaxLineLength = 8192;
std::vector<std::string> SplitLines(std::string_view text);

// Makes an absolute path inside the root relative; says whether the file is
// one of the repository's own sources (not a system header, not the build).
std::string RelativePath(const std::string& file, const SourceContext& context, bool& in_repo);

// "12" -> 12; 0 for a number too large for an int (std::stoi would throw).
int LineNumber(std::string_view digits);

bool IsTestFile(const std::string& file);
bool IsLearnerFile(const Frame& frame, const SourceContext& context);

// " (pid=12)", " at 0x7f..", "tid=3, " removed: what stays is the same every run.
std::string StripAddresses(const std::string& text);

std::string Clip(std::string text);           // at most 100 characters
std::string FrameLine(const Frame& frame);    // "      file:line  Function"

}  // namespace kata::parse
