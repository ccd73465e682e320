#include "memory_report.h"

#include <algorithm>
#include <regex>

#include "parse_util.h"
#include "tsan_report.h"

namespace kata {

using parse::Contains;
using parse::StartsWith;
using parse::Trim;

namespace {

// "file.cpp:10:34: runtime error: signed integer overflow: ..."
const std::regex& UbsanLine() {
  static const std::regex pattern(R"(^(.+?):(\d+):(\d+): runtime error: (.*)$)");
  return pattern;
}

// "/usr/include/c++/12/bits/stl_vector.h:1123: <function>: Assertion '__n < this->size()' failed."
const std::regex& LibraryAssertion() {
  static const std::regex pattern(R"(^(/[^: ]*/c\+\+/[^: ]+):(\d+): (.*): Assertion '(.*)' failed\.$)");
  return pattern;
}

bool IsAsanError(const std::string& line) {
  return StartsWith(line, "==") &&
         (Contains(line, "ERROR: AddressSanitizer: ") || Contains(line, "ERROR: LeakSanitizer: "));
}

// The kind after "ERROR: AddressSanitizer: ", without addresses.
std::string AsanKind(const std::string& line) {
  size_t at = line.find("Sanitizer: ");
  std::string kind = at == std::string::npos ? line : line.substr(at + 11);
  for (std::string_view cut : {" on address", " on unknown address", " (pc ", " at pc"}) {
    size_t end = kind.find(cut);
    if (end != std::string::npos) kind = kind.substr(0, end);
  }
  if (StartsWith(kind, "attempting ")) kind = kind.substr(11);
  return Trim(kind);
}

// An ASan frame ("#0 0x55c7 in Fn(int) /src/x.cpp:8") in TSan's shape ("#0 Fn(int) /src/x.cpp:8").
bool ParseAsanFrame(const std::string& line, const SourceContext& context, Frame& frame) {
  static const std::regex kAddress(R"(^(\s*#\d+ )0x[0-9a-f]+ in )");
  return ParseTsanFrame(std::regex_replace(line, kAddress, "$1"), context, frame);
}

// Each header line ("READ of size 4 ...", "freed by thread T0 here:") with its frames.
struct ReportSection {
  std::string header;
  std::vector<Frame> frames;
};

constexpr size_t kMaxSections = 24;

std::vector<ReportSection> ReportSections(const std::vector<std::string>& lines, size_t start, size_t end,
                              const SourceContext& context) {
  std::vector<ReportSection> sections;
  for (size_t i = start; i < end; ++i) {
    Frame frame;
    if (ParseAsanFrame(lines[i], context, frame)) {
      if (sections.empty()) sections.push_back({"", {}});
      sections.back().frames.push_back(frame);
      continue;
    }
    std::string text = Trim(lines[i]);
    if (StartsWith(text, "Shadow bytes")) break;  // the shadow memory's map: not for a learner
    if (StartsWith(text, "==") && !StartsWith(text, "=====")) {  // "==12==Hint: address points to the zero page."
      size_t at = text.find("==", 2);
      text = at == std::string::npos ? "" : text.substr(at + 2);
      if (!StartsWith(text, "Hint:") && !StartsWith(text, "The signal")) continue;
    }
    if (text.empty() || StartsWith(text, "=====") || StartsWith(text, "SUMMARY:") || Contains(text, "DEADLYSIGNAL") ||
        StartsWith(text, "AddressSanitizer can not") || StartsWith(text, "HINT:") || StartsWith(text, "(longjmp") ||
        StartsWith(text, "This frame has")) {
      continue;
    }
    // A stack frame's objects: only the one the access hit says something.
    static const std::regex kObject(R"(^\[\d+, \d+\) '(.+)' \(line (\d+)\)(.*)$)");
    std::smatch object;
    if (std::regex_match(text, object, kObject)) {
      if (!Contains(object[3].str(), "<==")) continue;
      if (!sections.empty()) sections.back().header += ": '" + object[1].str() + "', declared at line " + object[2].str();
      continue;
    }
    // A real report has a handful of sections; text that is not one (a
    // report cut short, with whatever followed it) is not read any further.
    if (sections.size() == kMaxSections) break;
    sections.push_back({parse::StripAddresses(text), {}});
  }
  return sections;
}

// "0x6020 is located 0 bytes to the right of 12-byte region [0x..,0x..)" ->
// "12-byte block, 0 bytes to the right of it".
std::string LocatedIn(const std::string& header) {
  static const std::regex kRegion(R"(is located (.*) of (\d+)-byte region)");
  std::smatch match;
  if (std::regex_search(header, match, kRegion)) {
    static const std::regex kWhere(R"((\d+) bytes? (to the right|to the left|inside))");
    std::smatch where;
    std::string what = match[1].str();
    std::string at = what;
    if (std::regex_search(what, where, kWhere)) {
      at = where[2] == "to the right" ? where[1].str() + " bytes past its end"
           : where[2] == "to the left" ? where[1].str() + " bytes before its start"
                                       : where[1].str() + " bytes into it";
    }
    return "in or next to a " + match[2].str() + "-byte block: the access is " + at;
  }
  static const std::regex kVariable(R"(is located in stack of thread (T\d+).* in frame(.*))");
  if (std::regex_search(header, match, kVariable)) return "a local variable of thread " + match[1].str() + match[2].str();
  return header;
}

void AddReportSection(const ReportSection& section, std::vector<std::string>& out, size_t limit) {
  std::string header = section.header;
  if (Contains(header, " is located ")) header = LocatedIn(header);
  if (!header.empty()) out.push_back("  " + header);
  size_t shown = 0;
  for (const auto& frame : section.frames) {
    if (!frame.in_repo || shown == limit) continue;
    out.push_back(parse::FrameLine(frame));
    ++shown;
  }
  if (shown == 0) {  // nothing of ours: the top frames say what was being done
    for (size_t k = 0; k < std::min<size_t>(section.frames.size(), 2); ++k) {
      out.push_back(parse::FrameLine(section.frames[k]));
    }
  }
}

std::string FirstReportFrame(const std::vector<ReportSection>& sections, const SourceContext& context, bool learner) {
  for (const auto& section : sections) {
    for (const auto& frame : section.frames) {
      if (frame.in_repo && (!learner || parse::IsLearnerFile(frame, context))) return frame.Where();
    }
  }
  return "";
}

}  // namespace

std::string ExplainMemoryError(const std::string& kind) {
  if (kind == "heap-buffer-overflow") return "read or written past the end (or before the start) of a heap block";
  if (kind == "stack-buffer-overflow") return "read or written past the end of a local array";
  if (kind == "global-buffer-overflow") return "read or written past the end of a global array";
  if (kind == "heap-use-after-free") return "memory used after it was freed (a dangling pointer, reference, iterator or view?)";
  if (kind == "stack-use-after-return") return "a local variable used after its function returned (a reference or view that outlived it?)";
  if (kind == "stack-use-after-scope") return "a local variable used after its scope ended";
  if (kind == "double-free") return "the same memory freed twice";
  if (kind == "alloc-dealloc-mismatch") return "freed the wrong way (new[] with delete, or malloc with delete?)";
  if (kind == "new-delete-type-mismatch") return "deleted through a pointer to the wrong type (a base class without a virtual destructor?)";
  if (StartsWith(kind, "SEGV")) return "an invalid memory access (a null or dangling pointer?)";
  if (kind == "detected memory leaks") return "memory allocated and never freed";
  return kind;
}

std::string LeakingTest(const std::vector<std::string>& lines, size_t start, size_t end,
                        const std::vector<std::string>& tests) {
  for (size_t i = start; i < end; ++i) {
    for (const auto& test : tests) {
      // "Prefix/Suite.Name/0" -> "Suite_Name_Test::TestBody"
      size_t dot = test.find('.');
      if (dot == std::string::npos) continue;
      size_t slash = test.rfind('/', dot);
      size_t from = slash == std::string::npos ? 0 : slash + 1;
      std::string name = test.substr(dot + 1);
      std::string body = test.substr(from, dot - from) + "_" + name.substr(0, name.find('/')) + "_Test::TestBody";
      if (Contains(lines[i], " " + body) || Contains(lines[i], "::" + body)) return test;
    }
  }
  return "";
}

// The regular expressions only on lines that can match (libstdc++'s
// std::regex backtracks: every line of a long log through it was slow).
bool IsUbsanLine(const std::string& line) {
  return Contains(line, ": runtime error: ") && std::regex_match(line, UbsanLine());
}
bool IsLibraryAssertion(const std::string& line) {
  return Contains(line, "' failed.") && Contains(line, "Assertion '") && std::regex_match(line, LibraryAssertion());
}

bool IsMemoryReportStart(const std::vector<std::string>& lines, size_t i) {
  const std::string& line = lines[i];
  if (IsAsanError(line)) return AsanKind(line) != "stack-overflow";  // the first build explains recursion
  return IsUbsanLine(line) || IsLibraryAssertion(line);
}

size_t MemoryReportEnd(const std::vector<std::string>& lines, size_t start) {
  bool leak = Contains(lines[start], "LeakSanitizer");
  bool library = IsLibraryAssertion(lines[start]);
  bool asan = IsAsanError(lines[start]) || library;
  size_t j = start + 1;
  for (; j < lines.size(); ++j) {
    const std::string& next = lines[j];
    // GoogleTest's own lines are never part of a report (a report cut short
    // by a crash has no ABORTING line).
    if (StartsWith(next, "[ RUN      ] ") || StartsWith(next, "[       OK ] ") || StartsWith(next, "[  FAILED  ] ") ||
        StartsWith(next, "[----------]") || StartsWith(next, "[==========]")) {
      return j;
    }
    if (leak && StartsWith(next, "SUMMARY: ")) return j + 1;
    if (asan && !leak && StartsWith(next, "==") && Contains(next, "==ABORTING")) return j + 1;
    if (!asan && !leak && !StartsWith(Trim(next), "#")) {
      return StartsWith(next, "SUMMARY: UndefinedBehaviorSanitizer") ? j + 1 : j;
    }
    // The standard library's assertion without AddressSanitizer's stack.
    if (library && j == start + 1 && !IsAsanError(next) && !Contains(next, "DEADLYSIGNAL") &&
        !StartsWith(next, "=====")) {
      return j;
    }
  }
  return j;
}

Problem MemoryProblem(const std::vector<std::string>& lines, size_t start, size_t end, const std::string& test,
                      const SourceContext& context) {
  const std::string& line = lines[start];
  Problem problem;
  problem.test = test;
  std::smatch match;
  std::vector<ReportSection> sections = ReportSections(lines, start + 1, end, context);
  if (std::regex_match(line, match, UbsanLine())) {
    problem.verdict = Verdict::kUb;
    problem.kind = "undefined-behaviour";
    problem.headline = "undefined behaviour: " + parse::StripAddresses(match[4].str());
  } else if (std::regex_match(line, match, LibraryAssertion())) {
    problem.verdict = Verdict::kUb;
    problem.kind = "library-check";
    std::string function = match[3].str();
    function = function.substr(0, function.find(" [with "));
    problem.headline = "the standard library's check failed in " + parse::Clip(ShortFunction(function)) + ": " +
                       match[4].str() + " (an index past the end? an empty optional or container?)";
    // The abort's own frames (raise, abort, __glibcxx_assert_fail) say nothing.
    for (auto& section : sections) {
      auto ours = std::find_if(section.frames.begin(), section.frames.end(),
                               [](const Frame& f) { return !Contains(f.function, "assert_fail") && !Contains(f.function, "abort") &&
                                                           !Contains(f.function, "raise") && !Contains(f.function, "pthread_kill"); });
      section.frames.erase(section.frames.begin(), ours);
      section.header.clear();
    }
  } else {
    std::string kind = AsanKind(line);
    bool leak = Contains(line, "LeakSanitizer");
    bool memory = leak || kind != "ABRT";
    problem.verdict = memory ? Verdict::kMemory : Verdict::kCrash;
    problem.kind = leak ? "leak" : memory ? "memory" : "";
    problem.headline = leak ? "memory leak: " + ExplainMemoryError(kind)
                            : memory ? kind + ": " + ExplainMemoryError(kind) : "AddressSanitizer: " + kind;
    if (leak) {
      for (size_t i = start; i < end; ++i) {
        if (StartsWith(lines[i], "SUMMARY: ")) problem.headline += " (" + Trim(lines[i].substr(lines[i].find(": ", 9) + 2)) + ")";
      }
    }
  }
  size_t limit = 4;
  for (const auto& section : sections) AddReportSection(section, problem.details, limit);
  std::string learner = FirstReportFrame(sections, context, true);
  problem.location = learner.empty() ? FirstReportFrame(sections, context, false) : learner;
  return problem;
}

}  // namespace kata
