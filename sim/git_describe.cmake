# Build-time script: writes OUTPUT (a header with `git describe`) only when the text changes, so a
# new commit refreshes the version in --version and output files without a re-configure, and an
# unchanged tree rebuilds nothing.
execute_process(COMMAND git describe --always --dirty --tags
                WORKING_DIRECTORY ${SOURCE_DIR}
                OUTPUT_VARIABLE describe OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT describe)
  set(describe "unknown")
endif()
set(text "// Generated at build time by sim/git_describe.cmake: do not edit.\n#pragma once\nnamespace kringloop::sim {\ninline constexpr const char* git_describe = \"${describe}\";\n}\n")
if(EXISTS ${OUTPUT})
  file(READ ${OUTPUT} old)
endif()
if(NOT "${old}" STREQUAL "${text}")
  file(WRITE ${OUTPUT} "${text}")
endif()
