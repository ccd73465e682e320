# kata_warnings(target [LEARNER]): warnings on for everything; errors for all
# but the learner's own files, which must never fail to build over a warning.
function(kata_warnings target)
  cmake_parse_arguments(ARG "LEARNER" "" "" ${ARGN})
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  # A starter declares the members the learner will use (`store_`, `clock_`):
  # until then clang would warn about each, in every kata's first run.
  if(ARG_LEARNER AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    target_compile_options(${target} PRIVATE -Wno-unused-private-field)
  endif()
  if(KATA_WERROR AND NOT ARG_LEARNER)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
