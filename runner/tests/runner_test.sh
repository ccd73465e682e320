#!/usr/bin/env bash
# The runner's tests: runner_test.sh CASE KATA FIXTURES BUILD_DIR WORK_DIR
# Each case runs the real `kata` binary on a fixture and checks its exit code,
# its verdict, and the file:line it names (found through the fixture's
# "FAULT:<tag>" comment, so editing a fixture does not silently break a test).
set -u
CASE=$1 KATA=$2 FIX=$3 BUILD=$4 WORK=$5
BIN=$BUILD/bin
export NO_COLOR=1
export KATA_FRONT=make   # commands printed as make targets, as `make kata-N` runs the runner
DIR=$WORK/$CASE
OUT=$DIR/out.txt
[[ $CASE == snapshot || $CASE == unchanged ]] || { rm -rf "$DIR"; mkdir -p "$DIR"; }

fail() { echo "FAILED: $*"; echo "---- output ----"; cat "$OUT" 2>/dev/null; exit 1; }
# run EXPECTED_RC args...: runs kata, keeps its output in $OUT.
run() {
  local want=$1; shift
  "$KATA" "$@" >"$OUT" 2>&1
  local rc=$?
  echo "\$ kata $*  (exit $rc)"; cat "$OUT"; echo
  [[ $rc == "$want" ]] || fail "exit code $rc, expected $want"
}
has() { grep -qF -- "$1" "$OUT" || fail "output lacks: $1"; }
lacks() { ! grep -qF -- "$1" "$OUT" || fail "output should not contain: $1"; }
line_of() {  # line_of FILE TAG -> the line number of "FAULT:TAG" in FILE
  local n; n=$(grep -n "FAULT:$2" "$1" | head -1 | cut -d: -f1)
  [[ -n $n ]] || fail "no FAULT:$2 in $1"
  echo "$n"
}
K=runner/tests/fixtures/katas   # fixture paths as `kata check` shows them (relative to the repo)
check() { run "$1" --build-dir "$BUILD" check "${@:2}"; }
fixture_run() { run "$1" --root "$FIX" --build-dir "$BUILD" --state "$DIR/state.json" "${@:2}"; }
copy_root() {  # copy_root NN_name...: a private workbook with these fixture katas
  mkdir -p "$DIR/root/katas" "$DIR/root/solutions"
  for k in "$@"; do cp -r "$FIX/katas/$k" "$DIR/root/katas/"; cp -r "$FIX/solutions/$k" "$DIR/root/solutions/"; done
}

case $CASE in
snapshot)
  rm -rf "$WORK"; mkdir -p "$WORK"
  (cd "$FIX" && find . -type f | sort | xargs md5sum) >"$WORK/fixtures.md5"
  echo "snapshot of $(wc -l <"$WORK/fixtures.md5") fixture files";;
unchanged)
  [[ -s $WORK/fixtures.md5 ]] || { echo "FAILED: no snapshot"; exit 1; }
  (cd "$FIX" && md5sum --quiet -c "$WORK/fixtures.md5") || { echo "FAILED: a fixture file changed"; exit 1; }
  (cd "$FIX" && find . -type f | sort | xargs md5sum) | cmp -s - "$WORK/fixtures.md5" \
    || { echo "FAILED: fixture files were added or removed"; exit 1; }
  echo "no fixture file changed";;
check_green)
  check 0 --expect PASS --binary "$BIN/kata_01_green" --filter '*' --repeat 3
  has "PASS"; has "kata check: PASS as expected";;
check_failing_assertion)
  check 0 --expect FAIL --binary "$BIN/kata_03_failing_assertion" --filter 'Subtracts.*'
  has "FAIL     Subtracts.ThreeFromFive"
  has "$K/03_failing_assertion/tests/calc_test.cpp:$(line_of "$FIX/katas/03_failing_assertion/tests/calc_test.cpp" assert): Failure"
  has "Which is: -2";;
check_kata_todo)
  check 0 --expect FAIL --binary "$BIN/kata_03_failing_assertion" --filter 'Multiplies.*'
  has "KATA_TODO at $K/03_failing_assertion/calc.cpp:$(line_of "$FIX/katas/03_failing_assertion/calc.cpp" todo) in fixture::Multiply: multiply a by b";;
