#include "tsan_report.h"

#include <algorithm>
#include <map>
#include <regex>

#include "parse_util.h"

namespace kata {

using parse::Contains;
using parse::StartsWith;
using parse::Trim;

bool ParseTsanFrame(const std::string& line, const SourceContext& context, Frame& frame) {
  std::string text = Trim(line);
  if (!StartsWith(text, "#")) return false;
  size_t space = text.find(' ');
  if (space == std::string::npos) return false;
  std::string rest = text.substr(space + 1);
  // clang's sanitizers add the binary's build id after the module.
  if (size_t build_id = rest.rfind(" (BuildId: "); build_id != std::string::npos && rest.back() == ')') {
    rest.resize(build_id);
  }
  if (!rest.empty() && rest.back() == ')') {
    size_t module = rest.rfind(" (");
    if (module != std::string::npos) rest = rest.substr(0, module);
  }
  size_t last_space = rest.rfind(' ');
  std::string location = last_space == std::string::npos ? "" : rest.substr(last_space + 1);
  static const std::regex kLocation(R"(^(.+?):(\d+)(:\d+)?$)");
  std::smatch match;
  if (std::regex_match(location, match, kLocation)) {
    frame.function = rest.substr(0, last_space);
    frame.file = parse::RelativePath(match[1].str(), context, frame.in_repo);
    frame.line = parse::LineNumber(match[2].str());
  } else {
    frame.function = rest;
    frame.file.clear();
    frame.line = 0;
    frame.in_repo = false;
  }
  return true;
}

bool IsTsanReportStart(const std::string& line) {
  return StartsWith(line, "WARNING: ThreadSanitizer: ") ||
         (StartsWith(line, "==") && Contains(line, "ERROR: ThreadSanitizer: "));
}

size_t TsanReportEnd(const std::vector<std::string>& lines, size_t start) {
  bool warning = StartsWith(lines[start], "WARNING:");
  size_t j = start + 1;
  for (; j < lines.size(); ++j) {
    const std::string& next = lines[j];
    if (warning && StartsWith(next, "==================")) return j + 1;
    if (!warning && StartsWith(next, "==") && Contains(next, "==ABORTING")) return j + 1;
    if (StartsWith(next, "[ RUN      ] ") || StartsWith(next, "[       OK ] ")) return j;
  }
  return j;
}

namespace {

struct Section {
  std::string header;
  std::vector<Frame> frames;
};

// Each header line ("Write of size 4 ... by thread T1:") with its frames.
std::vector<Section> Sections(const std::vector<std::string>& report, const SourceContext& context) {
  std::vector<Section> sections;
  for (const auto& line : report) {
    Frame frame;
    if (ParseTsanFrame(line, context, frame)) {
      if (sections.empty()) sections.push_back({"", {}});
      sections.back().frames.push_back(frame);
      continue;
    }
    std::string text = Trim(line);
    if (text.empty() || StartsWith(text, "SUMMARY:") || StartsWith(text, "WARNING:") ||
        StartsWith(text, "ThreadSanitizer") || StartsWith(text, "=====")) {
      continue;
    }
    if (StartsWith(text, "==")) {  // "==123==The signal is caused by a READ memory access."
      size_t end = text.find("==", 2);
      if (end != std::string::npos) text = text.substr(end + 2);
      if (StartsWith(text, "ERROR:") || StartsWith(text, "ABORTING")) continue;
    }
    sections.push_back({parse::StripAddresses(text), {}});
  }
  return sections;
}

bool IsAccess(const std::string& header) {
  for (std::string_view kind : {"Read of", "Write of", "Previous read", "Previous write", "Atomic read",
                                "Atomic write", "Previous atomic"}) {
    if (StartsWith(header, kind)) return true;
  }
  return false;
}

// A TSan report, condensed to what a learner needs: each section's header and
// its frames in the repository (or the top frames when it has none there).
struct CondensedReport {
  std::vector<std::string> lines;
  std::string location;          // the first repository frame
  std::string learner_location;  // the first frame in the learner's files
  std::string unlocked_location;  // the learner's frame of an access that holds no lock, when the other does
  bool some_access_locked = false;
};

void AddSectionLines(const Section& section, const std::vector<const Frame*>& shown, bool is_thread,
                     CondensedReport& out) {
  if (is_thread || StartsWith(section.header, "Location is")) {
    std::string line = "  " + section.header;
    if (!line.empty() && line.back() == ':') line.pop_back();
    if (!shown.empty()) line += " " + shown.front()->Where();
    out.lines.push_back(line);
    return;
  }
  if (!section.header.empty()) out.lines.push_back("  " + section.header);
  if (section.frames.empty()) return;
  // The top frame says what was being done (a std::map insert, a lock);
  // the repository frames say where in the learner's or kata's code.
  const Frame& top = section.frames.front();
  bool obvious = Contains(top.function, "mutex_lock") && StartsWith(section.header, "Mutex");
  if (!top.in_repo && !obvious) out.lines.push_back("      (in " + parse::Clip(ShortFunction(top.function)) + ")");
  size_t limit = std::min<size_t>(shown.size(), 4);
  for (size_t i = 0; i < limit; ++i) out.lines.push_back(parse::FrameLine(*shown[i]));
  if (shown.empty()) {
    for (size_t i = 1; i < std::min<size_t>(section.frames.size(), 3); ++i) {
      out.lines.push_back(parse::FrameLine(section.frames[i]));
    }
  }
}

CondensedReport CondenseTsanReport(const std::vector<std::string>& report, const SourceContext& context) {
  CondensedReport out;
  for (const auto& section : Sections(report, context)) {
    bool is_thread = StartsWith(section.header, "Thread T") || StartsWith(section.header, "Thread ");
    bool is_mutex_creation = StartsWith(section.header, "Mutex") && Contains(section.header, "created at");
    if (is_mutex_creation) continue;
    if (Contains(section.header, "'<null>'")) continue;  // says nothing the first line did not
    std::vector<const Frame*> shown;
    for (const auto& frame : section.frames) {
      if (frame.in_repo) shown.push_back(&frame);
    }
    if (out.location.empty() && !is_thread && !shown.empty()) out.location = shown.front()->Where();
    auto learner = std::find_if(shown.begin(), shown.end(), [&](const Frame* f) { return parse::IsLearnerFile(*f, context); });
    if (!is_thread && learner != shown.end()) {
      if (out.learner_location.empty()) out.learner_location = (*learner)->Where();
      bool locked = Contains(section.header, "(mutexes:");
      if (IsAccess(section.header) && !locked && out.unlocked_location.empty()) {
        out.unlocked_location = (*learner)->Where();
      }
    }
    if (IsAccess(section.header) && Contains(section.header, "(mutexes:")) out.some_access_locked = true;
    AddSectionLines(section, shown, is_thread, out);
  }
  if (!out.some_access_locked) out.unlocked_location.clear();
  return out;
}

Verdict TsanVerdict(const std::string& kind, bool is_error) {
  if (is_error) return Verdict::kCrash;
  if (StartsWith(kind, "lock-order-inversion") || StartsWith(kind, "double lock")) return Verdict::kDeadlock;
  return Verdict::kRace;
}

}  // namespace

Problem TsanProblem(const std::vector<std::string>& lines, size_t start, size_t end, const std::string& test,
                    const SourceContext& context) {
  const std::string& line = lines[start];
  bool error = !StartsWith(line, "WARNING:");
  std::vector<std::string> report(lines.begin() + static_cast<std::ptrdiff_t>(start),
                                  lines.begin() + static_cast<std::ptrdiff_t>(end));
  std::string kind = line.substr(line.find("ThreadSanitizer: ") + 17);
  kind = kind.substr(0, kind.find(" (pid="));
  Problem problem;
  problem.verdict = TsanVerdict(kind, error);
  problem.test = test;
  CondensedReport condensed = CondenseTsanReport(report, context);
  std::string short_kind = parse::StripAddresses(kind);
  if (error) short_kind = std::regex_replace(short_kind, std::regex(R"( \(pc .*\))"), "");
  problem.headline = "ThreadSanitizer: " + short_kind;
  problem.details = std::move(condensed.lines);
  problem.location = condensed.learner_location.empty() ? condensed.location : condensed.learner_location;
  if (StartsWith(kind, "lock-order-inversion")) problem.kind = "lock-order";
  if (StartsWith(kind, "stack-overflow")) problem.kind = "stack-overflow";
  if (!condensed.unlocked_location.empty()) {
    // One access holds a lock and the other does not: the unlocked one is the bug.
    problem.location = condensed.unlocked_location;
    problem.kind = "race-unlocked";
    problem.details.push_back("  the access at " + problem.location + " holds no lock (the other one does)");
  }
  return problem;
}

bool IsTsanCheckFailure(const std::string& line) {
  return Contains(line, "ThreadSanitizer: CHECK failed:") || Contains(line, "Sanitizer CHECK failed:");
}

bool FindRecursion(const std::vector<std::string>& lines, size_t start, size_t end, const SourceContext& context,
                   Frame& recursing) {
  std::map<std::string, std::pair<int, Frame>> seen;
  for (size_t i = start; i < end && i < lines.size(); ++i) {
    Frame frame;
    if (!ParseTsanFrame(lines[i], context, frame) || !frame.in_repo) continue;
    auto& entry = seen[frame.Where() + " " + frame.function];  // the call that repeats, not the top frame's line
    if (entry.first++ == 0) entry.second = frame;
  }
  int best = 0;
  for (const auto& [function, entry] : seen) {
    bool better = entry.first > best ||
                  (entry.first == best && parse::IsLearnerFile(entry.second, context) &&
                   !parse::IsLearnerFile(recursing, context));
    if (entry.first >= 8 && better) {
      best = entry.first;
      recursing = entry.second;
    }
  }
  return best > 0;
}

}  // namespace kata
