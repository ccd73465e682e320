# The front door. Each target is one line that calls the `kata` runner or CMake.
# `make help` lists them.
BUILD   ?= build/kata
MEMORY  ?= build/memory
RELEASE ?= build/release
KATA    := $(BUILD)/bin/kata
JOBS    ?= 2
# make test's ctest runs more jobs than there are cores: memory.build (the
# build of the second build's checks) holds a slot while it runs, and
# many tests spend their time waiting (for a deadlock's silence, a loopback
# reply), not computing.
TEST_JOBS ?= 4
# The runner prints the commands to type as make targets (make hint-1).
export KATA_FRONT := make

.DEFAULT_GOAL := help
.PHONY: help deps configure runner test test-gcc kata progress verify doctor watch bench-loop release poker-server poker-cli chat-server clean

help:
	@echo "The learner's loop (N is a kata number: 1, 2, ...):"
	@echo "  make kata-N          build kata N against your files under ThreadSanitizer, run it, show the first red step"
	@echo "                       SEED=S replays the stress steps in the order of a red repetition's seed"
	@echo "  make watch           re-run a kata on every save: the one you ran last (N=3 picks kata 3)"
	@echo "  make progress        every kata and step: done / current / locked"
	@echo "  make hint-N          the next hint for kata N's current step"
	@echo "  make solution-N      the reference solution and a diff against yours (once kata N is green)"
	@echo "  make mutants-N       kata N's planted bugs (the bug zoo) and which tests catch each"
	@echo "  make reset-N         restore kata N's starter files (yours are backed up first; YES=1 skips the question)"
	@echo "  make verify          run every kata as you have it now"
	@echo "  make doctor          check the toolchain, the dependencies and ThreadSanitizer"
	@echo "The workbook's own checks:"
	@echo "  make test            solutions green, starters red, mutants caught, testkit and runner tests;"
	@echo "                       and every kata again under AddressSanitizer and UndefinedBehaviorSanitizer"
	@echo "  make test-gcc        the same built by g++, every kata under both sanitizers, and the fuzzers"
	@echo "  make bench-loop      time the edit-to-verdict loop: katas 1 and 8, and a written test's judge"
	@echo "The apps (release build):"
	@echo "  make poker-server    the league and the game page on http://127.0.0.1:5000, kept in poker.db.json (ARGS=\"--port 8080\")"
	@echo "  make poker-cli       a poker night at the terminal, same database (ARGS=\"--blind-unit 1s\")"
	@echo "  make chat-server     kata 18's chat room on 127.0.0.1:7000: nc 127.0.0.1 7000 is a client (ARGS=\"--port 7001\")"
	@echo "Also: make deps (install the Debian packages), make release (the apps' build), make clean"

# Installs what is missing (first run only), then configures the TSan build.
$(BUILD)/build.ninja:
	@scripts/install-deps
	@echo "kata: configuring $(BUILD) (first run only)"
	@mkdir -p build && cmake --preset kata >build/configure.log 2>&1 || { cat build/configure.log; exit 1; }

# The second build (AddressSanitizer and UndefinedBehaviorSanitizer): `kata
# run` builds what it needs of it; make test's memory.build test the rest.
$(MEMORY)/build.ninja: $(BUILD)/build.ninja
	@cmake --preset memory >build/memory-configure.log 2>&1 || { cat build/memory-configure.log; exit 1; }

deps:
	@scripts/install-deps

configure: $(BUILD)/build.ninja

# Builds take the runner's lock on the build folder (kata-run.lock), so two
# `make kata-N` (or `make watch` and `make kata-N`) never run ninja at once.
LOCK    := flock $(BUILD)/kata-run.lock

# The runner's first build shows its progress; later ones (a no-op, or a
# changed runner source) are quiet unless they fail.
BUILD_RUNNER = if [ -x $(KATA) ]; then \
	  $(LOCK) cmake --build $(BUILD) --target kata_runner >$(BUILD)/runner-build.log 2>&1 || { cat $(BUILD)/runner-build.log; exit 1; }; \
	else $(LOCK) scripts/build-progress $(BUILD) "the runner" kata_runner; fi