check_data_race)
  check 0 --expect RACE --binary "$BIN/kata_04_data_race" --filter 'RacyCounter.*' --repeat 3
  line=$(line_of "$FIX/katas/04_data_race/counter.cpp" race)
  has "RACE     RacyCounter.TwoThreadsIncrement"
  has "ThreadSanitizer: data race"
  has "$K/04_data_race/counter.cpp:$line  fixture::RacyCounter::Increment"
  has "Previous write of size 4 by thread T"
  has "at $K/04_data_race/counter.cpp:$line";;
check_race_then_crash)
  check 0 --expect RACE --binary "$BIN/kata_04_data_race" --filter 'HalfBuilt.*'
  has "RACE     HalfBuilt.ReaderSeesTheFlagBeforeTheValue"
  has "$K/04_data_race/half_built.cpp:$(line_of "$FIX/katas/04_data_race/half_built.cpp" half_built)"
  has "then the test crashed: ThreadSanitizer: SEGV";;
check_lock_order_inversion)
  check 0 --expect DEADLOCK --binary "$BIN/kata_05_lock_order_inversion" --filter '*'
  has "DEADLOCK Transfers.BothWays"
  has "lock-order-inversion (potential deadlock)"
  has "$K/05_lock_order_inversion/bank.cpp:$(line_of "$FIX/katas/05_lock_order_inversion/bank.cpp" lock-order)  fixture::Transfer";;
check_infinite_loop)
  check 0 --expect TIMEOUT --binary "$BIN/kata_06_infinite_loop" --filter '*' --timeout 1
  has "TIMEOUT  CountDown.FromFiveNeverReachesZero"
  if command -v gdb >/dev/null; then
    has "$K/06_infinite_loop/countdown.cpp:"
  fi;;
check_blocked_stops_early)
  # A limit of 60 s, but every thread is blocked: stopped after about 6 s of silence.
  start=$SECONDS
  check 0 --expect DEADLOCK --binary "$BIN/kata_07_all_threads_blocked" --filter '*' --timeout 60
  has "DEADLOCK Mailbox.ConsumerGetsTheValue"
  has "stopped after"
  (( SECONDS - start < 40 )) || fail "took $((SECONDS - start)) s: the 60 s limit, not the early stop";;
check_all_threads_blocked)
  # A generous limit: the runner must see the hang by itself (every thread
  # blocked and silent), not by the limit, however loaded the machine.
  check 0 --expect DEADLOCK --binary "$BIN/kata_07_all_threads_blocked" --filter '*' --timeout 60
  has "DEADLOCK Mailbox.ConsumerGetsTheValue"
  has "every thread is blocked"
  if command -v gdb >/dev/null; then
    has "$K/07_all_threads_blocked/mailbox.cpp:$(line_of "$FIX/katas/07_all_threads_blocked/mailbox.cpp" wait)  fixture::Mailbox::Take"
  fi;;
check_null_deref)
  check 0 --expect CRASH --binary "$BIN/kata_08_crashes" --filter 'NullPointer.*'
  has "CRASH    NullPointer.IsRead"; has "SEGV"
  has "at $K/08_crashes/crashes.cpp:$(line_of "$FIX/katas/08_crashes/crashes.cpp" null)";;
check_abort)
  check 0 --expect CRASH --binary "$BIN/kata_08_crashes" --filter 'Abort.*'
  has "CRASH    Abort.IsCalled"; has "ABRT"
  has "at $K/08_crashes/crashes.cpp:$(line_of "$FIX/katas/08_crashes/crashes.cpp" abort)";;
check_uncaught_exception)
  check 0 --expect CRASH --binary "$BIN/kata_08_crashes" --filter 'UncaughtException.*'
  has "CRASH    UncaughtException.EscapesAThread"
  has "uncaught exception"; has "the worker gave up"
  has "at $K/08_crashes/crashes.cpp:$(line_of "$FIX/katas/08_crashes/crashes.cpp" throw)";;
check_stack_overflow)
  check 0 --expect CRASH --binary "$BIN/kata_08_crashes" --filter 'StackOverflow.NeverStops'
  has "CRASH    StackOverflow.NeverStops"; has "stack overflow (infinite recursion?): fixture::Recurse"
  has "$K/08_crashes/crashes.cpp:$(line_of "$FIX/katas/08_crashes/crashes.cpp" recurse)  fixture::Recurse";;
