#include "thread_dump.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "parse_util.h"

namespace kata {

using parse::Contains;
using parse::StartsWith;

namespace {

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
  number = parse::LineNumber(rest.substr(digits + 1));
  return true;
}

struct Thread {
  std::string header;
  std::vector<Frame> frames;
};

std::vector<Thread> ParseThreads(std::string_view dump, const SourceContext& context) {
  std::vector<Thread> threads;
  static const std::regex kThread(R"(^Thread (\d+) \(Thread 0x[0-9a-f]+ \(LWP (\d+)\)(?: \"([^\"]*)\")?\):?)");
  static const std::regex kBareFrame(R"(^#\d+\s+(?:0x[0-9a-f]+ in )?([^ ]+))");
  for (const auto& line : parse::SplitLines(dump)) {
    std::smatch match;
    Frame frame;
    std::string file;
    if (std::regex_search(line, match, kThread)) {
      threads.push_back({"Thread " + match[1].str() + " (LWP " + match[2].str() + ")", {}});
    } else if (!threads.empty() && ParseGdbFrame(line, frame.function, file, frame.line)) {
      frame.file = parse::RelativePath(file, context, frame.in_repo);
      threads.back().frames.push_back(frame);
    } else if (!threads.empty() && std::regex_search(line, match, kBareFrame)) {
      frame.function = match[1].str();
      threads.back().frames.push_back(frame);
    }
  }
  return threads;
}

int Rank(const Thread& thread, const SourceContext& context) {
  for (const auto& f : thread.frames) {
    if (parse::IsLearnerFile(f, context)) return 0;
  }
  for (const auto& f : thread.frames) {
    if (f.in_repo) return 1;
  }
  return 2;
}

// What a thread is blocked in, from its library frames above the repository's.
enum class Wait { kNone, kCondition, kJoin, kMutex };

Wait WaitOf(const Thread& thread) {
  for (const auto& frame : thread.frames) {
    if (frame.in_repo) break;
    const std::string& f = frame.function;
    if (Contains(f, "pthread_cond_") || Contains(f, "condition_variable") || Contains(f, "cond_wait") ||
        Contains(f, "latch") || Contains(f, "barrier") || Contains(f, "semaphore") || Contains(f, "__atomic_wait")) {
      return Wait::kCondition;
    }
    if (Contains(f, "pthread_join") || Contains(f, "clockjoin") || Contains(f, "thread::join") ||
        Contains(f, "jthread::~jthread")) {
      return Wait::kJoin;
    }
    if (Contains(f, "mutex_lock") || Contains(f, "mutex::lock") || Contains(f, "__lll_lock")) return Wait::kMutex;
  }
  return Wait::kNone;
}

std::string LearnerWhere(const Thread& thread, const SourceContext& context, std::string* function = nullptr) {
  const Frame* best = nullptr;
  for (const auto& frame : thread.frames) {
    if (parse::IsLearnerFile(frame, context)) {
      best = &frame;
      break;
    }
    if (best == nullptr && frame.in_repo) best = &frame;
  }
  if (best == nullptr) return "";
  if (function != nullptr) *function = ShortFunction(best->function);
  return best->Where();
}

}  // namespace

std::vector<std::string> CondenseThreadDump(std::string_view dump, const SourceContext& context) {
  std::vector<Thread> threads = ParseThreads(dump, context);
  std::vector<std::string> out;
  int without_repo_frames = 0;
  // Threads in the learner's code first, then other threads with repo frames.
  std::stable_sort(threads.begin(), threads.end(),
                   [&](const Thread& a, const Thread& b) { return Rank(a, context) < Rank(b, context); });
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
    for (size_t i = 0; i < std::min<size_t>(repo.size(), 4); ++i) out.push_back(parse::FrameLine(*repo[i]));
  }
  if (without_repo_frames > 0) {
    out.push_back("  (+ " + std::to_string(without_repo_frames) + " thread(s) with no frames in the repository)");
  }
  return out;
}

