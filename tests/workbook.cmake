# The workbook's shape: every kata has its solution with the same source files,
# a chapter in docs/, TODO markers in the starter and none in the solution.
add_test(NAME workbook.layout
  COMMAND ${CMAKE_COMMAND} -DROOT=${CMAKE_SOURCE_DIR} -P ${CMAKE_CURRENT_LIST_DIR}/check_layout.cmake)
set_tests_properties(workbook.layout PROPERTIES LABELS workbook)