check_stack_overflow_without_frames)
  # TSan runs out of stack itself (its CHECK fails): the runner stops the
  # binary at once and finds the frame by running the test again under gdb.
  start=$SECONDS
  check 0 --expect CRASH --binary "$BIN/kata_08_crashes" --filter 'StackOverflow.ThroughTheAllocator'
  if command -v gdb >/dev/null; then
    has "stack overflow (infinite recursion?): fixture::Route calls itself without end"
    has "$K/08_crashes/crashes.cpp:$(line_of "$FIX/katas/08_crashes/crashes.cpp" route)  fixture::Route"
  else
    has "stack overflow (infinite recursion?): no frame was recovered"; has "gdb is not installed"
  fi
  (( SECONDS - start < 8 )) || fail "took $((SECONDS - start)) s: the hung binary was not stopped at TSan's CHECK failure";;
check_wrong_expectation)
  check 1 --expect PASS --binary "$BIN/kata_04_data_race" --filter '*'
  has "kata check: expected PASS, got RACE";;
run_memory_error)
  # The second build's first build runs in the background: the first run's
  # verdict is the first build's (ThreadSanitizer), which passes.
  memory_dir=$BUILD/runner/tests/memory-fixture
  rm -f "$memory_dir/bin/kata_12_memory_error"
  fixture_run 0 --memory-build-dir "$memory_dir" run 12
  has "PASS     every step is green"
  has "memory check: its first build (AddressSanitizer) runs in the background"
  for _ in $(seq 600); do [[ -x $memory_dir/bin/kata_12_memory_error ]] && break; sleep 0.2; done
  flock "$memory_dir/kata-run.lock" true  # the background build has let go of the folder
  [[ -x $memory_dir/bin/kata_12_memory_error ]] || fail "the background build built nothing: $(cat "$BUILD"/kata-logs/12_memory_error.memory.*.log)"
  # The next run has it: the second build reads one past the end in step 2
  # and that is the verdict, with its line.
  fixture_run 1 --memory-build-dir "$memory_dir" run 12
  has "+ 1. The first score"; has "x 2. The last score"
  has 'MEMORY   step 2 "The last score": LastScore.IsTheLastOne'
  has "heap-buffer-overflow: read or written past the end"
  has "katas/12_memory_error/scores.cpp:$(line_of "$FIX/katas/12_memory_error/scores.cpp" past_the_end)"
  has "full report: "
  grep -q "12_memory_error.memory.log" "$OUT" || fail "the verdict does not point to the second build's log"
  KATA_MEMORY=0 fixture_run 0 --memory-build-dir "$memory_dir" run 12
  has "PASS     every step is green";;
run_green)
  fixture_run 0 run 1
  has "Kata 1: Green fixture"; has "+ 1. Counts up"; has "+ 2. Counts from many threads"
  has "PASS     every step is green"
  grep -q '"verdict": "PASS"' "$DIR/state.json" || fail "state file does not record PASS"
  has "stress (step 2): 5 shuffled repetitions clean"
  for i in 1 2 3 4 5; do
    grep -q -- '--gtest_shuffle --gtest_random_seed=' "$BUILD/kata-logs/01_green.stress-$i.log" \
      || fail "repetition $i was not run shuffled with a seed of its own"
  done;;
run_stress_counts_red_repetitions)
  # Five of ten consecutive seeds are odd: red in exactly five repetitions.
  fixture_run 1 run 9
  has 'FAIL     step 1 "Red under odd seeds": OddSeeds.PassesUnderAnEvenSeed'
  has "stress (step 1): FAIL in 5 of 10 shuffled repetitions (seed "
  has "replay that order: make kata-9 SEED="
  has "log:  "; grep -q "^log: .*09_order_dependent.stress-[0-9]*.log" "$OUT" || fail "log: does not name the red repetition's log"
  has "seed_test.cpp:$(line_of "$FIX/katas/09_order_dependent/tests/seed_test.cpp" odd)"
  fixture_run 1 run 9 --json
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stress"]
assert d["verdict"] == "FAIL", d["verdict"]
assert s["repetitions"] == 10 and len(s["seeds"]) == 10, s
assert len(s["red_seeds"]) == 5 and all(x % 2 == 1 for x in s["red_seeds"]), s
assert s["replay"] == "make kata-9 SEED=%d" % s["red_seeds"][0], s
' "$OUT" || fail "--json does not report the stress phase";;
run_seed_replays)
  fixture_run 1 run 9 --seed 7
  has "stress (step 1): FAIL in 1 of 1 shuffled repetition (seed 7)"
  fixture_run 0 run 9 --seed 8
  has "stress (step 1): 1 shuffled repetition clean";;
