# kata_web: kata/web_server.h, one port for plain HTTP handlers and
# websockets (kata/websocket.h), over Boost.Beast. Beast and Asio are header
# only and slow to compile under TSan, so they stay in support/src; nothing
# that includes kata/web_server.h or kata/websocket.h sees them. One
# translation unit per concern, compiled in parallel:
#   web_server.cpp     listen, accept, close, abort (Asio only)
#   http_session.cpp   plain HTTP connections
#   to_request.cpp     a Beast request as handlers see it (Beast's message
#                      types only: the http_request fuzzer compiles it alone)
#   ws_session.cpp     websocket connections, in kata_web_ws: a server built
#                      without a SocketHandler (testkit's TestServer) never
#                      compiles or links it
add_library(kata_web STATIC ${CMAKE_CURRENT_LIST_DIR}/src/web_server.cpp
                            ${CMAKE_CURRENT_LIST_DIR}/src/http_session.cpp
                            ${CMAKE_CURRENT_LIST_DIR}/src/to_request.cpp)
target_include_directories(kata_web PUBLIC ${CMAKE_CURRENT_LIST_DIR}/include)
target_link_libraries(kata_web PUBLIC kata_support Threads::Threads PRIVATE Boost::headers)
kata_warnings(kata_web)
add_library(kata_web_ws STATIC ${CMAKE_CURRENT_LIST_DIR}/src/ws_session.cpp)
target_link_libraries(kata_web_ws PUBLIC kata_web PRIVATE Boost::headers)
kata_warnings(kata_web_ws)
# Line tables only (-g1) for Beast: with full debug information this one
# object is about 50 MB, every test binary that links it carries it, and
# ThreadSanitizer reads it to print a report's stacks (a RACE verdict cost
# 0.2 s of CPU more than a FAIL for that alone). Frames keep their function
# names and lines.
#
# The HTTP half is also optimised (-O1) in the Debug build: every loopback
# test runs through it, each stress step ten times more, and instrumented
# Beast at -O0 is slow (kata 1's step 6, 96 requests from 8 clients, took
# 0.20-0.29 s at -O0 and 0.09-0.16 s at -O1, with testkit's client at -O1
# too). The price is about 8 s more CPU to compile it, once. Not in the
# second build (AddressSanitizer), which runs each loopback test once, not
# ten times, and whose compile of every kata's tests make test waits for:
# there -O1 would cost about 40 s of CPU for a few tenths of a second.
kata_beast_flags(kata_web LOOPBACK)
kata_beast_flags(kata_web_ws)
