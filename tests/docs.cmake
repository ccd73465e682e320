# The chapters against the code: every ```cpp block in docs/ compiles (or is
# marked ```cpp fragment), and every `make ...` / `kata ...` the docs tell the
# reader to type exists. Syntax-only, one compiler per block, in parallel.
find_package(Python3 COMPONENTS Interpreter REQUIRED)
add_test(NAME workbook.docs
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/scripts/check-docs
          --root ${CMAKE_SOURCE_DIR} --cxx ${CMAKE_CXX_COMPILER}
          -I ${KATA_GOOGLETEST_DIR}/googletest/include -I ${KATA_GOOGLETEST_DIR}/googlemock/include)
set_tests_properties(workbook.docs PROPERTIES TIMEOUT 60 LABELS workbook)
