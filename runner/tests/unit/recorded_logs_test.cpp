// The runner's parsers on recorded logs: runner/tests/logs/<case>/ holds a
// real captured output (run.log: gtest + TSan + the gdb dump as the runner
// saves it; or build.log: the compiler's output), the learner's sources the
// parser may read, and expected.json:
//   {"input": "run" | "build", "learner_prefix": "katas/08_counter/",
//    "process": {"exit_code": 66, "term_signal": 0, "timed_out": false, "all_blocked": false, "stopped_early": false},
//    "expect": {"verdict": "RACE", "test": "Suite.Name", "location": "file:line", "kind": "...",
//               "headline": "a part of the headline", "details": ["a part of some detail line", ...],
//               "warnings": ["a whole warning line", ...]}}
// Paths in the logs are written under the placeholder @ROOT@, which stands
// for the case's folder (the root the parser is given). A case that reads
// another case's sources (the same mistake, as another compiler reports it)
// names that case instead of copying them: "sources": "const_mutex_required_from".
//
// Usage: runner_unit_tests [gtest flags] LOGS_DIR
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "build.h"
#include "run_tests.h"
#include "summary.h"
#include "thread_dump.h"
#include "verdict.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path g_logs_dir;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string WithRoot(std::string text, const fs::path& root) {
  const std::string placeholder = "@ROOT@";
  for (size_t at = text.find(placeholder); at != std::string::npos; at = text.find(placeholder, at)) {
    text.replace(at, placeholder.size(), root.string());
  }
  return text;
}

// The run log as RunTests writes it: the output, then "# gdb thread apply all
// bt:" and the dump, then (after a crash without frames) kGdbBacktraceMarker
// and gdb's backtrace of that test run again.
kata::ProcessResult ProcessFrom(std::string log, const json& process, std::string& backtrace) {
  kata::ProcessResult result;
  const std::string again = std::string("\n") + kata::kGdbBacktraceMarker + "\n";
  if (size_t at = log.find(again); at != std::string::npos) {
    backtrace = log.substr(at + again.size());
    log.resize(at);
  }
  const std::string marker = "\n# gdb thread apply all bt:\n";
  size_t dump = log.find(marker);
  result.output = log.substr(0, dump);
  if (dump != std::string::npos) result.thread_dump = log.substr(dump + marker.size());
  result.exit_code = process.value("exit_code", 0);
  result.term_signal = process.value("term_signal", 0);
  result.timed_out = process.value("timed_out", false);
  result.all_blocked = process.value("all_blocked", false);
  result.stopped_early = process.value("stopped_early", false);
  result.quiet_seconds = process.value("quiet_seconds", 0.0);
  return result;
}

kata::Problem Worst(const std::vector<kata::Problem>& problems) {
  const kata::Problem* worst = nullptr;
  for (const auto& problem : problems) {
    if (worst == nullptr || kata::Severity(problem.verdict) > kata::Severity(worst->verdict)) worst = &problem;
  }
  return worst != nullptr ? *worst : kata::Problem{kata::Verdict::kPass, "", "", {}, "", ""};
}

// With "steps" (each a list of suites): the problem `kata run` shows, the
// first red step's, through the same summary step (summary.h).
kata::Problem Summarized(const json& steps, const kata::RunAnalysis& analysis, std::string& next) {
  kata::Kata kata;
  kata.id = "08_recorded";
  for (const auto& suites : steps) {
    kata::Step step;
    step.name = "step";
    step.suites = suites.get<std::vector<std::string>>();
    kata.steps.push_back(step);
  }
  kata::StepEvidence evidence(kata);
  evidence.Absorb(analysis);
  kata::Summary summary = kata::Summarize(kata, evidence.States(analysis.completed), evidence.problems(),
                                          analysis.running_test);
  next = summary.next;
  return summary.problem.value_or(kata::Problem{kata::Verdict::kPass, "", "", {}, ""});
}

