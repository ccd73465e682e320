# poker_cli end to end: the real binary driven through its standard input
# (prompt, a rejected count, blind alerts in order, the win in the database;
# bad flags, a corrupt database, end of input and Ctrl-C).
# It runs in `make test` even where the apps are off (the kata preset): then
# the app is built from here, once, where it would otherwise be built.
if(TARGET solution_lib_03_file_store AND TARGET solution_lib_04_cli_poker)
  if(NOT KATA_BUILD_APPS)
    add_subdirectory(${CMAKE_SOURCE_DIR}/apps/poker_cli ${CMAKE_BINARY_DIR}/apps/poker_cli)
  endif()
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  add_test(NAME poker_cli.e2e
           COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/poker_cli_e2e.py $<TARGET_FILE:poker_cli>)
  set_tests_properties(poker_cli.e2e PROPERTIES TIMEOUT 60 LABELS app)
endif()
