# Warnings and language settings, linked PRIVATE into every component.
add_library(vka_settings INTERFACE)
target_compile_options(vka_settings INTERFACE -Wall -Wextra -Wpedantic
  -Wno-missing-field-initializers)
if(VKA_WARNINGS_AS_ERRORS)
  target_compile_options(vka_settings INTERFACE -Werror)
endif()
target_include_directories(vka_settings INTERFACE ${PROJECT_SOURCE_DIR}/src)
if(VKA_SANITIZE)
  target_compile_options(vka_settings INTERFACE -fsanitize=${VKA_SANITIZE} -fno-omit-frame-pointer)
  target_link_options(vka_settings INTERFACE -fsanitize=${VKA_SANITIZE})
endif()
