# kata/http_get.h: a small cancellable HTTP GET over POSIX sockets (kata 6,
# the racer). It joins kata_support, which every kata already links, and
# needs no third-party header, so the learner's files stay fast to compile.
target_sources(kata_support PRIVATE ${CMAKE_CURRENT_LIST_DIR}/src/http_get.cpp)
