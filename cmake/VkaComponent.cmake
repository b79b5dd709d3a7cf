# vka_component(NAME n SRCS ... DEPS ... [LIBS ...] [TESTS ...])
# Declares the static library vka_<n>. DEPS are other vka components (the
# table in docs/ARCHITECTURE.md; tests/layering_check.py enforces it on
# includes). LIBS are third-party targets. TESTS are appended to unit_tests.
function(vka_component)
  cmake_parse_arguments(C "" "NAME" "SRCS;DEPS;LIBS;TESTS" ${ARGN})
  add_library(vka_${C_NAME} STATIC ${C_SRCS})
  target_link_libraries(vka_${C_NAME} PRIVATE vka_settings)
  foreach(dep IN LISTS C_DEPS)
    target_link_libraries(vka_${C_NAME} PUBLIC vka_${dep})
  endforeach()
  if(C_LIBS)
    target_link_libraries(vka_${C_NAME} PUBLIC ${C_LIBS})
  endif()
  target_include_directories(vka_${C_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  if(VKA_BUILD_TESTS AND C_TESTS)
    target_sources(unit_tests PRIVATE ${C_TESTS})
    target_link_libraries(unit_tests PRIVATE vka_${C_NAME})
  endif()
endfunction()

# vka_embed(OUT_VAR GLOB pattern NAMESPACE ns FUNCTION f HEADER h COMMENT text)
# Generates a source file defining `std::vector<vka::base::EmbeddedFile>
# ns::f()` with the files matching the pattern (cmake/Embed.cmake), and sets
# OUT_VAR to its path for the component's SRCS. The header h declares f.
function(vka_embed out_var)
  cmake_parse_arguments(E "" "GLOB;NAMESPACE;FUNCTION;HEADER;COMMENT" "" ${ARGN})
  file(GLOB files CONFIGURE_DEPENDS ${E_GLOB})
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${E_FUNCTION}.cc)
  # "|"-separated: a ";" list would be split by the shell.
  string(REPLACE ";" "|" file_list "${files}")
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAMESPACE=${E_NAMESPACE}
            -DFUNCTION=${E_FUNCTION} -DHEADER=${E_HEADER}
            "-DFILES=${file_list}" -P ${PROJECT_SOURCE_DIR}/cmake/Embed.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/Embed.cmake
    COMMENT "${E_COMMENT}"
    VERBATIM)
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
