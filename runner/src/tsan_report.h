// One ThreadSanitizer report (a "WARNING: ThreadSanitizer: ..." block or an
// "ERROR: ThreadSanitizer: ..." crash), condensed into a Problem.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "verdict.h"

namespace kata {

// "    #3 Counter::Add(int) /work/main/x/counter.cpp:12 (bin+0x1234)"
bool ParseTsanFrame(const std::string& line, const SourceContext& context, Frame& frame);

// Where a report starts and ends in the run's lines: the first line is a
// report's first line; `end` is one past its last.
bool IsTsanReportStart(const std::string& line);
size_t TsanReportEnd(const std::vector<std::string>& lines, size_t start);

// The report lines[start, end) as a problem of `test`.
Problem TsanProblem(const std::vector<std::string>& lines, size_t start, size_t end, const std::string& test,
                    const SourceContext& context);

// TSan's own "CHECK failed" (its stack depot overflows when the program's
// stack is thousands of frames deep): the frame that repeats, or "".
// `lines` is the whole run; the report printed with the CHECK is searched.
bool IsTsanCheckFailure(const std::string& line);

// The function that occurs most often among the frames of lines[start, end)
// when one occurs many times (a recursion), with the learner's frame first.
bool FindRecursion(const std::vector<std::string>& lines, size_t start, size_t end, const SourceContext& context,
                   Frame& recursing);

}  // namespace kata