run_own_tests)
  # A suite the learner added runs as a last step, and a failing one is red.
  fixture_run 1 run 10
  has "+ 1. Given"; has "x 2. Your own tests"
  has 'FAIL     step 2 "Your own tests": MyOwnTests.TheAnswerIsSmall'
  has "answer_test.cpp:$(line_of "$FIX/katas/10_own_tests/tests/answer_test.cpp" own)";;
lint_own_tests)
  copy_root 10_own_tests
  run 1 --root "$DIR/root" lint
  has "katas/10_own_tests/tests/answer_test.cpp:8: suite MyOwnTests is in no step of katas/10_own_tests/kata.toml"
  has "'doc' is missing or empty";;
lint_workbook)
  # The workbook itself: every suite its tests define is in a step.
  run 0 lint
  has "kata lint: every kata.toml agrees with its tests";;
typed_commands_without_make)
  # Run as `kata` from the PATH, the runner says `kata hint 1`, not make's form.
  mkdir -p "$DIR/bin"; ln -s "$KATA" "$DIR/bin/kata"
  KATA_FRONT= PATH="$DIR/bin:$PATH" run 0 --root "$FIX" --build-dir "$BUILD" --state "$DIR/state.json" hint 1
  has "(\`kata hint 1\` again for the next one)";;
run_waits_for_lock)
  # Another runner holds the build folder: this one says so and waits; once
  # the holder lets go, it runs. The holder lets go only after the message.
  flock "$BUILD/kata-run.lock" sh -c "touch '$DIR/held'; while [ ! -f '$DIR/release' ]; do sleep 0.05; done" &
  holder=$!
  for ((i = 0; i < 600; i++)); do [[ -f $DIR/held ]] && break; sleep 0.05; done
  "$KATA" --root "$FIX" --build-dir "$BUILD" --state "$DIR/state.json" run 1 >"$OUT" 2>&1 &
  runner=$!
  for ((i = 0; i < 600; i++)); do grep -q "another runner is using" "$OUT" && break; sleep 0.05; done
  touch "$DIR/release"
  wait $holder
  wait $runner; rc=$?
  cat "$OUT"
  [[ $rc == 0 ]] || fail "exit code $rc, expected 0"
  has "another runner is using"
  has "PASS     every step is green";;
run_compile_error)
  fixture_run 1 run 2
  has "COMPILE  "
  has "katas/02_compile_error/greeter.cpp:$(line_of "$FIX/katas/02_compile_error/greeter.cpp" compile): error:"
  has "next: fix katas/02_compile_error/greeter.cpp:"
  has "02_compile_error.build.log"
  lacks "In file included from";;
run_first_red_step)
  fixture_run 1 run 03_failing_assertion
  has "+ 1. Adds"; has "x 2. Subtracts"
  has 'FAIL     step 2 "Subtracts": Subtracts.ThreeFromFive'
  has "calc_test.cpp:$(line_of "$FIX/katas/03_failing_assertion/tests/calc_test.cpp" assert): Failure"
  has "also red: step 3 (FAIL)"
  has "stuck? \`make hint-3\`";;
run_json)
  fixture_run 1 run 3 --json
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["verdict"]=="FAIL" and d["red_step"]==2, d' "$OUT" \
    || fail "--json is not the expected JSON";;
corrupt_state)
  printf '{"katas": {"01_green": [1, 2' >"$DIR/state.json"
  fixture_run 0 progress
  has "was unreadable"; has "0 of 12 katas"
  fixture_run 0 run 1
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["katas"]["01_green"]["verdict"]=="PASS"' "$DIR/state.json" \
    || fail "the state file was not rebuilt"
  fixture_run 0 progress
  has "1 of 12 katas"; lacks "unreadable";;
missing_kata_number)
  fixture_run 2 reset
  has "which kata?"
  fixture_run 2 solution
  has "which kata?";;
kata_number_out_of_range)
  fixture_run 2 run 99
  has "no kata 99: there are katas 1 to 12"
  fixture_run 2 hint 0
  has "no kata 0"
  fixture_run 2 run 1x
  has "no kata '1x'";;
learner_file_deleted)
  copy_root 03_failing_assertion
  rm "$DIR/root/katas/03_failing_assertion/calc.cpp"
  run 1 --root "$DIR/root" --build-dir "$BUILD" --state "$DIR/state.json" run 3
  has "COMPILE  "; has "katas/03_failing_assertion/calc.cpp is missing"
  has "make reset-3"; lacks "undefined reference";;
