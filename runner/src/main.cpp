// kata: the workbook's runner. See docs/runner.md.
#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"
#include "process.h"

int main(int argc, char** argv) {
  kata::GlobalOptions global;
  global.root = KATA_SOURCE_DIR;
  global.build_dir = KATA_BINARY_DIR;
  global.source_dir = KATA_SOURCE_DIR;

  CLI::App app{"kata: run the workbook's katas, with typed verdicts (PASS FAIL COMPILE RACE DEADLOCK TIMEOUT CRASH)"};
  app.set_help_all_flag("--help-all", "Show every subcommand's options");
  std::string root;
  std::string build_dir;
  app.add_option("--root", root, "The workbook's root folder (default: " KATA_SOURCE_DIR ")");
  app.add_option("--build-dir", build_dir, "The build folder (default: " KATA_BINARY_DIR ")");
  std::string state_file;
  app.add_option("--state", state_file, "The progress file (default: <build-dir>/kata-progress.json)")->group("");
  app.add_flag("--no-color", global.no_color, "Plain output (also NO_COLOR=1)");
  app.add_flag("-v,--verbose", global.verbose, "Show the full build and test output");

  std::string kata_spec;
  bool json = false;
  bool yes = false;
  auto* run = app.add_subcommand("run", "Build kata N against your files under TSan, run it, show the first red step");
  run->add_option("kata", kata_spec, "Kata number or folder name (1, 01, 01_http_server); default: the current kata");
  run->add_flag("--json", json, "Machine-readable verdict");
  int seed = 0;
  run->add_option("--seed", seed, "Replay the stress steps once, shuffled with this seed (a red repetition's)")
      ->check(CLI::Range(1, 99999));

  auto* progress = app.add_subcommand("progress", "Every kata and step: done, current, locked");
  progress->add_flag("--json", json, "Machine-readable progress");

  auto* hint = app.add_subcommand("hint", "The current step's hints, one more each time");
  hint->add_option("kata", kata_spec, "Kata number; default: the current kata");

  int max_runs = 0;
  auto* watch = app.add_subcommand("watch", "Re-run the kata on every save; Ctrl-C to stop");
  watch->add_option("kata", kata_spec, "Kata number; default: the current kata");
  watch->add_option("--max-runs", max_runs, "Stop after this many runs (for scripts)")->group("");
  bool last = false;
  watch->add_flag("--last", last, "With no kata named: the kata you ran last (default: the current kata)");

  auto* reset = app.add_subcommand("reset", "Restore kata N's starter files (yours are backed up first)");
  reset->add_option("kata", kata_spec, "Kata number");
  reset->add_flag("-y,--yes", yes, "Do not ask for confirmation");

  auto* solution = app.add_subcommand("solution", "Once kata N is green: the reference solution and a diff against yours");
  solution->add_option("kata", kata_spec, "Kata number");

  auto* verify = app.add_subcommand("verify", "Run every kata as it is now, in order, and print the progress table");
  verify->add_flag("--json", json, "Machine-readable verdicts");

  auto* doctor = app.add_subcommand("doctor", "Check the toolchain, the dependencies and that TSan works here");

  auto* lint = app.add_subcommand("lint", "For the workbook's authors: check every kata.toml against its tests");
  std::string lint_binary;
  lint->add_option("kata", kata_spec, "Only this kata (with --binary)");
  lint->add_option("--binary", lint_binary, "A built test binary of that kata: each of its tests must be in a step");

  kata::CheckOptions check_options;
  std::string expect;
  auto* check = app.add_subcommand("check", "Run a prebuilt test binary and exit 0 iff its verdict is the expected one");
  check->add_option("--expect", expect, "PASS FAIL RACE DEADLOCK TIMEOUT or CRASH")->required();
  check->add_option("--binary", check_options.binary, "The test binary")->required();
  auto* filter = check->add_option("--filter", check_options.filter, "A --gtest_filter");
  auto* kata_option = check->add_option("--kata", check_options.kata, "A kata (01_http_server): with --step, run that step");
  check->add_option("--step", check_options.step, "The step (1, 2, ...): its suites, repeated if a stress step")
      ->needs(kata_option);
  kata_option->excludes(filter);
  check->add_option("--repeat", check_options.repeat, "Repeat (and shuffle) this many times");
  check->add_option("--timeout", check_options.timeout_seconds,
                    "Seconds one test may run (default: the kata's timeout_seconds with --kata, else 10)");
  check->add_flag("--json", json, "Machine-readable verdict");

  CLI11_PARSE(app, argc, argv);
  if (!root.empty()) global.root = root;
  if (!build_dir.empty()) global.build_dir = build_dir;
  global.json = json;
  global.state_file = state_file;
  if (seed > 0) global.seed = seed;
  kata::InstallInterruptHandler();

  try {
    kata::Commands commands(global);
    if (*check) {
      kata::Verdict verdict;
      if (!kata::ParseVerdict(expect, verdict)) {
        std::cerr << "kata check: --expect must be one of PASS FAIL COMPILE RACE DEADLOCK TIMEOUT CRASH, not '"
                  << expect << "'\n";
        return 2;
      }
      check_options.expect = verdict;
      return commands.Check(check_options);
    }
    if (*run) return commands.Run(kata_spec);
    if (*progress) return commands.Progress();
    if (*hint) return commands.Hint(kata_spec);
    if (*watch) return commands.Watch(kata_spec, max_runs, last);
    if (*reset) return commands.Reset(kata_spec, yes);
    if (*solution) return commands.Solution(kata_spec);
    if (*verify) return commands.Verify();
    if (*doctor) return commands.Doctor();
    if (*lint) return commands.Lint(kata_spec, lint_binary);
    return commands.Run("");
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
