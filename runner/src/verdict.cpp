#include "verdict.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <csignal>
#include <cstring>
#include <regex>
#include <sstream>

#include <fmt/format.h>

namespace kata {
namespace {

constexpr std::array<std::string_view, 7> kVerdictNames = {
    "PASS", "FAIL", "COMPILE", "RACE", "DEADLOCK", "TIMEOUT", "CRASH"};

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return "";
  size_t end = text.find_last_not_of(" \t\r");
  return std::string(text.substr(begin, end - begin + 1));
}

// Lines are cut to this length. libstdc++'s std::regex recurses once per
// character it matches, and a line of some 30,000 characters overflowed the
// runner's stack (found by tests/fuzz/runner_output.cpp). Nothing the runner
// looks for is that long.
constexpr size_t kMaxLineLength = 8192;

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, std::min(end - start, kMaxLineLength)));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = end + 1;
  }
  return lines;
}

// Makes an absolute path inside the root relative; says whether the file is
// one of the repository's own sources (not a system header, not the build).
std::string RelativePath(const std::string& file, const SourceContext& context, bool& in_repo) {
  in_repo = false;
  if (file.empty() || file == "<null>") return file;
  auto with_slash = [](const std::filesystem::path& dir) {
    std::string text = dir.string();
    if (!text.empty() && text.back() != '/') text += '/';
    return text;
  };
  std::string relative;
  if (file.front() == '/') {
    std::string root = with_slash(context.root);
    std::string source = with_slash(context.source_dir);
    if (!context.root.empty() && StartsWith(file, root)) {
      relative = file.substr(root.size());
    } else if (!context.source_dir.empty() && StartsWith(file, source)) {
      relative = file.substr(source.size());
    } else {
      return file;
    }
  } else {
    // A relative path comes from __FILE__ (relative to the sources) or from a
    // library's debug information ("nptl/pthread_kill.c"): only the first is ours.
    std::error_code error;
    bool ours = std::filesystem::exists(context.root / file, error) ||
                (!context.source_dir.empty() && std::filesystem::exists(context.source_dir / file, error));
    if (!ours) return file;
    relative = file;
  }
  // The build folder holds generated code, except the self-checks' mutants
  // (patched copies of a solution), whose frames are the interesting ones.
  bool generated = StartsWith(relative, "build") && relative.find("/mutants/") == std::string::npos;
  in_repo = !generated && relative.find("googletest") == std::string::npos;
  return relative;
}

// "12" -> 12; 0 for a number too large for an int (std::stoi would throw).
int LineNumber(std::string_view digits) {
  int number = 0;
  if (std::from_chars(digits.data(), digits.data() + digits.size(), number).ec != std::errc()) return 0;
  return number;
}

bool IsTestFile(const std::string& file) {
  return file.find("/tests/") != std::string::npos || file.find("_test.cpp") != std::string::npos;
}

bool IsLearnerFile(const Frame& frame, const SourceContext& context) {
  if (!frame.in_repo || IsTestFile(frame.file)) return false;
  return context.learner_prefix.empty() || StartsWith(frame.file, context.learner_prefix);
}


std::string StripAddresses(const std::string& text) {
  std::string out = std::regex_replace(text, std::regex(R"( \(pid=\d+\))"), "");
  out = std::regex_replace(out, std::regex(R"( at 0x[0-9a-f]+)"), "");
  out = std::regex_replace(out, std::regex(R"( \(0x[0-9a-f]+\))"), "");
  out = std::regex_replace(out, std::regex(R"(tid=\d+, )"), "");
  return out;
}

// "    #3 Counter::Add(int) /work/main/x/counter.cpp:12 (bin+0x1234)"
bool ParseTsanFrame(const std::string& line, const SourceContext& context, Frame& frame) {
  std::string text = Trim(line);
  if (!StartsWith(text, "#")) return false;
  size_t space = text.find(' ');
  if (space == std::string::npos) return false;
  std::string rest = text.substr(space + 1);
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
    frame.file = RelativePath(match[1].str(), context, frame.in_repo);
    frame.line = LineNumber(match[2].str());
  } else {
    frame.function = rest;
    frame.file.clear();
    frame.line = 0;
    frame.in_repo = false;
  }
  return true;
}