std::string Shown(const kata::Problem& problem) {
  std::string text = std::string(kata::VerdictName(problem.verdict)) + " " + problem.test + "\n  " +
                     problem.headline + "\n";
  for (const auto& line : problem.details) text += line + "\n";
  return text + "  at " + problem.location + "  (kind: " + problem.kind + ")\n";
}

class RecordedLog : public testing::TestWithParam<std::string> {};

TEST_P(RecordedLog, GetsItsVerdictLocationAndCause) {
  fs::path case_dir = g_logs_dir / GetParam();
  json spec = json::parse(ReadFile(case_dir / "expected.json"));
  fs::path dir = g_logs_dir / spec.value("sources", GetParam());  // the root: the learner's sources are there
  kata::SourceContext context{dir, spec.value("learner_prefix", ""), dir};
  const json& expect = spec["expect"];
  kata::Problem problem{kata::Verdict::kPass, "", "", {}, ""};  // a green build
  std::string next;
  std::vector<std::string> warnings;
  if (spec.value("input", "run") == "build") {
    std::string log = WithRoot(ReadFile(case_dir / "build.log"), dir);
    warnings = kata::LearnerWarnings(log, context);
    if (expect.value("verdict", "COMPILE") == "COMPILE") problem = kata::FirstCompileError(log, context);
  } else {
    std::string log = WithRoot(ReadFile(case_dir / "run.log"), dir);
    std::string backtrace;
    kata::ProcessResult process = ProcessFrom(log, spec.value("process", json::object()), backtrace);
    kata::RunAnalysis analysis = kata::AnalyzeRun(process, context);
    if (kata::FramelessCrash(analysis) != nullptr) kata::ExplainFramelessCrash(analysis, backtrace, context);
    problem = spec.contains("steps") ? Summarized(spec["steps"], analysis, next) : Worst(analysis.problems);
  }
  SCOPED_TRACE("condensed:\n" + Shown(problem));
  EXPECT_EQ(kata::VerdictName(problem.verdict), expect.value("verdict", ""));
  if (expect.contains("test")) {
    EXPECT_EQ(problem.test, expect["test"].get<std::string>());
  }
  if (expect.contains("location")) {
    EXPECT_EQ(problem.location, expect["location"].get<std::string>());
  }
  if (expect.contains("kind")) {
    EXPECT_EQ(problem.kind, expect["kind"].get<std::string>());
  }
  if (expect.contains("headline")) {
    EXPECT_NE(problem.headline.find(expect["headline"].get<std::string>()), std::string::npos) << problem.headline;
  }
  for (const auto& part : expect.value("details", json::array())) {
    bool found = false;
    for (const auto& line : problem.details) found = found || line.find(part.get<std::string>()) != std::string::npos;
    EXPECT_TRUE(found) << "no detail line contains: " << part.get<std::string>();
  }
  if (expect.contains("next")) {
    EXPECT_EQ(next, expect["next"].get<std::string>());
  }
  if (expect.contains("warnings")) {
    EXPECT_EQ(warnings, expect["warnings"].get<std::vector<std::string>>());
  }
}

std::vector<std::string> Cases() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(g_logs_dir, error)) {
    if (fs::exists(entry.path() / "expected.json")) names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Logs, RecordedLog, testing::ValuesIn(Cases()),
                         [](const testing::TestParamInfo<std::string>& info) { return info.param; });

}  // namespace

// gtest_main is not used: the logs' folder comes first.
// (It is read before InitGoogleTest, which instantiates the cases.)
int main(int argc, char** argv) {
  g_logs_dir = KATA_RECORDED_LOGS_DIR;
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] != '-') g_logs_dir = fs::absolute(argv[i]);
  }
  testing::InitGoogleTest(&argc, argv);
  if (!fs::is_directory(g_logs_dir)) {
    std::fprintf(stderr, "runner_unit_tests: no such folder: %s\n", g_logs_dir.c_str());
    return 2;
  }
  return RUN_ALL_TESTS();
}
