#!/usr/bin/env bash
# A Catch2 section (GIVEN, WHEN, THEN, AND_THEN, SECTION) inside a loop runs for the loop's first
# pass only: Catch2 enters each section once per run of the test case, so checks meant for every
# seed silently cover the first (three tests once checked seeds 2–3 and a stop-go variant so).
# Inside loops, use plain blocks. Usage: bash sections_in_loops.sh KRINGLOOP_BINARY SOURCE_DIR
set -euo pipefail
source_dir=$2
/usr/bin/python3 - "$source_dir/tests" <<'PY'
import pathlib, re, sys
loop = re.compile(r'^(\s*)(for|while)\s*\(.*\{\s*(//.*)?$')
section = re.compile(r'^\s*(GIVEN|WHEN|THEN|AND_THEN|AND_WHEN|SECTION|DYNAMIC_SECTION)\s*\(')
found = []
for path in sorted(pathlib.Path(sys.argv[1]).rglob('*.cpp')):
    open_loops = []  # indentation of each enclosing loop
    for number, line in enumerate(path.read_text().split('\n'), 1):
        indent = len(line) - len(line.lstrip())
        while open_loops and line.strip().startswith('}') and indent <= open_loops[-1]:
            open_loops.pop()
        if open_loops and section.match(line):
            found.append(f'{path}:{number}: {line.strip()}')
        m = loop.match(line)
        if m:
            open_loops.append(len(m.group(1)))
if found:
    print('FAIL: Catch2 sections inside loops (they run for the first pass only):')
    print('\n'.join(found))
    sys.exit(1)
print('ok: no Catch2 section inside a loop')
PY
