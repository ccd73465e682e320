# Write-the-test steps (docs/runner.md): the learner writes a test file, and
# the runner judges it against the reference solution and the step's planted
# bugs. This file builds what the judge runs, and the self-checks that prove
# the judge itself: add_kata (Katas.cmake) calls kata_written_tests and, per
# written test, kata_add_judge.

# kata_written_tests(name out_written out_solution_sources test_sources): the
# file names of the tests the learner writes (those with a reference in
# solutions/NN_name/tests/), and the test sources the reference is built with
# (the references in place of the learner's copies).
function(kata_written_tests name out_written out_sources test_sources)
  file(GLOB references CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/solutions/${name}/tests/*.cpp)
  set(written "")
  set(sources ${test_sources})
  foreach(reference IN LISTS references)
    get_filename_component(file ${reference} NAME)
    if(NOT EXISTS ${CMAKE_SOURCE_DIR}/katas/${name}/tests/${file})
      message(FATAL_ERROR "${reference}: a reference test needs the learner's skeleton katas/${name}/tests/${file}")
    endif()
    list(REMOVE_ITEM sources ${CMAKE_SOURCE_DIR}/katas/${name}/tests/${file})
    # The learner's file: its warnings are shown, never errors.
    set_source_files_properties(${CMAKE_SOURCE_DIR}/katas/${name}/tests/${file} PROPERTIES COMPILE_OPTIONS -Wno-error)
    list(APPEND sources ${reference})
    list(APPEND written ${file})
  endforeach()
  set(${out_written} "${written}" PARENT_SCOPE)
  set(${out_sources} "${sources}" PARENT_SCOPE)
endfunction()

# kata_judge_binary(target test_objects impl_objects_or_library deps sources):
# one test file's objects linked against one implementation.
function(kata_judge_binary target test_objects impl deps test_source)
  if(TARGET ${impl})
    get_target_property(type ${impl} TYPE)
  endif()
  if(type STREQUAL "OBJECT_LIBRARY")
    # A mutant's objects: the files its patch changed; the solution's
    # library has the rest (kata_add_mutants in Katas.cmake).
    add_executable(${target} EXCLUDE_FROM_ALL $<TARGET_OBJECTS:${test_objects}> $<TARGET_OBJECTS:${impl}>)
    get_target_property(rest ${impl} KATA_SOLUTION_REST)
    if(rest)
      target_link_libraries(${target} PRIVATE ${rest})
    endif()
  else()
    # A library, or nothing at all: a header-only planted bug has no objects.
    add_executable(${target} EXCLUDE_FROM_ALL $<TARGET_OBJECTS:${test_objects}>)
    if(impl)
      target_link_libraries(${target} PRIVATE ${impl})
    endif()
  endif()
  target_link_libraries(${target} PRIVATE ${deps})
  kata_test_main(${target})
  kata_testkit_parts(${target} ${test_source})
endfunction()

# The objects of one test file compiled against the headers in impl_dir
# (the reference's, or a planted bug's that changes a header).
function(kata_judge_objects target name impl_dir test_source deps)
  kata_test_objects(${target} ${impl_dir} "${test_source}" "${deps}")
  target_include_directories(${target} PRIVATE ${CMAKE_SOURCE_DIR}/katas/${name}/tests)
  set_target_properties(${target} PROPERTIES EXCLUDE_FROM_ALL ON)
endfunction()

# A copy of a test file with every assertion statement removed (EXPECT_*,
# ASSERT_*, FAIL(), ADD_FAILURE(), each through its closing ';'), made by
# the runner at build time (`kata strip-assertions`), which reads C++
# parentheses and string literals.
function(kata_without_assertions source out)
  add_custom_command(OUTPUT ${out}
    COMMAND $<TARGET_FILE:kata_runner> strip-assertions ${source} ${out}
    DEPENDS ${source} kata_runner
    COMMENT "Removing the assertions of ${source}")
endfunction()

# A write-the-test step's judge for the test file `written` of kata `name`.
# The learner's test is compiled once against the reference's headers and
# linked against the reference (judge_NN_name_STEM) and against each planted
# bug that names this file in its header (`# test: FILE`):
# judge_NN_name_STEM_MUTANT. `kata run` builds them all (target judges_NN_name)
# with the kata: a save of the test recompiles one translation unit here and
# relinks; the mutants' objects are compiled once.
# Self-checks: the reference test passes against the reference and catches
# every planted bug (judge.NN_name.STEM.reference), and the same test with its
# assertions removed is WEAK, never PASS (judge.NN_name.STEM.assertions_removed).
function(kata_add_judge name written deps)
  get_filename_component(stem ${written} NAME_WE)
  set(learner_test ${CMAKE_SOURCE_DIR}/katas/${name}/tests/${written})
  set(reference_test ${CMAKE_SOURCE_DIR}/solutions/${name}/tests/${written})
  set(weak_test ${CMAKE_BINARY_DIR}/weak/${name}/${written})
  set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${reference_test})
  kata_without_assertions(${reference_test} ${weak_test})
  # Without its assertions, the test leaves variables unused: not an error.
  set_source_files_properties(${weak_test} PROPERTIES COMPILE_OPTIONS -Wno-error)

  set(reference_dir ${CMAKE_SOURCE_DIR}/solutions/${name})
  kata_judge_objects(judge_tests_${name}_${stem} ${name} ${reference_dir} ${learner_test} "${deps}")
  kata_judge_objects(weak_tests_${name}_${stem} ${name} ${reference_dir} ${weak_test} "${deps}")
  set_target_properties(weak_tests_${name}_${stem} PROPERTIES EXCLUDE_FROM_ALL OFF)
  kata_judge_binary(judge_${name}_${stem} judge_tests_${name}_${stem} solution_lib_${name} "${deps}" ${learner_test})
  kata_judge_binary(weak_${name}_${stem} weak_tests_${name}_${stem} solution_lib_${name} "${deps}" ${reference_test})
  set_target_properties(weak_${name}_${stem} PROPERTIES EXCLUDE_FROM_ALL OFF)
  set(judges judge_${name}_${stem})
  set(reference_args "")
  set(weak_args "")
  get_property(mutants DIRECTORY ${CMAKE_SOURCE_DIR} PROPERTY KATA_JUDGED_MUTANTS_${name}_${written})
  # The self-check without assertions needs one bug to let through, not all:
  # it is built against one planted bug only (a link, or for a header bug a
  # compile, saved per other bug), the first whose verdict is a FAIL (a
  # failed assertion, which the stripped test cannot have; a race report
  # could still catch a race bug).
  set(weak_mutant "")
  if(mutants)
    list(GET mutants 0 weak_mutant)
  endif()
  foreach(mutant IN LISTS mutants)
    get_property(expect DIRECTORY ${CMAKE_SOURCE_DIR} PROPERTY KATA_MUTANT_EXPECT_${name}_${mutant})
    if(expect STREQUAL "FAIL")
      set(weak_mutant ${mutant})
      break()
    endif()
  endforeach()
  foreach(mutant IN LISTS mutants)
    # The test's objects: compiled once against the reference's headers, or,
    # for a bug that changes a header (a template, an inline function),
    # against its own: one more compile of the test per such bug and save.
    set(judge_tests judge_tests_${name}_${stem})
    set(weak_tests weak_tests_${name}_${stem})
    get_property(mutant_dir DIRECTORY ${CMAKE_SOURCE_DIR} PROPERTY KATA_MUTANT_HEADERS_${name}_${mutant})
    set(weak OFF)
    if(mutant STREQUAL weak_mutant)
      set(weak ON)
    endif()
    if(mutant_dir)
      set(judge_tests judge_tests_${name}_${stem}_${mutant})
      kata_judge_objects(${judge_tests} ${name} ${mutant_dir} ${learner_test} "${deps}")
      if(weak)
        set(weak_tests weak_tests_${name}_${stem}_${mutant})
        kata_judge_objects(${weak_tests} ${name} ${mutant_dir} ${weak_test} "${deps}")
        set_target_properties(${weak_tests} PROPERTIES EXCLUDE_FROM_ALL OFF)
      endif()
    endif()
    set(impl "")
    if(TARGET mutant_objects_${name}_${mutant})
      set(impl mutant_objects_${name}_${mutant})
    endif()
    kata_judge_binary(judge_${name}_${stem}_${mutant} ${judge_tests} "${impl}" "${deps}" ${learner_test})
    list(APPEND judges judge_${name}_${stem}_${mutant})
    list(APPEND reference_args --mutant ${mutant}=$<TARGET_FILE:mutant_${name}_${mutant}>)
    if(weak)
      kata_judge_binary(weak_${name}_${stem}_${mutant} ${weak_tests} "${impl}" "${deps}" ${reference_test})
      set_target_properties(weak_${name}_${stem}_${mutant} PROPERTIES EXCLUDE_FROM_ALL OFF)
      list(APPEND weak_args --mutant ${mutant}=$<TARGET_FILE:weak_${name}_${stem}_${mutant}>)
    endif()
  endforeach()
  if(TARGET judges_${name})
    add_dependencies(judges_${name} ${judges})
  else()
    add_custom_target(judges_${name} DEPENDS ${judges})
  endif()

  add_test(NAME judge.${name}.${stem}.reference
    COMMAND $<TARGET_FILE:kata_runner> check --expect PASS --kata ${name} --judge ${written}
            --binary $<TARGET_FILE:solution_${name}> ${reference_args})
  add_test(NAME judge.${name}.${stem}.assertions_removed
    COMMAND $<TARGET_FILE:kata_runner> check --expect WEAK --kata ${name} --judge ${written}
            --binary $<TARGET_FILE:weak_${name}_${stem}> ${weak_args})
  set_tests_properties(judge.${name}.${stem}.reference judge.${name}.${stem}.assertions_removed
                       PROPERTIES TIMEOUT 120 LABELS judge)
endfunction()
