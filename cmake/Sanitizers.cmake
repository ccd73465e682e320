# The sanitizer is switched on for every target defined after this point,
# GoogleTest included, so that the whole test binary is instrumented.
if(KATA_SANITIZER STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # g++ warns that TSan does not model atomic_thread_fence (used by Asio).
    add_compile_options(-Wno-tsan)
  endif()
elseif(NOT KATA_SANITIZER STREQUAL "none" AND NOT KATA_SANITIZER STREQUAL "OFF")
  message(FATAL_ERROR "KATA_SANITIZER must be 'thread' or 'none', not '${KATA_SANITIZER}'")
endif()