// gdb's "#9  0x000055d3c52ff101 in fixture::Mailbox::Take (this=0x7ffc) at /work/main/x/mailbox.cpp:10":
// the function before the first " (", and the file and line after the last
// ") at ". False for a frame without a file. (It was a regular expression,
// R"(^#\d+\s+(?:0x[0-9a-f]+ in )?(.+?) \(.*\) at (.+):(\d+)$)", whose three
// open-ended groups took minutes on a hostile line of 4 KiB.)
bool ParseGdbFrame(std::string_view line, std::string& function, std::string& file, int& number) {
  if (!StartsWith(line, "#")) return false;
  size_t at = line.find_first_not_of("0123456789", 1);
  if (at == 1 || at == std::string_view::npos || !std::isspace(static_cast<unsigned char>(line[at]))) return false;
  while (at < line.size() && std::isspace(static_cast<unsigned char>(line[at]))) ++at;
  std::string_view rest = line.substr(at);
  if (StartsWith(rest, "0x")) {
    size_t in = rest.find_first_not_of("0123456789abcdef", 2);
    if (in != 2 && in != std::string_view::npos && rest.substr(in, 4) == " in ") rest.remove_prefix(in + 4);
  }
  size_t digits = rest.find_last_not_of("0123456789");
  if (digits == std::string_view::npos || digits + 1 == rest.size() || rest[digits] != ':') return false;
  size_t open = rest.find(" (", 1);
  if (open == std::string_view::npos || digits < 6) return false;
  size_t close = rest.rfind(") at ", digits - 6);  // a file of one character at least
  if (close == std::string_view::npos || close < open + 2) return false;
  function = std::string(rest.substr(0, open));
  file = std::string(rest.substr(close + 5, digits - close - 5));
  number = LineNumber(rest.substr(digits + 1));
  return true;
}

std::string Clip(std::string text) {
  if (text.size() > 100) text = text.substr(0, 97) + "...";
  return text;
}

std::string FrameLine(const Frame& frame) {
  std::string text = "      " + (frame.file.empty() ? Clip(ShortFunction(frame.function)) : frame.Where());
  if (!frame.file.empty()) text += "  " + Clip(ShortFunction(frame.function));
  return text;
}

// A TSan report, condensed to what a learner needs: each section's header and
// its frames in the repository (or the top frames when it has none there).
struct CondensedReport {
  std::vector<std::string> lines;
  std::string location;
  std::string learner_location;
};

CondensedReport CondenseTsanReport(const std::vector<std::string>& report, const SourceContext& context) {
  CondensedReport out;
  struct Section {
    std::string header;
    std::vector<Frame> frames;
  };
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
    sections.push_back({StripAddresses(text), {}});
  }
  for (const auto& section : sections) {
    bool is_thread = StartsWith(section.header, "Thread T") || StartsWith(section.header, "Thread ");
    bool is_mutex_creation = StartsWith(section.header, "Mutex") && section.header.find("created at") != std::string::npos;
    if (is_mutex_creation) continue;
    if (section.header.find("'<null>'") != std::string::npos) continue;  // says nothing the first line did not
    std::vector<const Frame*> shown;
    for (const auto& frame : section.frames) {
      if (frame.in_repo) shown.push_back(&frame);
    }
    if (out.location.empty() && !is_thread && !shown.empty()) out.location = shown.front()->Where();
    for (const auto* frame : shown) {
      if (out.learner_location.empty() && !is_thread && IsLearnerFile(*frame, context)) {
        out.learner_location = frame->Where();
      }
    }
    if (is_thread || StartsWith(section.header, "Location is")) {
      std::string line = "  " + section.header;
      if (!line.empty() && line.back() == ':') line.pop_back();
      if (!shown.empty()) line += " " + shown.front()->Where();
      out.lines.push_back(line);
      continue;
    }
    if (!section.header.empty()) out.lines.push_back("  " + section.header);
    if (section.frames.empty()) continue;
    // The top frame says what was being done (a std::map insert, a lock);
    // the repository frames say where in the learner's or kata's code.
    const Frame& top = section.frames.front();
    bool obvious = top.function.find("mutex_lock") != std::string::npos && StartsWith(section.header, "Mutex");
    if (!top.in_repo && !obvious) out.lines.push_back("      (in " + Clip(ShortFunction(top.function)) + ")");
    size_t limit = std::min<size_t>(shown.size(), 4);
    for (size_t i = 0; i < limit; ++i) out.lines.push_back(FrameLine(*shown[i]));
    if (shown.empty()) {
      for (size_t i = 1; i < std::min<size_t>(section.frames.size(), 3); ++i) {
        out.lines.push_back(FrameLine(section.frames[i]));
      }
    }
  }
  return out;
}

