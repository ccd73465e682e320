# kata_warnings(target [LEARNER]): warnings on for everything; errors for all
# but the learner's own files, which must never fail to build over a warning.
function(kata_warnings target)
  cmake_parse_arguments(ARG "LEARNER" "" "" ${ARGN})
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(KATA_WERROR AND NOT ARG_LEARNER)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
