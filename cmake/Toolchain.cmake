# Fast links and a fast edit loop: mold or lld when present, ccache when present,
# and source paths in __FILE__ relative to the repository.
include(CheckCXXSourceCompiles)
include(CMakePushCheckState)

function(kata_try_linker name)
  cmake_push_check_state(RESET)
  set(CMAKE_REQUIRED_LINK_OPTIONS "-fuse-ld=${name}")
  check_cxx_source_compiles("int main() { return 0; }" KATA_HAVE_LD_${name})
  cmake_pop_check_state()
  set(KATA_HAVE_LD_${name} ${KATA_HAVE_LD_${name}} PARENT_SCOPE)
endfunction()

foreach(linker mold lld)
  kata_try_linker(${linker})
  if(KATA_HAVE_LD_${linker})
    add_link_options(-fuse-ld=${linker})
    message(STATUS "kata: linking with ${linker}")
    break()
  endif()
endforeach()

find_program(KATA_CCACHE ccache)
if(KATA_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${KATA_CCACHE})
endif()

# KATA_TODO and assertion messages name files relative to the repository.
add_compile_options(-fmacro-prefix-map=${CMAKE_SOURCE_DIR}/=)
