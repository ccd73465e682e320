# kata_web: kata/web_server.h, one port for plain HTTP handlers and
# websockets (kata/websocket.h), over Boost.Beast. Beast and Asio are header
# only and slow to compile under TSan, so they live in this one TU; nothing
# that includes kata/web_server.h or kata/websocket.h sees them.
add_library(kata_web STATIC ${CMAKE_CURRENT_LIST_DIR}/src/web_server.cpp)
target_include_directories(kata_web PUBLIC ${CMAKE_CURRENT_LIST_DIR}/include)
target_link_libraries(kata_web PUBLIC kata_support Threads::Threads PRIVATE Boost::headers)
kata_warnings(kata_web)
