# The poker game in a real browser: the real poker_server (with /game, /ws
# and a fast --blind-unit) driven by headless Chromium through Debian's
# python3-selenium (scripts/install-deps --browser). It saves a screenshot of
# the page mid-game as <build>/browser/browser_game_mid_game.png.
#
# Debian's python3 is the one with python3-selenium (a python3 earlier on the
# PATH, from pyenv or a venv, would not have it).
# Registered once poker_server serves the game, i.e. its CMakeLists builds
# game_site.cpp (apps/poker_server/game_site.h). (tests/ is configured before
# apps/, so this reads the file rather than the target.)
set(kata_browser_ready OFF)
set(kata_poker_cmake ${CMAKE_SOURCE_DIR}/apps/poker_server/CMakeLists.txt)
if(KATA_BUILD_APPS AND EXISTS ${kata_poker_cmake})
  set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${kata_poker_cmake})
  file(READ ${kata_poker_cmake} kata_poker_text)
  if(kata_poker_text MATCHES "game_site\\.cpp")
    set(kata_browser_ready ON)
  endif()
endif()
if(kata_browser_ready)
  find_program(KATA_DEBIAN_PYTHON python3 PATHS /usr/bin NO_DEFAULT_PATH)
  if(NOT KATA_DEBIAN_PYTHON)
    set(KATA_DEBIAN_PYTHON python3)
  endif()
  add_test(NAME poker_server.browser
           COMMAND ${KATA_DEBIAN_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/browser_e2e.py
                   $<TARGET_FILE:poker_server> ${CMAKE_BINARY_DIR}/browser)
  set_tests_properties(poker_server.browser PROPERTIES TIMEOUT 120 LABELS "app;browser")
endif()
