# add_all_katas(): every folder katas/NN_name that has a kata.toml becomes a kata.
# Nothing to register by hand: adding katas/NN_x and solutions/NN_x adds kata NN.
#
# For kata NN_name it defines
#   kata_NN_name          the tests linked against the learner's files (katas/NN_name)
#   solution_NN_name      the same tests linked against the reference (solutions/NN_name)
#   solution_lib_NN_name  the reference as a library, for later katas and the apps
# and these ctest checks (the workbook's self-checks):
#   solution.NN_name.stepK   each step is green against the reference, under TSan;
#                            stress steps repeated and shuffled
#   kata.NN_name.stepK.red   each step is red against the starter, by a failed assertion
#   mutant.NN_name.M         each tests/mutants/NN_name/M.patch gets its expected verdict
#
# The test sources live in katas/NN_name/tests/ and include the kata's headers
# as "player_server.h"; they are compiled once per target (kata, solution) and
# not again when a learner's .cpp changes, so an edit recompiles one file and relinks.

# The write-the-test steps' judges: kata_written_tests, kata_add_judge.
include(${CMAKE_CURRENT_LIST_DIR}/Judges.cmake)

# kata_test_main(target): a test executable with gmock's main, testkit, and
# the sanitizer's default options compiled in (testkit/src/sanitizer_options.cpp).
# The options' object is compiled once and linked into every test binary
# (an object, not a library member, so that the linker always takes it).
function(kata_test_main target)
  if(KATA_SANITIZER STREQUAL "thread" OR KATA_SANITIZER STREQUAL "address")
    set(options kata_${KATA_SANITIZER}_options)
    if(NOT TARGET ${options})
      add_library(${options} OBJECT ${CMAKE_SOURCE_DIR}/testkit/src/sanitizer_options.cpp)
      kata_warnings(${options})
    endif()
    target_sources(${target} PRIVATE $<TARGET_OBJECTS:${options}>)
  endif()
  target_link_libraries(${target} PRIVATE testkit GTest::gmock_main)
endfunction()

# kata_testkit_parts(target sources...): testkit_net for a binary whose tests
# include testkit/test_server.h, testkit_ws for websocket_client.h (so a kata
# that needs neither does not wait for Beast to compile).
function(kata_testkit_parts target)
  foreach(source IN LISTS ARGN)
    file(STRINGS ${source} net REGEX "#include \"testkit/test_server\.h\"")
    file(STRINGS ${source} ws REGEX "#include \"testkit/websocket_client\.h\"")
    if(net)
      target_link_libraries(${target} PRIVATE testkit_net)
    endif()
    if(ws)
      target_link_libraries(${target} PRIVATE testkit_ws)
    endif()
  endforeach()
endfunction()

# What the build needs from kata.toml: `uses` (the earlier katas' solutions
# this one links), how many [[steps]] there are (one self-check each), and
# each step's suites (only to pick the test files a mutant needs, below).
# Everything else, stress and hints, is the runner's to read (`kata check
# --kata N --step K`), so there is one reader of a step's meaning; `kata lint`
# checks the file against its schema and its tests.
function(kata_read_toml toml prefix)
  file(STRINGS ${toml} lines REGEX "^[ \t]*(\\[\\[steps\\]\\]|uses[ \t]*=|suites[ \t]*=)")
  set(step 0)
  set(uses "")
  foreach(line IN LISTS lines)
    if(line MATCHES "^[ \t]*\\[\\[steps\\]\\]")
      math(EXPR step "${step} + 1")
    elseif(line MATCHES "^[ \t]*uses[ \t]*=[ \t]*\\[(.*)\\]" AND step EQUAL 0)
      string(REGEX MATCHALL "\"[A-Za-z0-9_]+\"" quoted "${CMAKE_MATCH_1}")
      string(REPLACE "\"" "" uses "${quoted}")
    elseif(line MATCHES "^[ \t]*suites[ \t]*=[ \t]*\\[(.*)\\]" AND step GREATER 0)
      string(REGEX MATCHALL "\"[A-Za-z0-9_]+\"" quoted "${CMAKE_MATCH_1}")
      string(REPLACE "\"" "" suites "${quoted}")
      set(${prefix}_STEP${step}_SUITES "${suites}" PARENT_SCOPE)
    endif()
  endforeach()
  if(step EQUAL 0)
    message(FATAL_ERROR "${toml}: no [[steps]]")
  endif()
  set(${prefix}_STEPS ${step} PARENT_SCOPE)
  set(${prefix}_USES "${uses}" PARENT_SCOPE)