hint_progression)
  fixture_run 0 hint 3
  has "hint 1 of 1"
  printf '{"version":1,"katas":{"03_failing_assertion":{"verdict":"FAIL","at":"","steps":["green","red","red"]}}}' >"$DIR/state.json"
  fixture_run 0 hint 3
  has 'step 2 "Subtracts"'; has "hint 1 of 2: subtract"; lacks "hint 2 of 2"
  fixture_run 0 hint 3
  has "hint 2 of 2: a - b"; has "last hint"
  fixture_run 0 hint 3
  has "hint 2 of 2"; lacks "hint 3";;
reset_backs_up)
  copy_root 03_failing_assertion
  R=$DIR/root
  git -C "$R" init -q && git -C "$R" add -A && git -C "$R" -c user.name=t -c user.email=t@t commit -qm starter || fail "git"
  echo "// my work" >>"$R/katas/03_failing_assertion/calc.cpp"
  echo "// my own file" >"$R/katas/03_failing_assertion/mine.h"
  cp "$R/katas/03_failing_assertion/calc.cpp" "$DIR/mine.cpp"
  # The learner commits their work: the starter still comes from the workbook's commit.
  git -C "$R" add -A && git -C "$R" -c user.name=l -c user.email=l@l commit -qm "my work" || fail "git"
  run 2 --root "$R" --build-dir "$BUILD" --state "$DIR/state.json" reset 3 </dev/null
  has "pass --yes"
  cmp -s "$R/katas/03_failing_assertion/calc.cpp" "$DIR/mine.cpp" || fail "reset without --yes changed a file"
  run 0 --root "$R" --build-dir "$BUILD" --state "$DIR/state.json" reset 3 --yes
  has "Backed up 3 file(s) to .kata-backups/03_failing_assertion-"
  has "Left alone (not a starter file): katas/03_failing_assertion/mine.h"
  backup=$(ls -d "$R"/.kata-backups/03_failing_assertion-* | head -1)
  cmp -s "$backup/calc.cpp" "$DIR/mine.cpp" || fail "the backup is not the learner's file"
  cmp -s "$R/katas/03_failing_assertion/calc.cpp" "$FIX/katas/03_failing_assertion/calc.cpp" || fail "not restored";;
watch_save_stops_stress)
  # A save while the stress repetitions run stops them (no verdict is recorded
  # for that run) and starts the next run at once.
  copy_root 11_slow_stress
  R=$DIR/root
  timeout 90 "$KATA" --root "$R" --build-dir "$BUILD" --state "$DIR/state.json" watch 11 --max-runs 2 >"$OUT" 2>&1 &
  pid=$!
  for _ in $(seq 600); do grep -q "shuffled repetitions running" "$OUT" && break; sleep 0.1; done
  grep -q "shuffled repetitions running" "$OUT" || { kill $pid; fail "the stress repetitions never started"; }
  echo "// saved" >>"$R/katas/11_slow_stress/slow.cpp"
  wait $pid; rc=$?
  cat "$OUT"
  [[ $rc == 0 ]] || fail "watch exited with $rc"
  has "stopped: a file was saved, so the kata runs again"
  has "saved: slow.cpp"
  has "stress (step 1): 6 shuffled repetitions clean";;
watch_rename_save)
  copy_root 01_green
  R=$DIR/root
  timeout 60 "$KATA" --root "$R" --build-dir "$BUILD" --state "$DIR/state.json" watch 1 --max-runs 2 >"$OUT" 2>&1 &
  pid=$!
  # Wait (bounded) for the first verdict and the "watching" line.
  for _ in $(seq 300); do grep -q "watching katas/01_green/" "$OUT" && break; sleep 0.1; done
  grep -q "watching katas/01_green/" "$OUT" || { kill $pid; fail "watch never got ready"; }
  # An editor's atomic save: write a temporary file, rename it over the original.
  f=$R/katas/01_green/counter.cpp
  cp "$f" "$R/katas/01_green/.counter.cpp.swp"
  { cat "$f"; echo "// saved"; } >"$R/katas/01_green/.counter.cpp.tmp"
  mv -f "$R/katas/01_green/.counter.cpp.tmp" "$f"
  wait $pid; rc=$?
  cat "$OUT"
  [[ $rc == 0 ]] || fail "watch exited with $rc"
  [[ $(grep -c "PASS     every step is green" "$OUT") == 2 ]] || fail "expected two runs"
  has "saved: counter.cpp"; lacks "swp";;
*) echo "unknown case $CASE"; exit 2;;
esac
echo "ok: $CASE"