Verdict TsanVerdict(const std::string& kind, bool is_error) {
  if (is_error) return Verdict::kCrash;
  if (StartsWith(kind, "lock-order-inversion") || StartsWith(kind, "double lock")) return Verdict::kDeadlock;
  return Verdict::kRace;
}

std::string SignalName(int signal) {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV (segmentation fault)";
    case SIGABRT: return "SIGABRT (abort)";
    case SIGBUS: return "SIGBUS (bus error)";
    case SIGFPE: return "SIGFPE (arithmetic error)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    default: return "signal " + std::to_string(signal);
  }
}

}  // namespace

std::string ShortFunction(std::string_view function) {
  std::string text(function);
  if (text.size() > 6 && text.compare(text.size() - 6, 6, " const") == 0) text.resize(text.size() - 6);
  // Drop the trailing parameter list.
  if (!text.empty() && text.back() == ')') {
    int depth = 0;
    for (size_t i = text.size(); i-- > 0;) {
      if (text[i] == ')') ++depth;
      if (text[i] == '(' && --depth == 0) {
        if (i > 0 && text.compare(0, i, "operator") != 0 && !(i >= 8 && text.compare(i - 8, 8, "operator") == 0)) {
          text.resize(i);
        }
        break;
      }
    }
  }
  // Drop template arguments.
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool is_operator = i >= 8 && text.compare(i - 8, 8, "operator") == 0;
    if (c == '<' && !is_operator) {
      ++depth;
      continue;
    }
    if (c == '>' && depth > 0) {
      --depth;
      continue;
    }
    if (depth == 0) out += c;
  }
  // A return type in front ("void std::__invoke_impl"): keep the last word.
  size_t space = out.rfind(' ');
  if (space != std::string::npos && out.find('(') == std::string::npos) out = out.substr(space + 1);
  return out;
}

std::string Frame::Where() const {
  if (file.empty()) return function;
  return file + ":" + std::to_string(line);
}

std::string_view VerdictName(Verdict verdict) { return kVerdictNames[static_cast<size_t>(verdict)]; }

bool ParseVerdict(std::string_view text, Verdict& verdict) {
  for (size_t i = 0; i < kVerdictNames.size(); ++i) {
    if (kVerdictNames[i] == text) {
      verdict = static_cast<Verdict>(i);
      return true;
    }
  }
  return false;
}

int Severity(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass: return 0;
    case Verdict::kFail: return 1;
    case Verdict::kRace: return 2;
    case Verdict::kDeadlock: return 3;
    case Verdict::kCrash: return 4;
    case Verdict::kTimeout: return 5;
    case Verdict::kCompile: return 6;
  }
  return 0;
}

std::vector<std::string> SuiteCandidates(std::string_view test) {
  std::vector<std::string> out;
  std::string suite(test.substr(0, test.find('.')));
  out.push_back(suite);
  size_t slash = suite.find('/');
  if (slash != std::string::npos) {
    out.push_back(suite.substr(0, slash));
    out.push_back(suite.substr(slash + 1));
  }
  return out;
}