endfunction()

# kata_step_sources(out step_suites sources...): the test files that define a
# test of one of the step's suites.
function(kata_step_sources out step_suites)
  set(picked "")
  foreach(source IN LISTS ARGN)
    file(READ ${source} text)
    foreach(suite IN LISTS step_suites)
      if(text MATCHES "TEST(_F)?\\(${suite},")
        list(APPEND picked ${source})
        break()
      endif()
    endforeach()
  endforeach()
  set(${out} "${picked}" PARENT_SCOPE)
endfunction()

# The test sources of every kata share one precompiled header with GoogleTest,
# GoogleMock and the standard headers they use: a test TU then compiles in
# about a third of the time.
function(kata_test_pch)
  if(TARGET kata_test_pch)
    return()
  endif()
  file(WRITE ${CMAKE_BINARY_DIR}/kata_test_pch.cpp "// Carrier for the tests' precompiled header.\n")
  add_library(kata_test_pch OBJECT ${CMAKE_BINARY_DIR}/kata_test_pch.cpp)
  target_link_libraries(kata_test_pch PRIVATE testkit GTest::gmock)
  target_precompile_headers(kata_test_pch PRIVATE
    <gmock/gmock.h> <gtest/gtest.h>
    <atomic> <chrono> <functional> <map> <memory> <mutex> <optional> <string>
    <string_view> <thread> <vector>)
  kata_warnings(kata_test_pch)
endfunction()

# The kata preset compiles with line tables only (-g1, CMakePresets.json):
# enough for every file:line in a ThreadSanitizer report, a crash's frames and
# a deadlock's thread dump, at about two thirds of the compile time of full
# debug information, with smaller binaries that link and symbolise faster.
# The learner's own files get full debug information (-g), so that a debugger
# shows their local variables.
function(kata_learner_debug_info target)
  target_compile_options(${target} PRIVATE $<$<CONFIG:Debug>:-g>)
endfunction()

# The learner's files share a precompiled header of standard headers (no
# library, no kata header): an edit to one file then recompiles in about half
# the time, which is most of the edit-to-verdict loop. A file that forgets an
# #include still compiles here; the tests' own includes hide that anyway.
set(KATA_STD_PCH_HEADERS
    <algorithm> <atomic> <chrono> <condition_variable> <deque> <filesystem> <fstream> <functional>
    <istream> <latch> <map> <memory> <mutex> <optional> <ostream> <set> <sstream> <stdexcept>
    <stop_token> <string> <string_view> <thread> <unordered_map> <utility> <vector>)

function(kata_learner_pch)
  if(TARGET kata_learner_pch)
    return()
  endif()
  file(WRITE ${CMAKE_BINARY_DIR}/kata_learner_pch.cpp "// Carrier for the learner files' precompiled header.\n")
  add_library(kata_learner_pch OBJECT ${CMAKE_BINARY_DIR}/kata_learner_pch.cpp)
  target_link_libraries(kata_learner_pch PRIVATE Threads::Threads)
  target_precompile_headers(kata_learner_pch PRIVATE ${KATA_STD_PCH_HEADERS})
  kata_warnings(kata_learner_pch LEARNER)
  kata_learner_debug_info(kata_learner_pch)
endfunction()

# kata_solution_pch(target): the same standard headers, precompiled once for
# the reference's sources and the planted bugs' patched copies (line tables
# only, as everything but the learner's files). The 130-odd mutants each
# compile one patched file: with it, about half the time each.
function(kata_solution_pch target)
  if(NOT TARGET kata_solution_pch)
    file(WRITE ${CMAKE_BINARY_DIR}/kata_solution_pch.cpp "// Carrier for the reference's precompiled header.\n")
    add_library(kata_solution_pch OBJECT ${CMAKE_BINARY_DIR}/kata_solution_pch.cpp)
    target_link_libraries(kata_solution_pch PRIVATE Threads::Threads)
    target_precompile_headers(kata_solution_pch PRIVATE ${KATA_STD_PCH_HEADERS})
    kata_warnings(kata_solution_pch)
  endif()
  target_precompile_headers(${target} REUSE_FROM kata_solution_pch)
