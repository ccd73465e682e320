# poker_server end to end: the real binary on an ephemeral loopback port,
# driven over HTTP (routes, limits, 2000 concurrent wins, kill -9 and SIGTERM
# durability) and from the command line (bad flags, a port in use, a corrupt
# database), and the game page in a real browser. It runs the binary of this
# build tree, so in the kata preset the server itself runs under
# ThreadSanitizer and a race in it fails the test.
# Where the apps are off (the kata preset) the app is built from here.
if(TARGET solution_lib_02_json_league AND TARGET solution_lib_03_file_store AND TARGET solution_lib_05_websockets)
  if(NOT KATA_BUILD_APPS)
    add_subdirectory(${CMAKE_SOURCE_DIR}/apps/poker_server ${CMAKE_BINARY_DIR}/apps/poker_server)
  endif()
  # Group commit (apps/poker_server/group_commit.h) from many threads, under
  # ThreadSanitizer in the kata preset.
  add_executable(group_commit_tests ${CMAKE_SOURCE_DIR}/apps/poker_server/tests/group_commit_test.cpp)
  target_link_libraries(group_commit_tests PRIVATE poker_server_lib)
  kata_test_main(group_commit_tests)
  kata_warnings(group_commit_tests)
  add_test(NAME poker_server.group_commit COMMAND group_commit_tests)
  set_tests_properties(poker_server.group_commit PROPERTIES TIMEOUT 60 LABELS app)

  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  add_test(NAME poker_server.e2e
           COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/poker_server_e2e.py
                   $<TARGET_FILE:poker_server>)
  set_tests_properties(poker_server.e2e PROPERTIES TIMEOUT 180 LABELS app)

  # poker_server against hostile clients (issue 21), at a small scale: 200
  # idle websockets, a client that floods and never reads, descriptors run
  # out, the connection cap, malformed requests, the name rule on every way
  # in. About 10 s.
  add_test(NAME poker_server.hostile
           COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/poker_server_hostile_e2e.py
                   $<TARGET_FILE:poker_server>)
  set_tests_properties(poker_server.hostile PROPERTIES TIMEOUT 120 LABELS app)

  # A name round-trips on every way in (issue 18): escaped in a URL, '/'
  # included, typed into poker_cli, sent by the game page.
  if(TARGET poker_cli)
    add_test(NAME poker_server.names
             COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/poker_names_e2e.py
                     $<TARGET_FILE:poker_server> $<TARGET_FILE:poker_cli>)
    set_tests_properties(poker_server.names PROPERTIES TIMEOUT 120 LABELS app)
  endif()

  # The poker game in a real browser: the same binary with a fast --blind-unit,
  # /game in headless Chromium through Debian's python3-selenium (make test
  # installs them: scripts/install-deps --browser). It saves a screenshot of
  # the page mid-game as <build>/browser/browser_game_mid_game.png.
  # Debian's python3 is the one with python3-selenium (one earlier on the
  # PATH, from pyenv or a venv, would not have it).
  find_program(KATA_DEBIAN_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH REQUIRED)
  add_test(NAME poker_server.browser
           COMMAND ${KATA_DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/browser_e2e.py
                   $<TARGET_FILE:poker_server> ${CMAKE_BINARY_DIR}/browser)
  set_tests_properties(poker_server.browser PROPERTIES TIMEOUT 120 LABELS "app;browser")
endif()
