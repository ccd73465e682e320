# Included by add_kata() for the learner's target (KATA_LEARNER_TARGET), which
# already shares the standard-header precompiled header of every kata.
#
# player_json.cpp is the one learner file that includes nlohmann/json.hpp,
# which takes well over a second to parse. It is compiled in an object
# library of its own with a precompiled header that also declares
# nlohmann::json as explicitly instantiated elsewhere (json_instance.cpp,
# generated in the build folder and compiled once), so an edit recompiles
# little more than the learner's two functions. (A target has one
# precompiled header: that is why the file moves to a library of its own.)
set(json_dir ${CMAKE_BINARY_DIR}/kata_json)
file(CONFIGURE OUTPUT ${json_dir}/json_pch.h CONTENT
  "// Precompiled for katas/02_json_league/player_json.cpp (see its kata.cmake).\n#include <nlohmann/json.hpp>\nextern template class nlohmann::basic_json<>;\n")
file(CONFIGURE OUTPUT ${json_dir}/json_instance.cpp CONTENT
  "// nlohmann::json's members, compiled once for the learner's target.\n#include <nlohmann/json.hpp>\ntemplate class nlohmann::basic_json<>;\n")

get_target_property(_kata_sources ${KATA_LEARNER_TARGET} SOURCES)
set(_kata_json_sources "")
foreach(_source IN LISTS _kata_sources)
  if(_source MATCHES "/player_json\\.cpp$")
    list(APPEND _kata_json_sources ${_source})
    list(REMOVE_ITEM _kata_sources ${_source})
  endif()
endforeach()
set_property(TARGET ${KATA_LEARNER_TARGET} PROPERTY SOURCES ${_kata_sources})

add_library(${KATA_LEARNER_TARGET}_json OBJECT ${_kata_json_sources} ${json_dir}/json_instance.cpp)
get_target_property(_kata_includes ${KATA_LEARNER_TARGET} INCLUDE_DIRECTORIES)
target_include_directories(${KATA_LEARNER_TARGET}_json PRIVATE ${_kata_includes})
target_link_libraries(${KATA_LEARNER_TARGET}_json PRIVATE testkit_todo nlohmann_json::nlohmann_json)
target_precompile_headers(${KATA_LEARNER_TARGET}_json PRIVATE ${json_dir}/json_pch.h)
kata_warnings(${KATA_LEARNER_TARGET}_json LEARNER)
kata_learner_debug_info(${KATA_LEARNER_TARGET}_json)
target_sources(${KATA_LEARNER_TARGET} PRIVATE $<TARGET_OBJECTS:${KATA_LEARNER_TARGET}_json>)
