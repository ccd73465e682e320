# Fuzzing the parsers of untrusted input (tests/fuzz/*.cpp, docs/fuzzing.md):
# a request target, a league file, poker_server's command line and player
# names, a --blind-unit, a test binary's output and a compiler's log. Each
# ctest `fuzz.<name>` runs one libFuzzer binary for a few seconds on a copy
# of its seed corpus (tests/fuzz/corpus/<name>/); scripts/fuzz runs them
# longer.
#
# The fuzzers are built by clang++-14 called directly, not as targets of
# this project: the project's compiler is g++ with -fsanitize=thread set
# for everything, and libFuzzer wants clang with ASan and UBSan. UBSan does
# not recover (-fno-sanitize-recover=all), so undefined behaviour fails the
# run. Line tables (-gline-tables-only) are all a crash's stack needs, at
# a fraction of the compile time of full debug information. Objects are
# compiled with -ffunction-sections -fdata-sections and linked by lld with
# --gc-sections: poker_args links poker_server.cpp without the web server
# its Run() needs, which is never called.
#
# This file is also a `cmake -P` script: the tests run it to start each
# fuzzer in a fresh work folder (see the end of the file).

if(CMAKE_SCRIPT_MODE_FILE)
  # cmake -DFUZZER=<binary> -DSEEDS=<dir> -DWORK=<dir> -DSECONDS=<n> -DARTIFACTS=<dir> -P fuzz.cmake
  # libFuzzer adds what it finds to the first folder and only reads the
  # seeds, so the source tree is never written to.
  file(REMOVE_RECURSE ${WORK})
  file(MAKE_DIRECTORY ${WORK} ${ARTIFACTS})
  get_filename_component(name ${FUZZER} NAME)
  execute_process(
    COMMAND ${FUZZER} -max_total_time=${SECONDS} -timeout=2 -rss_limit_mb=2048
            -max_len=65536 -print_final_stats=1 -artifact_prefix=${ARTIFACTS}/${name}- ${WORK} ${SEEDS}
    RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "fuzz: ${name} found a problem (status ${result}); the input is in ${ARTIFACTS}/")
  endif()
  return()
endif()

