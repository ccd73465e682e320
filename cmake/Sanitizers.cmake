# The sanitizer is switched on for every target defined after this point,
# GoogleTest included, so that the whole test binary is instrumented.
#
# thread   the learner's loop and the workbook's checks: ThreadSanitizer
#          (build/kata, the `kata` preset)
# address  the second build (build/memory, the `memory` preset):
#          AddressSanitizer with LeakSanitizer for memory errors, and
#          UndefinedBehaviorSanitizer, which does not recover, so undefined
#          behaviour fails the run. Neither does AddressSanitizer: the
#          runner runs this build's tests step by step, in order, and stops
#          at the first step with a report (memory_check.cpp). _GLIBCXX_ASSERTIONS adds the standard
#          library's own checks (an index past a vector's end, an empty
#          optional dereferenced); it does not change the library's ABI.
#          TSan and ASan cannot share a binary, hence two builds.
# none     the apps' release build
if(KATA_SANITIZER STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ warns that TSan does not model atomic_thread_fence (used by Asio).
    add_compile_options(-Wno-tsan)
  endif()
elseif(KATA_SANITIZER STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_compile_definitions(_GLIBCXX_ASSERTIONS)
  add_link_options(-fsanitize=address,undefined)
elseif(NOT KATA_SANITIZER STREQUAL "none" AND NOT KATA_SANITIZER STREQUAL "OFF")
  message(FATAL_ERROR "KATA_SANITIZER must be 'thread', 'address' or 'none', not '${KATA_SANITIZER}'")
endif()

# kata_beast_flags(target [LOOPBACK]): the Debug flags of a library compiled
# with Boost.Beast (support/websocket.cmake says why). Line tables only
# (-g1): Beast's full debug information makes every test binary large and
# every ThreadSanitizer report slow. LOOPBACK, what every loopback test
# runs through (the web server's HTTP half and testkit's client): also -O1
# under ThreadSanitizer, where each stress step runs ten times; not in the
# second build (AddressSanitizer), which runs each test once.
function(kata_beast_flags target)
  cmake_parse_arguments(ARG "LOOPBACK" "" "" ${ARGN})
  if(ARG_LOOPBACK AND KATA_SANITIZER STREQUAL "thread")
    target_compile_options(${target} PRIVATE $<$<CONFIG:Debug>:-g1 -O1>)
  else()
    target_compile_options(${target} PRIVATE $<$<CONFIG:Debug>:-g1>)
  endif()
endfunction()
