# kata_clock: the Clock interface (kata/clock.h) and the real clock with its
# timer thread. testkit's FakeClock implements the same interface for tests.
add_library(kata_clock STATIC ${CMAKE_CURRENT_LIST_DIR}/src/clock.cpp)
target_include_directories(kata_clock PUBLIC ${CMAKE_CURRENT_LIST_DIR}/include)
target_link_libraries(kata_clock PUBLIC Threads::Threads)
kata_warnings(kata_clock)