find_program(KATA_FUZZ_CXX clang++-14)
find_program(KATA_FUZZ_LLD ld.lld-14 ld.lld)
set(kata_fuzz_runtime "")
if(KATA_FUZZ_CXX)
  execute_process(COMMAND ${KATA_FUZZ_CXX} --print-runtime-dir OUTPUT_VARIABLE kata_fuzz_runtime_dir
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  set(kata_fuzz_runtime "${kata_fuzz_runtime_dir}/libclang_rt.fuzzer-${CMAKE_SYSTEM_PROCESSOR}.a")
endif()
if(NOT KATA_FUZZ_CXX OR NOT KATA_FUZZ_LLD OR NOT EXISTS "${kata_fuzz_runtime}")
  message(STATUS "fuzz: no fuzzers (they need clang++-14, its libFuzzer runtime and lld: "
                 "Debian's clang-14, libclang-rt-14-dev and lld)")
  return()
endif()

set(kata_fuzz_dir ${CMAKE_BINARY_DIR}/fuzz)
set(kata_fuzz_flags -std=c++20 -gline-tables-only -O1 -fsanitize=fuzzer-no-link,address,undefined
                    -fno-sanitize-recover=all -ffunction-sections -fdata-sections)
set(kata_fuzz_link_flags -fsanitize=fuzzer,address,undefined -fuse-ld=${KATA_FUZZ_LLD} -Wl,--gc-sections)

# kata_fuzzer(NAME name SOURCES file... INCLUDES dir... [LIBS flag...]): one
# object per source (a source shared by two fuzzers is compiled once), with
# a depfile so that an edited header rebuilds what includes it.
set(kata_fuzz_binaries "")
function(kata_fuzzer)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME" "SOURCES;INCLUDES;LIBS")
  set(includes "")
  foreach(dir IN LISTS arg_INCLUDES)
    list(APPEND includes -I${CMAKE_SOURCE_DIR}/${dir})
  endforeach()
  set(objects "")
  foreach(source IN LISTS arg_SOURCES)
    string(REGEX REPLACE "[/.]" "_" stem ${source})
    set(object ${kata_fuzz_dir}/obj/${stem}.o)
    get_property(done GLOBAL PROPERTY kata_fuzz_object_${stem})
    if(NOT done)
      set_property(GLOBAL PROPERTY kata_fuzz_object_${stem} TRUE)
      add_custom_command(
        OUTPUT ${object}
        COMMAND ${KATA_FUZZ_CXX} ${kata_fuzz_flags} ${includes} -MD -MF ${object}.d
                -c ${CMAKE_SOURCE_DIR}/${source} -o ${object}
        DEPENDS ${CMAKE_SOURCE_DIR}/${source}
        DEPFILE ${object}.d
        COMMENT "fuzz: compiling ${source}"
        VERBATIM)
    endif()
    list(APPEND objects ${object})
  endforeach()
  set(binary ${kata_fuzz_dir}/${arg_NAME})
  add_custom_command(
    OUTPUT ${binary}
    COMMAND ${KATA_FUZZ_CXX} ${kata_fuzz_link_flags} ${objects} ${arg_LIBS} -o ${binary}
    DEPENDS ${objects}
    COMMENT "fuzz: linking ${arg_NAME}"
    VERBATIM)
  set(kata_fuzz_binaries ${kata_fuzz_binaries} ${binary} PARENT_SCOPE)

  add_test(NAME fuzz.${arg_NAME}
           COMMAND ${CMAKE_COMMAND} -DFUZZER=${binary} -DSEEDS=${CMAKE_CURRENT_FUNCTION_LIST_DIR}/fuzz/corpus/${arg_NAME}
                   -DWORK=${kata_fuzz_dir}/work/${arg_NAME} -DARTIFACTS=${kata_fuzz_dir}/artifacts
                   -DSECONDS=5 -P ${CMAKE_CURRENT_FUNCTION_LIST_FILE})
  set_tests_properties(fuzz.${arg_NAME} PROPERTIES LABELS fuzz TIMEOUT 60)
endfunction()

# The same include folders for every fuzzer that reads the solutions.
set(kata_fuzz_solutions apps/poker_server solutions/05_websockets solutions/04_cli_poker
                        solutions/03_file_store solutions/02_json_league solutions/01_http_server
                        support/include)

kata_fuzzer(NAME http_target
            SOURCES tests/fuzz/http_target.cpp support/src/http.cpp
            INCLUDES support/include)
kata_fuzzer(NAME league_file
            SOURCES tests/fuzz/league_file.cpp solutions/03_file_store/file_system_player_store.cpp
                    solutions/02_json_league/league_json.cpp solutions/02_json_league/player_json.cpp
            INCLUDES ${kata_fuzz_solutions})
kata_fuzzer(NAME poker_args
            SOURCES tests/fuzz/poker_args.cpp apps/poker_server/poker_server.cpp support/src/clock.cpp
                    support/src/player_name.cpp support/src/http.cpp
            INCLUDES ${kata_fuzz_solutions})
kata_fuzzer(NAME duration
            SOURCES tests/fuzz/duration.cpp support/src/clock.cpp
            INCLUDES support/include)
kata_fuzzer(NAME runner_output
            SOURCES tests/fuzz/runner_output.cpp runner/src/verdict.cpp runner/src/build.cpp
                    runner/src/compile_errors.cpp runner/src/gtest_output.cpp runner/src/parse_util.cpp
                    runner/src/thread_dump.cpp runner/src/tsan_report.cpp runner/src/process.cpp
            INCLUDES runner/src
            LIBS -lfmt)

add_custom_target(fuzzers ALL DEPENDS ${kata_fuzz_binaries})
