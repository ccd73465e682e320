// kata: the workbook's runner. See docs/runner.md.
#include <CLI/CLI.hpp>
#include <iostream>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "commands.h"
#include "process.h"
#include "strip_assertions.h"

namespace {

// Everything the command line can say, filled in by CLI11.
struct CommandLine {
  kata::GlobalOptions global;
  std::string root;
  std::string build_dir;
  std::string kata_spec;
  bool json = false;
  bool yes = false;
  int seed = 0;
  int max_runs = 0;
  bool last = false;
  std::string lint_binary;
  kata::CheckOptions check_options;
  std::string expect;
  std::string strip_input;
  std::string strip_output;
  std::map<std::string, CLI::App*> commands;  // by name
};

// The commands a learner types.
void AddLearnerCommands(CLI::App& app, CommandLine& cli) {
  auto* run = app.add_subcommand("run", "Build kata N against your files under TSan, run it, show the first red step");
  run->add_option("kata", cli.kata_spec, "Kata number or folder name (1, 01, 01_http_server); default: the current kata");
  run->add_flag("--json", cli.json, "Machine-readable verdict");
  run->add_option("--seed", cli.seed, "Replay the stress steps once, shuffled with this seed (a red repetition's)")
      ->check(CLI::Range(1, 99999));

  auto* progress = app.add_subcommand("progress", "Every kata and step: done, current, locked");
  progress->add_flag("--json", cli.json, "Machine-readable progress");

  auto* hint = app.add_subcommand("hint", "The current step's hints, one more each time");
  hint->add_option("kata", cli.kata_spec, "Kata number; default: the current kata");

  auto* watch = app.add_subcommand("watch", "Re-run the kata on every save; Ctrl-C to stop");
  watch->add_option("kata", cli.kata_spec, "Kata number; default: the current kata");
  watch->add_option("--max-runs", cli.max_runs, "Stop after this many runs (for scripts)")->group("");
  watch->add_flag("--last", cli.last, "With no kata named: the kata you ran last (default: the current kata)");

  auto* reset = app.add_subcommand("reset", "Restore kata N's starter files (yours are backed up first)");
  reset->add_option("kata", cli.kata_spec, "Kata number");
  reset->add_flag("-y,--yes", cli.yes, "Do not ask for confirmation");

  auto* solution = app.add_subcommand("solution", "Once kata N is green: the reference solution and a diff against yours");
  solution->add_option("kata", cli.kata_spec, "Kata number");

  auto* mutants = app.add_subcommand("mutants", "Kata N's planted bugs (the bug zoo) and which tests catch each");
  mutants->add_option("kata", cli.kata_spec, "Kata number; default: the current kata");

  auto* verify = app.add_subcommand("verify", "Run every kata as it is now, in order, and print the progress table");
  verify->add_flag("--json", cli.json, "Machine-readable verdicts");

  auto* doctor = app.add_subcommand("doctor", "Check the toolchain, the dependencies and that TSan works here");
  for (auto* command : {run, progress, hint, watch, reset, solution, mutants, verify, doctor}) {
    cli.commands[command->get_name()] = command;
  }
}

// The commands the workbook's authors and self-checks use.
void AddAuthorCommands(CLI::App& app, CommandLine& cli) {
  auto* lint = app.add_subcommand("lint", "For the workbook's authors: check every kata.toml against its tests");
  lint->add_option("kata", cli.kata_spec, "Only this kata (with --binary)");
  lint->add_option("--binary", cli.lint_binary, "A built test binary of that kata: each of its tests must be in a step");

  kata::CheckOptions& check_options = cli.check_options;
  auto* check = app.add_subcommand("check", "Run a prebuilt test binary and exit 0 iff its verdict is the expected one");
  check->add_option("--expect", cli.expect, "PASS FAIL RACE DEADLOCK TIMEOUT CRASH or WEAK")->required();
  check->add_option("--binary", check_options.binary, "The test binary")->required();
  auto* filter = check->add_option("--filter", check_options.filter, "A --gtest_filter");
  auto* kata_option = check->add_option("--kata", check_options.kata, "A kata (01_http_server): with --step, run that step");
  check->add_option("--step", check_options.step, "The step (1, 2, ...): its suites, repeated if a stress step")
      ->needs(kata_option);
  kata_option->excludes(filter);
  check->add_option("--repeat", check_options.repeat, "Repeat (and shuffle) this many times");
  check->add_option("--timeout", check_options.timeout_seconds,
                    "Seconds one test may run (default: the kata's timeout_seconds with --kata, else 10)");
  check->add_option("--judge", check_options.judge,
                    "With --kata: judge the write-test step whose test_file this is (--binary: the test against "
                    "the reference)");
  check->add_option("--mutant", check_options.mutants, "NAME=PATH: the test against the planted bug NAME (repeat)");
  check->add_flag("--json", cli.json, "Machine-readable verdict");

  auto* strip = app.add_subcommand("strip-assertions", "For the self-checks: copy a test file without its assertions");
  strip->add_option("input", cli.strip_input)->required();
  strip->add_option("output", cli.strip_output)->required();
  // `kata run` starts this in the background for the second build's first build.
  auto* memory_build = app.add_subcommand("memory-build", "The second build of kata N (started by run)")->group("");
  memory_build->add_option("kata", cli.kata_spec, "Kata number")->required();
  cli.commands["memory-build"] = memory_build;
  cli.commands["lint"] = lint;
  cli.commands["check"] = check;
  cli.commands["strip-assertions"] = strip;
}

int StripAssertions(const std::string& input, const std::string& output) {
  std::ifstream in(input, std::ios::binary);
  if (!in) throw std::runtime_error("strip-assertions: cannot read " + input);
  std::stringstream text;
  text << in.rdbuf();
  std::filesystem::create_directories(std::filesystem::path(output).parent_path());
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  out << "// Generated by `kata strip-assertions` from " << input << ": every assertion removed.\n"
      << kata::WithoutAssertions(text.str());
  out.close();
  if (!out) throw std::runtime_error("strip-assertions: cannot write " + output);
  return 0;
}

int Dispatch(kata::Commands& commands, CommandLine& cli) {
  auto given = [&](const char* name) { return static_cast<bool>(*cli.commands.at(name)); };
  if (given("check")) {
    kata::Verdict verdict;
    if (!kata::ParseVerdict(cli.expect, verdict)) {
      std::cerr << "kata check: --expect must be one of PASS FAIL COMPILE RACE DEADLOCK TIMEOUT CRASH WEAK, not '"
                << cli.expect << "'\n";
      return 2;
    }
    cli.check_options.expect = verdict;
    return commands.Check(cli.check_options);
  }
  if (given("strip-assertions")) return StripAssertions(cli.strip_input, cli.strip_output);
  if (given("run")) return commands.Run(cli.kata_spec);
  if (given("memory-build")) return commands.MemoryBuild(cli.kata_spec);
  if (given("progress")) return commands.Progress();
  if (given("hint")) return commands.Hint(cli.kata_spec);
  if (given("watch")) return commands.Watch(cli.kata_spec, cli.max_runs, cli.last);
  if (given("reset")) return commands.Reset(cli.kata_spec, cli.yes);
  if (given("solution")) return commands.Solution(cli.kata_spec);
  if (given("mutants")) return commands.Mutants(cli.kata_spec);
  if (given("verify")) return commands.Verify();
  if (given("doctor")) return commands.Doctor();
  if (given("lint")) return commands.Lint(cli.kata_spec, cli.lint_binary);
  return commands.Run("");
}

}  // namespace

