# poker_cli end to end: the real binary driven through its standard input
# (prompt, a rejected count, blind alerts in order, the win in the database;
# bad flags, a corrupt database, end of input and Ctrl-C).
if(KATA_BUILD_APPS AND TARGET solution_lib_03_file_store AND TARGET solution_lib_04_cli_poker)
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  add_test(NAME poker_cli.e2e
           COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/poker_cli_e2e.py $<TARGET_FILE:poker_cli>)
  set_tests_properties(poker_cli.e2e PROPERTIES TIMEOUT 60 LABELS app)
endif()