endfunction()

# kata_same_headers(out kata_dir solution_dir): TRUE when both folders hold
# the same headers with the same bytes.
function(kata_same_headers out kata_dir solution_dir)
  file(GLOB kata_headers RELATIVE ${kata_dir} ${kata_dir}/*.h)
  file(GLOB solution_headers RELATIVE ${solution_dir} ${solution_dir}/*.h)
  set(same FALSE)
  if(kata_headers STREQUAL solution_headers)
    set(same TRUE)
    foreach(header IN LISTS kata_headers)
      file(SHA256 ${kata_dir}/${header} a)
      file(SHA256 ${solution_dir}/${header} b)
      if(NOT a STREQUAL b)
        set(same FALSE)
      endif()
    endforeach()
  endif()
  set(${out} ${same} PARENT_SCOPE)
endfunction()

function(kata_test_objects target impl_dir test_sources deps)
  kata_test_pch()
  add_library(${target} OBJECT ${test_sources})
  target_include_directories(${target} PRIVATE ${impl_dir})
  target_link_libraries(${target} PRIVATE testkit GTest::gmock ${deps})
  target_precompile_headers(${target} REUSE_FROM kata_test_pch)
  kata_warnings(${target})
endfunction()

# What a kata's code links: the reference solutions of the katas it `uses`,
# and the support every kata gets.
function(kata_solution_deps out uses)
  set(deps "")
  foreach(used IN LISTS uses)
    list(APPEND deps solution_lib_${used})
  endforeach()
  list(APPEND deps kata_support testkit_todo Threads::Threads)
  set(${out} "${deps}" PARENT_SCOPE)
endfunction()

# solution_lib_NN_name: the reference, as a library (later katas and the apps link it).
function(kata_solution_library name deps)
  set(solution_dir ${CMAKE_SOURCE_DIR}/solutions/${name})
  file(GLOB solution_sources CONFIGURE_DEPENDS ${solution_dir}/*.cpp)
  if(solution_sources)
    add_library(solution_lib_${name} STATIC ${solution_sources})
    target_include_directories(solution_lib_${name} PUBLIC ${solution_dir})
    target_link_libraries(solution_lib_${name} PUBLIC ${deps})
    kata_warnings(solution_lib_${name})
    kata_solution_pch(solution_lib_${name})
  else()
    add_library(solution_lib_${name} INTERFACE)
    target_include_directories(solution_lib_${name} INTERFACE ${solution_dir})
  endif()
endfunction()

function(add_kata dir)
  get_filename_component(name ${dir} NAME)
  set(kata_dir ${CMAKE_SOURCE_DIR}/katas/${name})
  set(solution_dir ${CMAKE_SOURCE_DIR}/solutions/${name})
  set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${kata_dir}/kata.toml)
  kata_read_toml(${kata_dir}/kata.toml K)

  file(GLOB learner_sources CONFIGURE_DEPENDS ${kata_dir}/*.cpp)
  file(GLOB test_sources CONFIGURE_DEPENDS ${kata_dir}/tests/*.cpp)
  if(NOT test_sources)
    message(FATAL_ERROR "kata ${name}: no tests in ${kata_dir}/tests")
  endif()

  kata_solution_deps(deps "${K_USES}")
  kata_solution_library(${name} "${deps}")

  # A test file in katas/NN_name/tests/ with a reference of the same name in
  # solutions/NN_name/tests/ is one the learner writes (a write-the-test
  # step): the learner's copy is a skeleton, so the reference's binaries
  # (solution_NN_name, the mutants) compile the reference's copy instead.
  kata_written_tests(${name} written_tests solution_test_sources "${test_sources}")

  # The tests' objects. When the learner's headers are the reference's, byte
  # for byte (the work is in the .cpp files), one compile of each test file
  # serves both binaries: kata_tests_NN, against katas/NN_name, linked with
  # the learner's files and with the reference. Only the written tests'
  # references (solution_tests_NN) and the learner's copies
  # (kata_written_NN) are compiled apart. Otherwise each side compiles every
  # test file against its own headers. (A learner who edits a header later
  # changes only what their own binary needs: solution_NN is make test's.)
  kata_same_headers(same_headers ${kata_dir} ${solution_dir})
  if(same_headers)
    set(shared_sources ${test_sources})
    set(learner_written "")
    foreach(file IN LISTS written_tests)
      list(REMOVE_ITEM shared_sources ${kata_dir}/tests/${file})
      list(APPEND learner_written ${kata_dir}/tests/${file})
    endforeach()
    set(reference_written ${solution_test_sources})
    list(REMOVE_ITEM reference_written ${shared_sources})
    kata_test_objects(kata_tests_${name} ${kata_dir} "${shared_sources}" "${deps}")
    set(learner_objects kata_tests_${name})
    set(solution_objects kata_tests_${name})
    if(written_tests)
      kata_test_objects(kata_written_${name} ${kata_dir} "${learner_written}" "${deps}")
      kata_test_objects(solution_tests_${name} ${solution_dir} "${reference_written}" "${deps}")
      target_include_directories(solution_tests_${name} PRIVATE ${kata_dir}/tests)
      list(APPEND learner_objects kata_written_${name})
      list(APPEND solution_objects solution_tests_${name})
    endif()
  else()
    kata_test_objects(solution_tests_${name} ${solution_dir} "${solution_test_sources}" "${deps}")
    target_include_directories(solution_tests_${name} PRIVATE ${kata_dir}/tests)
    kata_test_objects(kata_tests_${name} ${kata_dir} "${test_sources}" "${deps}")
    set(learner_objects kata_tests_${name})
    set(solution_objects solution_tests_${name})
  endif()
  list(TRANSFORM learner_objects REPLACE "(.+)" "$<TARGET_OBJECTS:\\1>" OUTPUT_VARIABLE learner_object_files)
  list(TRANSFORM solution_objects REPLACE "(.+)" "$<TARGET_OBJECTS:\\1>" OUTPUT_VARIABLE solution_object_files)

  # Tests against the reference.
  add_executable(solution_${name} ${solution_object_files})
  target_link_libraries(solution_${name} PRIVATE solution_lib_${name} ${deps})
  kata_test_main(solution_${name})
  kata_testkit_parts(solution_${name} ${test_sources})

  # Tests against the learner's files: warnings shown, never errors. The
  # second build (memory) builds them only when the runner asks.
  add_executable(kata_${name} ${learner_sources} ${learner_object_files})
  if(KATA_SANITIZER STREQUAL "address")
    set_target_properties(${learner_objects} kata_${name} PROPERTIES EXCLUDE_FROM_ALL ON)
  endif()
  target_include_directories(kata_${name} PRIVATE ${kata_dir})
  target_link_libraries(kata_${name} PRIVATE ${deps})
  kata_test_main(kata_${name})
  kata_testkit_parts(kata_${name} ${test_sources})
  kata_warnings(kata_${name} LEARNER)
  kata_learner_debug_info(kata_${name})
  kata_learner_pch()
  target_precompile_headers(kata_${name} REUSE_FROM kata_learner_pch)
  # A kata may tune its learner target in katas/NN_name/kata.cmake (kata 2
  # compiles the one learner file that needs a heavy library on its own).
  if(EXISTS ${kata_dir}/kata.cmake)
    set(KATA_LEARNER_TARGET kata_${name})
    include(${kata_dir}/kata.cmake)
  endif()

  # The second build's self-checks: every step of the reference is clean
  # under AddressSanitizer and UndefinedBehaviorSanitizer (run once: these
  # errors do not hide in a schedule), and each memory bug is caught.
  if(KATA_SANITIZER STREQUAL "address")
    if(NOT KATA_MEMORY_KATAS STREQUAL "all" AND NOT name IN_LIST KATA_MEMORY_KATAS)
      # Built for `kata run`; make test does not check its steps here, but
      # it does check its memory bugs, each built alone from its step's test
      # files (cmake/MemoryChecks.cmake).
      kata_add_mutants(${name} "${deps}" "${solution_test_sources}" "" ALONE)
      return()
    endif()
    add_dependencies(memory_checks solution_${name})
    foreach(step RANGE 1 ${K_STEPS})
      add_test(NAME memory.${name}.step${step}
        COMMAND $<TARGET_FILE:kata_runner> check --expect PASS --kata ${name} --step ${step} --repeat 1
                --binary $<TARGET_FILE:solution_${name}>)
      set_tests_properties(memory.${name}.step${step} PROPERTIES TIMEOUT 120 LABELS memory FIXTURES_REQUIRED memory_build)
    endforeach()
    kata_add_mutants(${name} "${deps}" "${solution_test_sources}" "${solution_object_files}")
    return()
  endif()

  # Self-checks. The runner reads kata.toml for them (`kata check --kata N
  # --step K`: the step's suites, repeated and shuffled if it is a stress
  # step), so they and `kata run` can never disagree about what a step is.
  foreach(step RANGE 1 ${K_STEPS})
    add_test(NAME solution.${name}.step${step}
      COMMAND $<TARGET_FILE:kata_runner> check --expect PASS --kata ${name} --step ${step}
              --binary $<TARGET_FILE:solution_${name}>)
    set_tests_properties(solution.${name}.step${step} PROPERTIES TIMEOUT 120 LABELS solution)

    # Red by a failed assertion (FAIL), not by a crash, a hang or a race report.
    add_test(NAME kata.${name}.step${step}.red
      COMMAND $<TARGET_FILE:kata_runner> check --expect FAIL --kata ${name} --step ${step} --repeat 1
              --binary $<TARGET_FILE:kata_${name}>)
    set_tests_properties(kata.${name}.step${step}.red PROPERTIES TIMEOUT 60 LABELS starter)
  endforeach()

  # Every test the binary holds belongs to a step: a suite no step names
  # would run only as the learner's own.
  add_test(NAME solution.${name}.every_test_in_a_step
    COMMAND $<TARGET_FILE:kata_runner> lint ${name} --binary $<TARGET_FILE:solution_${name}>)
  set_tests_properties(solution.${name}.every_test_in_a_step PROPERTIES LABELS solution)

  kata_add_mutants(${name} "${deps}" "${solution_test_sources}" "${solution_object_files}")
  foreach(written IN LISTS written_tests)
    kata_add_judge(${name} ${written} "${deps}")
  endforeach()
endfunction()

# A planted bug may leave a member unused (the store a broken server never
# asks): clang warns about that, g++ does not; it is the bug, not an error.
function(kata_mutant_warnings target)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_compile_options(${target} PRIVATE -Wno-unused-private-field)
  endif()
endfunction()

# tests/mutants/NN_name/M.patch: a deliberately broken copy of the solution.
# The patch's leading comment lines say what the self-check expects:
#   # step: 5          the step whose suites are run
#   # expect: RACE     the verdict (RACE, FAIL, DEADLOCK, TIMEOUT, CRASH; or
#                      MEMORY, UB: a bug that only the second build, under
#                      AddressSanitizer and UndefinedBehaviorSanitizer, sees,
#                      and that only it builds and checks)
#   # repeat: 1        optional: runs of the step in the one process (3 unless
#                      given; 1 for a bug whose failure does not depend on the
#                      schedule, where two more runs only cost time)
#
# ALONE: build each mutant without the kata's test objects (the second build,
# for a kata whose steps it does not check): its step's test files compiled
# against the patched copy, as for a patch that changes a header.
function(kata_add_mutants name deps test_sources solution_object_files)
  cmake_parse_arguments(ARG "ALONE" "" "" ${ARGN})
  file(GLOB patches CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/mutants/${name}/*.patch)
  foreach(patch IN LISTS patches)
    get_filename_component(mutant ${patch} NAME_WE)
    set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${patch})
    file(STRINGS ${patch} meta REGEX "^# (step|expect|test|repeat):")
    set(step "")
    set(expect "")
    set(repeat 3)
    set(judged OFF)
    foreach(line IN LISTS meta)
      if(line MATCHES "^# step: *([0-9]+)")
        set(step ${CMAKE_MATCH_1})
      elseif(line MATCHES "^# expect: *([A-Z]+)")
        set(expect ${CMAKE_MATCH_1})
      elseif(line MATCHES "^# repeat: *([1-9][0-9]*)")
        set(repeat ${CMAKE_MATCH_1})
      elseif(line MATCHES "^# test: *([A-Za-z0-9_]+\\.cpp)")
        # A planted bug of a write-the-test step: the learner's test of that
        # file must catch it (kata_add_judge).
        set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY KATA_JUDGED_MUTANTS_${name}_${CMAKE_MATCH_1} ${mutant})
        set(judged ON)
      endif()
    endforeach()
    if(NOT step OR NOT expect)
      message(FATAL_ERROR "${patch}: needs '# step: N' and '# expect: VERDICT' lines")
    endif()
    set(memory_bug OFF)
    if(expect STREQUAL "MEMORY" OR expect STREQUAL "UB")
      set(memory_bug ON)
    endif()
    if(KATA_SANITIZER STREQUAL "address")
      if(NOT memory_bug)
        continue()
      endif()
      set(repeat 1)  # a memory error does not hide in a schedule
    elseif(memory_bug)
      continue()
    endif()
    set_property(DIRECTORY ${CMAKE_SOURCE_DIR} PROPERTY KATA_MUTANT_EXPECT_${name}_${mutant} ${expect})

    # The mutant is a patched copy made now: a change to the solution or to
    # the patch must make it again.
    file(GLOB solution_files ${CMAKE_SOURCE_DIR}/solutions/${name}/*)
    set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${solution_files})
    # It is patched in a scratch folder and copied over the last copy only
    # where a file differs, so that a reconfigure (any kata.toml touched)
    # does not recompile every mutant.
    set(root ${CMAKE_BINARY_DIR}/mutants/${name}/${mutant})
    set(scratch ${CMAKE_BINARY_DIR}/mutants/${name}/.${mutant}.new)
    file(REMOVE_RECURSE ${scratch})
    file(COPY ${CMAKE_SOURCE_DIR}/solutions/${name} DESTINATION ${scratch}/solutions)
    execute_process(COMMAND patch --quiet --batch -p1 -d ${scratch} -i ${patch}
                    RESULT_VARIABLE failed OUTPUT_VARIABLE out ERROR_VARIABLE out)
    if(failed)
      message(FATAL_ERROR "${patch} no longer applies to solutions/${name}:\n${out}")
    endif()
    file(GLOB_RECURSE old_files RELATIVE ${root} ${root}/*)
    file(GLOB_RECURSE new_files RELATIVE ${scratch} ${scratch}/*)
    foreach(file IN LISTS old_files)
      if(NOT file IN_LIST new_files)
        file(REMOVE ${root}/${file})
      endif()
    endforeach()
    foreach(file IN LISTS new_files)
      get_filename_component(folder ${root}/${file} DIRECTORY)
      file(MAKE_DIRECTORY ${folder})
      file(COPY_FILE ${scratch}/${file} ${root}/${file} ONLY_IF_DIFFERENT)
    endforeach()
    file(REMOVE_RECURSE ${scratch})
    # Only the .cpp files the patch changes are compiled, once, into
    # mutant_objects_NN_M (its test binary and the write-the-test judges link
    # them): the other files come from the solution's library (the linker
    # takes an archive member only for a symbol still undefined, and the
    # patched objects define them all), and the tests' objects are the
    # solution's. A patch that changes a header (a template, an inline
    # function) compiles every source again, and the test files that hold
    # the mutant's step, only those (a test TU under TSan takes seconds),
    # against the patched headers.
    file(STRINGS ${patch} touched_headers REGEX "^\\+\\+\\+ .*\\.h")
    set(test_object_files ${solution_object_files})
    set(solution_rest solution_lib_${name})
    set(linked_test_sources ${test_sources})
    if(touched_headers OR ARG_ALONE)
      # A write-the-test step's judge compiles the learner's test against
      # these headers too (kata_add_judge).
      set_property(DIRECTORY ${CMAKE_SOURCE_DIR} PROPERTY KATA_MUTANT_HEADERS_${name}_${mutant} ${root}/solutions/${name})
      file(GLOB mutant_sources ${root}/solutions/${name}/*.cpp)
      set(test_objects mutant_tests_${name}_${mutant})
      set(test_object_files $<TARGET_OBJECTS:${test_objects}>)
      set(solution_rest "")
      kata_step_sources(step_sources "${K_STEP${step}_SUITES}" ${test_sources})
      if(NOT step_sources)
        message(FATAL_ERROR "${patch}: no test file in katas/${name}/tests holds step ${step}'s suites")
      endif()
      kata_test_objects(${test_objects} ${root}/solutions/${name} "${step_sources}" "${deps}")
      if(ARG_ALONE)
        set(linked_test_sources ${step_sources})  # the testkit parts those need, no more
      endif()
      kata_mutant_warnings(${test_objects})
      target_include_directories(${test_objects} PRIVATE ${CMAKE_SOURCE_DIR}/katas/${name}/tests)
    else()
      file(STRINGS ${patch} touched_sources REGEX "^\\+\\+\\+ .*\\.cpp")
      set(mutant_sources "")
      foreach(line IN LISTS touched_sources)
        if(line MATCHES "/([^/\t ]+\\.cpp)")
          list(APPEND mutant_sources ${root}/solutions/${name}/${CMAKE_MATCH_1})
        endif()
      endforeach()
    endif()
    add_executable(mutant_${name}_${mutant} ${test_object_files})
    target_link_libraries(mutant_${name}_${mutant} PRIVATE ${solution_rest} ${deps})
    if(mutant_sources)  # none for a header-only solution (kata 12's Channel)
      add_library(mutant_objects_${name}_${mutant} OBJECT ${mutant_sources})
      target_include_directories(mutant_objects_${name}_${mutant} PRIVATE ${root}/solutions/${name})
      target_link_libraries(mutant_objects_${name}_${mutant} PRIVATE ${deps})
      set_target_properties(mutant_objects_${name}_${mutant} PROPERTIES KATA_SOLUTION_REST "${solution_rest}")
      kata_warnings(mutant_objects_${name}_${mutant})
      kata_mutant_warnings(mutant_objects_${name}_${mutant})
      kata_solution_pch(mutant_objects_${name}_${mutant})
      target_sources(mutant_${name}_${mutant} PRIVATE $<TARGET_OBJECTS:mutant_objects_${name}_${mutant}>)
    endif()
    kata_test_main(mutant_${name}_${mutant})
    kata_testkit_parts(mutant_${name}_${mutant} ${linked_test_sources})
    kata_warnings(mutant_${name}_${mutant})

    # A mutant that spins is expected to: a short limit is enough to see it.
    # A DEADLOCK keeps the kata's own limit: a lock-order inversion may show
    # only after a slow loopback test (seconds on a loaded machine), and a
    # real hang is stopped early anyway, once every thread has been blocked
    # and silent for a few seconds.
    set(limit "")
    if(expect STREQUAL "TIMEOUT")
      set(limit --timeout 5)
    endif()
    # A planted bug of a write-the-test step expected to FAIL is checked by
    # its judge's self-check (judge.NN.STEM.reference runs the reference test
    # against it and wants that very verdict): a run of its own would repeat
    # it. One expected to RACE or DEADLOCK keeps its own, repeated, check.
    if(judged AND expect STREQUAL "FAIL")
      continue()
    endif()
    add_test(NAME mutant.${name}.${mutant}
      COMMAND $<TARGET_FILE:kata_runner> check --expect ${expect} --kata ${name} --step ${step}
              --binary $<TARGET_FILE:mutant_${name}_${mutant}> --repeat ${repeat} ${limit})
    set_tests_properties(mutant.${name}.${mutant} PROPERTIES TIMEOUT 120 LABELS mutant)
    if(memory_bug)
      add_dependencies(memory_checks mutant_${name}_${mutant})
      set_tests_properties(mutant.${name}.${mutant} PROPERTIES LABELS memory FIXTURES_REQUIRED memory_build)
    endif()
  endforeach()
endfunction()

# Only the solution_lib_NN_name libraries, for a build of the apps without
# the katas and their tests (the release preset).
function(add_all_solution_libraries)
  file(GLOB dirs LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/katas/[0-9][0-9]_*)
  list(SORT dirs)
  foreach(dir IN LISTS dirs)
    get_filename_component(name ${dir} NAME)
    if(EXISTS ${dir}/kata.toml AND IS_DIRECTORY ${CMAKE_SOURCE_DIR}/solutions/${name})
      set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${dir}/kata.toml)
      kata_read_toml(${dir}/kata.toml K)
      kata_solution_deps(deps "${K_USES}")
      kata_solution_library(${name} "${deps}")
    endif()
  endforeach()
endfunction()

function(add_all_katas)
  if(KATA_SANITIZER STREQUAL "address" AND NOT TARGET memory_checks)
    # What make test checks in the second build (cmake/MemoryChecks.cmake).
    add_custom_target(memory_checks)
  endif()
  file(GLOB dirs LIST_DIRECTORIES true ${CMAKE_SOURCE_DIR}/katas/[0-9][0-9]_*)
  list(SORT dirs)
  foreach(dir IN LISTS dirs)
    if(EXISTS ${dir}/kata.toml)
      add_kata(${dir})
    endif()
  endforeach()
endfunction()
