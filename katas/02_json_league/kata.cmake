# Included by add_kata() for the learner's target (KATA_LEARNER_TARGET).
#
# player_json.cpp is the one learner file that includes nlohmann/json.hpp,
# which takes well over a second to parse. It gets a precompiled header of its
# own that also declares nlohmann::json as explicitly instantiated elsewhere
# (json_instance.cpp, generated in the build folder and compiled once), so an
# edit recompiles little more than the learner's two functions. The other
# learner files do not load that header.
set(json_dir ${CMAKE_BINARY_DIR}/kata_json)
file(CONFIGURE OUTPUT ${json_dir}/json_pch.h CONTENT
  "// Precompiled for katas/02_json_league/player_json.cpp (see its kata.cmake).\n#include <nlohmann/json.hpp>\nextern template class nlohmann::basic_json<>;\n")
file(CONFIGURE OUTPUT ${json_dir}/json_instance.cpp CONTENT
  "// nlohmann::json's members, compiled once for the learner's target.\n#include <nlohmann/json.hpp>\ntemplate class nlohmann::basic_json<>;\n")
target_sources(${KATA_LEARNER_TARGET} PRIVATE ${json_dir}/json_instance.cpp)
target_precompile_headers(${KATA_LEARNER_TARGET} PRIVATE ${json_dir}/json_pch.h)
get_target_property(_kata_sources ${KATA_LEARNER_TARGET} SOURCES)
foreach(_source IN LISTS _kata_sources)
  if(NOT _source MATCHES "/player_json\\.cpp$" AND NOT _source MATCHES "^\\$<")
    set_source_files_properties(${_source} TARGET_DIRECTORY ${KATA_LEARNER_TARGET}
                                PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
  endif()
endforeach()