BlockedThreads ClassifyBlockedThreads(std::string_view dump, const SourceContext& context) {
  std::vector<Thread> threads = ParseThreads(dump, context);
  const Thread* condition = nullptr;
  const Thread* join = nullptr;
  const Thread* other = nullptr;  // a repository thread that is neither joining nor waiting on a condition
  int mutexes = 0;
  for (const auto& thread : threads) {
    if (Rank(thread, context) == 2) continue;
    Wait wait = WaitOf(thread);
    if (wait == Wait::kCondition && condition == nullptr) condition = &thread;
    if (wait == Wait::kJoin && join == nullptr) join = &thread;
    if (wait == Wait::kMutex) ++mutexes;
    if (wait != Wait::kCondition && wait != Wait::kJoin && other == nullptr) other = &thread;
  }
  BlockedThreads out;
  std::string function;
  if (mutexes >= 2) {
    out.kind = "lock-order";
    out.what = std::to_string(mutexes) + " threads wait for a mutex another of them holds";
  } else if (condition != nullptr) {
    out.kind = "condition-wait";
    out.location = LearnerWhere(*condition, context, &function);
    out.what = "a thread waits for a notification that never comes (in " + function + ")";
  } else if (join != nullptr) {
    out.kind = "join";
    out.location = LearnerWhere(*join, context, &function);
    out.what = "a join() never returns: the thread it waits for does not end (in " + function + ")";
    if (other != nullptr) out.other = LearnerWhere(*other, context);
  }
  return out;
}

bool FindGdbRecursion(std::string_view backtrace, const SourceContext& context, Frame& recursing) {
  std::map<std::string, std::pair<int, Frame>> seen;  // by the call's place: "file:line function"
  for (const auto& line : parse::SplitLines(backtrace)) {
    Frame frame;
    std::string file;
    if (!ParseGdbFrame(line, frame.function, file, frame.line)) continue;
    frame.file = parse::RelativePath(file, context, frame.in_repo);
    if (!frame.in_repo) continue;
    auto& entry = seen[frame.Where() + " " + frame.function];
    if (entry.first++ == 0) entry.second = frame;
  }
  int best = 0;
  for (const auto& [place, entry] : seen) {
    bool learner = parse::IsLearnerFile(entry.second, context);
    bool better = entry.first > best || (entry.first == best && learner && !parse::IsLearnerFile(recursing, context));
    if (entry.first >= 8 && better) {
      best = entry.first;
      recursing = entry.second;
    }
  }
  return best > 0;
}

Problem* FramelessCrash(RunAnalysis& analysis) {
  for (auto& problem : analysis.problems) {
    if (problem.verdict != Verdict::kCrash || !problem.location.empty() || problem.test.empty()) continue;
    if (problem.kind == "stack-overflow" || StartsWith(problem.headline, "killed by SIGSEGV") ||
        StartsWith(problem.headline, "killed by SIGILL") || StartsWith(problem.headline, "killed by SIGBUS")) {
      return &problem;
    }
  }
  return nullptr;
}

void ExplainFramelessCrash(RunAnalysis& analysis, std::string_view backtrace, const SourceContext& context) {
  Problem* problem = FramelessCrash(analysis);
  if (problem == nullptr) return;
  Frame recursing;
  if (FindGdbRecursion(backtrace, context, recursing)) {
    problem->kind = "stack-overflow";
    problem->headline = std::string(kStackOverflowHeadline) + ": " + ShortFunction(recursing.function) +
                        " calls itself without end (its frame fills the stack gdb showed when " + problem->test +
                        " ran again)";
    problem->location = recursing.Where();
    problem->details = {"  the recursing frame, repeated on the whole stack (from gdb):", parse::FrameLine(recursing)};
  } else if (problem->kind == "stack-overflow") {
    problem->details.push_back(backtrace.empty()
                                   ? "  no frame to show: gdb is not installed, so the test could not be run again under it"
                                   : "  no frame to show: run again under gdb, the test's stack showed no repeated frame");
  }
}

}  // namespace kata