RunAnalysis AnalyzeRun(const ProcessResult& process, const SourceContext& context) {
  RunAnalysis analysis;
  std::vector<std::string> lines = SplitLines(process.output);
  std::string current;
  std::string last_finished;
  std::vector<std::string> test_lines;  // gtest's lines for the running test
  std::string uncaught;                 // "terminate called after throwing ..."
  auto outcome = [&](const std::string& name) -> TestOutcome& {
    for (auto& test : analysis.tests) {
      if (test.name == name) return test;
    }
    analysis.tests.push_back({name});
    return analysis.tests.back();
  };
  auto attributed = [&]() { return current.empty() ? last_finished : current; };

  static const std::regex kFailureLine(R"(^(.*):(\d+): Failure$)");
  static const std::regex kTodo(R"(KATA_TODO at ([^ :]+):(\d+) in [^:]+(::[^:]+)*: .*)");

  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (StartsWith(line, "[ RUN      ] ")) {
      current = Trim(line.substr(13));
      TestOutcome& test = outcome(current);
      test.ran = true;
      test.runs++;
      test_lines.clear();
      continue;
    }
    if (StartsWith(line, "[       OK ] ") || StartsWith(line, "[  SKIPPED ] ") ||
        StartsWith(line, "[  FAILED  ] ")) {
      std::string name = Trim(line.substr(13));
      name = name.substr(0, name.find(' '));
      if (current.empty() || name != current) continue;  // the summary at the end
      TestOutcome& test = outcome(current);
      test.finished = true;
      if (StartsWith(line, "[  FAILED  ] ")) {
        bool first_failure = !test.failed;
        test.failed = true;
        if (first_failure) {
          Problem problem;
          problem.verdict = Verdict::kFail;
          problem.test = current;
          std::smatch match;
          // The first failure block: "file:line: Failure" and what follows.
          size_t begin = test_lines.size();
          for (size_t j = 0; j < test_lines.size(); ++j) {
            if (std::regex_match(test_lines[j], match, kFailureLine)) {
              begin = j;
              break;
            }
          }
          std::string todo;
          for (const auto& text : test_lines) {
            if (std::regex_search(text, match, kTodo)) {
              todo = match[0].str();
              if (!todo.empty() && todo.back() == '"') todo.pop_back();
              size_t quote = todo.find("\" thrown");
              if (quote != std::string::npos) todo = todo.substr(0, quote);
              problem.location = match[1].str() + ":" + match[2].str();
              break;
            }
          }
          for (size_t j = begin; j < test_lines.size() && problem.details.size() < 12; ++j) {
            if (j > begin && std::regex_match(test_lines[j], kFailureLine)) break;
            if (j > begin && StartsWith(test_lines[j], "unknown file: Failure")) break;
            problem.details.push_back("  " + test_lines[j]);
          }
          if (!todo.empty()) {
            problem.headline = todo;
          } else if (begin < test_lines.size() && std::regex_match(test_lines[begin], match, kFailureLine)) {
            bool in_repo = false;
            problem.location = RelativePath(match[1].str(), context, in_repo) + ":" + match[2].str();
            problem.headline = "assertion failed at " + problem.location;
          } else {
            problem.headline = "the test failed";
          }
          analysis.problems.push_back(std::move(problem));
        }
      }
      last_finished = current;
      current.clear();
      test_lines.clear();
      continue;
    }
    if (StartsWith(line, "[==========] ") && line.find(" ran.") != std::string::npos) {
      analysis.completed = true;
      continue;
    }
    if (line.find("FATAL: ThreadSanitizer: unexpected memory mapping") != std::string::npos) {
      analysis.tsan_mapping_error = true;
      continue;
    }
    if (StartsWith(line, "terminate called")) {
      uncaught = Trim(line);
      if (i + 1 < lines.size() && StartsWith(Trim(lines[i + 1]), "what():")) {
        uncaught += ": " + Trim(Trim(lines[i + 1]).substr(7));
      }
      continue;
    }
    bool warning = StartsWith(line, "WARNING: ThreadSanitizer: ");
    bool error = StartsWith(line, "==") && line.find("ERROR: ThreadSanitizer: ") != std::string::npos;
    if (warning || error) {
      std::vector<std::string> report{line};
      size_t j = i + 1;
      for (; j < lines.size(); ++j) {
        const std::string& next = lines[j];
        if (warning && StartsWith(next, "==================")) break;
        if (error && StartsWith(next, "==") && next.find("==ABORTING") != std::string::npos) break;
        if (StartsWith(next, "[ RUN      ] ") || StartsWith(next, "[       OK ] ")) {
          --j;
          break;
        }
        report.push_back(next);
      }
      i = std::min(j, lines.size());
      analysis.tsan_reports++;
      std::string kind = line.substr(line.find("ThreadSanitizer: ") + 17);
      kind = kind.substr(0, kind.find(" (pid="));
      Problem problem;
      problem.verdict = TsanVerdict(kind, error);
      problem.test = attributed();
      CondensedReport condensed = CondenseTsanReport(report, context);
      std::string short_kind = StripAddresses(kind);
      if (error) {
        short_kind = std::regex_replace(short_kind, std::regex(R"( \(pc .*\))"), "");
      }
      problem.headline = "ThreadSanitizer: " + short_kind;
      problem.details = std::move(condensed.lines);
      problem.location = condensed.learner_location.empty() ? condensed.location : condensed.learner_location;
      analysis.problems.push_back(std::move(problem));
      continue;
    }
    if (!current.empty()) test_lines.push_back(line);
  }
  analysis.running_test = current;

  // An uncaught exception aborts: say so rather than "SIGABRT".
  if (!uncaught.empty()) {
    bool merged = false;
    for (auto& problem : analysis.problems) {
      if (problem.verdict == Verdict::kCrash && problem.headline.find("ABRT") != std::string::npos) {
        problem.headline = "uncaught exception (" + uncaught + ")";
        merged = true;
      }
    }
    if (!merged) {
      analysis.problems.push_back({Verdict::kCrash, attributed(), "uncaught exception (" + uncaught + ")", {}, ""});
    }
  }

  // A crash after a data race is usually the race's consequence (a reader saw
  // a half-built object): the race is the verdict, the crash a detail.
  auto first_race = std::find_if(analysis.problems.begin(), analysis.problems.end(),
                                 [](const Problem& p) { return p.verdict == Verdict::kRace; });
  if (first_race != analysis.problems.end()) {
    size_t race_index = static_cast<size_t>(first_race - analysis.problems.begin());
    for (size_t k = analysis.problems.size(); k-- > race_index + 1;) {
      if (analysis.problems[k].verdict != Verdict::kCrash) continue;
      analysis.problems[race_index].details.push_back("  then the test crashed: " + analysis.problems[k].headline);
      analysis.problems.erase(analysis.problems.begin() + static_cast<std::ptrdiff_t>(k));
      analysis.crash_after_race = true;
    }
  }

  bool has_crash = analysis.crash_after_race ||
                   std::any_of(analysis.problems.begin(), analysis.problems.end(),
                               [](const Problem& p) { return p.verdict == Verdict::kCrash; });
  if (process.spawn_failed) {
    analysis.problems.push_back({Verdict::kCrash, "", "could not start the test binary", {"  " + Trim(process.output)}, ""});
  } else if (process.timed_out) {
    Problem problem;
    problem.verdict = process.all_blocked ? Verdict::kDeadlock : Verdict::kTimeout;
    problem.test = attributed();
    problem.headline =
        process.stopped_early
            ? fmt::format("every thread is blocked: nothing can make progress (stopped after {:.0f} s without output)",
                          process.quiet_seconds)
        : process.all_blocked ? "every thread is blocked: nothing can make progress (killed at the time limit)"
                              : "still running at the time limit (a busy loop or a very slow test); killed";
    if (!process.thread_dump.empty()) {
      problem.details = CondenseThreadDump(process.thread_dump, context);
      for (const auto& line : problem.details) {
        std::string text = Trim(line);
        static const std::regex kFileLine(R"(^[^ ]+:\d+$)");
        std::string first = text.substr(0, text.find(' '));
        if (problem.location.empty() && std::regex_match(first, kFileLine) &&
            (context.learner_prefix.empty() || StartsWith(text, context.learner_prefix)) && !IsTestFile(first)) {
          problem.location = text.substr(0, text.find(' '));
        }
      }
    } else {
      problem.details.push_back("  (no thread dump: gdb is not installed or could not attach)");
    }
    if (!process.thread_states.empty()) problem.details.push_back("  thread states: " + process.thread_states);
    analysis.problems.push_back(std::move(problem));
  } else if (process.term_signal != 0 && !has_crash) {
    analysis.problems.push_back({Verdict::kCrash, attributed(), "killed by " + SignalName(process.term_signal), {}, ""});
  } else if (!process.interrupted && process.exit_code != 0 && analysis.problems.empty()) {
    std::string when = analysis.completed ? "after the tests finished" : "in the middle of a test";
    analysis.problems.push_back({Verdict::kCrash, attributed(),
                                 "exited with status " + std::to_string(process.exit_code) + " " + when, {}, ""});
  }
  return analysis;
}

