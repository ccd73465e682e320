# kata_web: kata/web_server.h, one port for plain HTTP handlers and
# websockets (kata/websocket.h), over Boost.Beast. Beast and Asio are header
# only and slow to compile under TSan, so they live in this one TU; nothing
# that includes kata/web_server.h or kata/websocket.h sees them.
add_library(kata_web STATIC ${CMAKE_CURRENT_LIST_DIR}/src/web_server.cpp)
target_include_directories(kata_web PUBLIC ${CMAKE_CURRENT_LIST_DIR}/include)
target_link_libraries(kata_web PUBLIC kata_support Threads::Threads PRIVATE Boost::headers)
kata_warnings(kata_web)
# Line tables only (-g1) for Beast: with full debug information this one
# object is about 50 MB, every test binary that links it carries it, and
# ThreadSanitizer reads it to print a report's stacks (a RACE verdict cost
# 0.2 s of CPU more than a FAIL for that alone). Frames keep their function
# names and lines.
target_compile_options(kata_web PRIVATE $<$<CONFIG:Debug>:-g1>)