int main(int argc, char** argv) {
  CommandLine cli;
  cli.global.root = KATA_SOURCE_DIR;
  cli.global.build_dir = KATA_BINARY_DIR;
  cli.global.source_dir = KATA_SOURCE_DIR;

  CLI::App app{"kata: run the workbook's katas, with typed verdicts (PASS FAIL COMPILE RACE DEADLOCK TIMEOUT CRASH WEAK)"};
  app.set_help_all_flag("--help-all", "Show every subcommand's options");
  app.add_option("--root", cli.root, "The workbook's root folder (default: " KATA_SOURCE_DIR ")");
  app.add_option("--build-dir", cli.build_dir, "The build folder (default: " KATA_BINARY_DIR ")");
  std::string state_file;
  app.add_option("--state", state_file, "The progress file (default: <build-dir>/kata-progress.json)")->group("");
  std::string memory_build_dir;
  app.add_option("--memory-build-dir", memory_build_dir,
                 "The second build's folder (default: build/memory beside the default build folder)")
      ->group("");
  app.add_flag("--no-color", cli.global.no_color, "Plain output (also NO_COLOR=1)");
  app.add_flag("-v,--verbose", cli.global.verbose, "Show the full build and test output");
  AddLearnerCommands(app, cli);
  AddAuthorCommands(app, cli);

  CLI11_PARSE(app, argc, argv);
  if (!cli.root.empty()) cli.global.root = cli.root;
  if (!cli.build_dir.empty()) cli.global.build_dir = cli.build_dir;
  cli.global.json = cli.json;
  cli.global.state_file = state_file;
  cli.global.memory_build_dir = memory_build_dir;
  if (cli.seed > 0) cli.global.seed = cli.seed;
  kata::InstallInterruptHandler();

  try {
    kata::Commands commands(cli.global);
    return Dispatch(commands, cli);
  } catch (const kata::InterruptedError&) {
    std::cerr << "kata: interrupted\n";
    return 130;
  } catch (const kata::UsageError& error) {
    std::cerr << "kata: " << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "kata: " << error.what() << "\n";
    return 3;
  }
}