std::vector<std::string> CondenseThreadDump(std::string_view dump, const SourceContext& context) {
  struct Thread {
    std::string header;
    std::vector<Frame> frames;
  };
  std::vector<Thread> threads;
  static const std::regex kThread(R"(^Thread (\d+) \(Thread 0x[0-9a-f]+ \(LWP (\d+)\)(?: \"([^\"]*)\")?\):?)");
  static const std::regex kBareFrame(R"(^#\d+\s+(?:0x[0-9a-f]+ in )?([^ ]+))");
  for (const auto& line : SplitLines(dump)) {
    std::smatch match;
    Frame frame;
    std::string file;
    if (std::regex_search(line, match, kThread)) {
      threads.push_back({"Thread " + match[1].str() + " (LWP " + match[2].str() + ")", {}});
    } else if (!threads.empty() && ParseGdbFrame(line, frame.function, file, frame.line)) {
      frame.file = RelativePath(file, context, frame.in_repo);
      threads.back().frames.push_back(frame);
    } else if (!threads.empty() && std::regex_search(line, match, kBareFrame)) {
      frame.function = match[1].str();
      threads.back().frames.push_back(frame);
    }
  }
  std::vector<std::string> out;
  int without_repo_frames = 0;
  // Threads in the learner's code first, then other threads with repo frames.
  std::stable_sort(threads.begin(), threads.end(), [&](const Thread& a, const Thread& b) {
    auto rank = [&](const Thread& t) {
      for (const auto& f : t.frames) {
        if (IsLearnerFile(f, context)) return 0;
      }
      for (const auto& f : t.frames) {
        if (f.in_repo) return 1;
      }
      return 2;
    };
    return rank(a) < rank(b);
  });
  for (const auto& thread : threads) {
    std::vector<const Frame*> repo;
    std::string waiting;
    for (const auto& frame : thread.frames) {
      if (frame.in_repo) {
        repo.push_back(&frame);
      } else if (repo.empty() && !StartsWith(frame.function, "__") && !StartsWith(frame.function, "??")) {
        waiting = ShortFunction(frame.function);  // the last library frame before the repo's code
      }
    }
    if (repo.empty()) {
      ++without_repo_frames;
      continue;
    }
    out.push_back("  " + thread.header + (waiting.empty() ? "" : " waiting in " + waiting) + ":");
    for (size_t i = 0; i < std::min<size_t>(repo.size(), 4); ++i) out.push_back(FrameLine(*repo[i]));
  }
  if (without_repo_frames > 0) {
    out.push_back("  (+ " + std::to_string(without_repo_frames) + " thread(s) with no frames in the repository)");
  }
  return out;
}

}  // namespace kata