runner: configure
	@$(BUILD_RUNNER)

kata: runner
	@$(KATA)

# A kata's folder from its number: 1 -> 01_http_server (empty if there is none).
kata_dir = $(notdir $(firstword $(wildcard katas/$(shell printf '%02d' '$(1)' 2>/dev/null)_*)))

# What `kata run N` builds: the test binary, and the judges of the steps
# where the learner writes the test (a test file with a reference in
# solutions/NN/tests/).
kata_targets = kata_$(1) $(if $(wildcard solutions/$(1)/tests/*.cpp),judges_$(1))

# The very first `make kata-N` builds the runner and kata N in one ninja
# call, so that both cores stay busy; the runner then finds kata N built.
kata-%: configure
	@[ -x $(KATA) ] || [ -z "$(call kata_dir,$*)" ] || \
	  $(LOCK) scripts/build-progress $(BUILD) "the runner and kata $*" kata_runner $(call kata_targets,$(call kata_dir,$*))
	@$(BUILD_RUNNER)
	@$(KATA) run $* $(if $(SEED),--seed $(SEED))

hint-%: runner
	@$(KATA) hint $*

reset-%: runner
	@$(KATA) reset $* $(if $(YES),--yes)

solution-%: runner
	@$(KATA) solution $*

mutants-%: runner
	@$(KATA) mutants $*

progress verify doctor: runner
	@$(KATA) $@

watch: runner
	@$(KATA) watch $(N) $(if $(N),,--last)

bench-loop: runner
	@scripts/bench-loop

# The browser test needs Chromium: installed here, not for the learner's loop.
# The second build's checks run in the same ctest (cmake/MemoryChecks.cmake).
test: configure $(MEMORY)/build.ninja
	@scripts/install-deps --browser
	@$(LOCK) cmake --build $(BUILD) -j$(JOBS)
	@ctest --test-dir $(BUILD) -j$(TEST_JOBS) --output-on-failure --timeout 300

# The same checks built by g++ (the second toolchain), both builds, and the
# fuzzers: build/gcc and build/gcc-memory.
test-gcc:
	@scripts/install-deps --browser
	@mkdir -p build && cmake --preset gcc >build/gcc-configure.log 2>&1 || { cat build/gcc-configure.log; exit 1; }
	@cmake --preset gcc-memory >build/gcc-memory-configure.log 2>&1 || { cat build/gcc-memory-configure.log; exit 1; }
	@cmake --build build/gcc -j$(JOBS)
	@ctest --test-dir build/gcc -j$(TEST_JOBS) --output-on-failure --timeout 300

release:
	@scripts/install-deps
	@cmake --preset release >/dev/null && cmake --build $(RELEASE) -j$(JOBS)

# `make poker-server ARGS="--port 8080"`: katas 2 and 3's app, release build.
poker-server:
	@scripts/install-deps
	@cmake --preset release >/dev/null && cmake --build $(RELEASE) --target poker_server -j$(JOBS) && $(RELEASE)/bin/poker_server $(ARGS)

# `make poker-cli ARGS="--blind-unit 1s"`: kata 4's app, release build.
poker-cli:
	@scripts/install-deps
	@cmake --preset release >/dev/null && cmake --build $(RELEASE) --target poker_cli -j$(JOBS) && $(RELEASE)/bin/poker_cli $(ARGS)

# `make chat-server ARGS="--port 7001"`: kata 18's app, release build.
chat-server:
	@scripts/install-deps
	@cmake --preset release >/dev/null && cmake --build $(RELEASE) --target chat_server -j$(JOBS) && $(RELEASE)/bin/chat_server $(ARGS)

clean:
	rm -rf build

# Anything else: the list, not make's "No rule to make target".
Makefile: ;
%:
	@echo "make: there is no target '$@'; 'make help' lists them" >&2; exit 2

# Half-typed targets get the usage, not make's "No rule to make target".
kata- hint hint- reset reset- solution solution- mutants mutants-:
	@echo "make: '$@' needs a kata number, as in 'make $(patsubst %-,%,$(subst kata,kata,$@))-1'; 'make help' lists the targets" >&2; exit 2
