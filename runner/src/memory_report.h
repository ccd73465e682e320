// The second build's reports, condensed into Problems: AddressSanitizer
// ("==12==ERROR: AddressSanitizer: heap-use-after-free ..."), LeakSanitizer
// (at exit), UndefinedBehaviorSanitizer ("file:12:5: runtime error: signed
// integer overflow ...") and the standard library's own checks
// (_GLIBCXX_ASSERTIONS: "stl_vector.h:1123: ...: Assertion '__n <
// this->size()' failed.", then abort). Verdicts MEMORY and UB; a report of
// another kind (a stack overflow, an abort) is a CRASH, as in the first
// build.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "verdict.h"

namespace kata {

// Where a report starts in the run's lines; `end` is one past its last line.
bool IsMemoryReportStart(const std::vector<std::string>& lines, size_t i);
size_t MemoryReportEnd(const std::vector<std::string>& lines, size_t start);

// The report lines[start, end) as a problem of `test` (the running test; a
// leak, reported at exit, names its test from the allocation's stack).
Problem MemoryProblem(const std::vector<std::string>& lines, size_t start, size_t end, const std::string& test,
                      const SourceContext& context);

// A leak is reported at exit, outside every test: the test whose body made
// the allocation ("Suite_Name_Test::TestBody" among the report's frames), of
// `tests` ("Suite.Name", "Prefix/Suite.Name/0"), or "".
std::string LeakingTest(const std::vector<std::string>& lines, size_t start, size_t end,
                        const std::vector<std::string>& tests);

// "heap-use-after-free" -> what it means, in plain words.
std::string ExplainMemoryError(const std::string& kind);

}  // namespace kata
