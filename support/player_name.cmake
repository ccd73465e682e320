# kata/player_name.h: the one rule for a player's name (poker_server's URLs
# and websocket, poker_cli), part of kata_support.
target_sources(kata_support PRIVATE ${CMAKE_CURRENT_LIST_DIR}/src/player_name.cpp)
