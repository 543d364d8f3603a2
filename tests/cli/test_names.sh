#!/usr/bin/env bash
# Catch2 test names must not contain ';': catch_discover_tests hands names to CMake lists, which split
# them at ';' into two tests that match nothing and "pass" in 0.0 s. Five tests once never ran so.
# Usage: bash test_names.sh KRINGLOOP_BINARY SOURCE_DIR
set -euo pipefail
source_dir=$2
if found=$(grep -rnE '(SCENARIO|TEST_CASE)\("[^"]*;' "$source_dir/tests" --include='*.cpp'); then
  echo "FAIL: test names with ';' (ctest would split them and run nothing):"
  echo "$found"
  exit 1
fi
echo "ok: no Catch2 test name contains ';'"
