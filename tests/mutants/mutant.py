#!/usr/bin/python3
"""Reads, checks and applies one mutant file (tests/mutants/mutants/NN_<id>.mutant) for run.sh.

A mutant file is a header of `key: value` lines (description, file; `#` lines are comments),
then one or more pairs of blocks:

    === original
    <whole lines, copied exactly from the source file>
    === replacement
    <the lines that replace them; may be empty, which deletes the lines>

Blocks are whole lines (each with its newline) and must start at the beginning of a line of the
source file, so indentation is part of the pattern. Every original block must occur exactly once
in the unmutated file; all pairs of one mutant apply to the same file.

    mutant.py info  MUTANT          prints "file<TAB>description"
    mutant.py check MUTANT ROOT     exit 0 if it applies to ROOT/file, else 3 with a message
    mutant.py apply MUTANT ROOT     rewrites ROOT/file (after the same check)
"""
import os
import re
import sys

MARK_ORIGINAL = "=== original"
MARK_REPLACEMENT = "=== replacement"


class MutantError(Exception):
    pass


def parse(path):
    # "07_lease_horizons_swapped.mutant" is mutant lease_horizons_swapped (the number orders the run).
    mutant_id = re.sub(r"^[0-9]+_", "", os.path.basename(path).removesuffix(".mutant"))
    header, pairs, block, kind = {}, [], None, None
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    for number, line in enumerate(lines, 1):
        mark = line.rstrip("\r\n")
        if mark in (MARK_ORIGINAL, MARK_REPLACEMENT):
            if mark == MARK_ORIGINAL:
                if kind == MARK_ORIGINAL:
                    raise MutantError(f"{path}:{number}: '{MARK_ORIGINAL}' without its '{MARK_REPLACEMENT}'")
                pairs.append(["", ""])
            elif kind != MARK_ORIGINAL:
                raise MutantError(f"{path}:{number}: '{MARK_REPLACEMENT}' must follow an '{MARK_ORIGINAL}' block")
            kind = mark
            continue
        if kind is None:
            if not mark.strip() or mark.startswith("#"):
                continue
            key, sep, value = mark.partition(":")
            if not sep:
                raise MutantError(f"{path}:{number}: expected 'key: value' before the first '{MARK_ORIGINAL}'")
            header[key.strip()] = value.strip()
            continue
        pairs[-1][0 if kind == MARK_ORIGINAL else 1] += line
    for key in ("file", "description"):
        if not header.get(key):
            raise MutantError(f"{path}: missing '{key}:' line")
    if not pairs or kind != MARK_REPLACEMENT:
        raise MutantError(f"{path}: needs at least one '{MARK_ORIGINAL}' / '{MARK_REPLACEMENT}' pair")
    for original, replacement in pairs:
        if not original.strip():
            raise MutantError(f"{path}: an '{MARK_ORIGINAL}' block is empty")
        if original == replacement:
            raise MutantError(f"{path}: a replacement is identical to its original")
    return mutant_id, header, pairs


def line_starts(text, pattern):
    """Offsets where pattern occurs starting at the beginning of a line."""
    found, start = [], 0
    while (at := text.find(pattern, start)) >= 0:
        if at == 0 or text[at - 1] == "\n":
            found.append(at)
        start = at + 1
    return found


def mutate(mutant_id, header, pairs, root):
    path = os.path.join(root, header["file"])
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
    except OSError as error:
        raise MutantError(f"mutant {mutant_id} no longer applies: cannot read {header['file']} ({error.strerror})")
    # Every pattern is located in the unmutated text, so one replacement cannot create or hide
    # another's match; overlapping patterns are an error in the mutant.
    spans = []
    for original, replacement in pairs:
        hits = line_starts(text, original)
        first = original.splitlines()[0].strip()
        if not hits:
            raise MutantError(f"mutant {mutant_id} no longer applies: pattern not found in {header['file']}"
                              f" (block starting '{first}')")
        if len(hits) > 1:
            raise MutantError(f"mutant {mutant_id} no longer applies: pattern found {len(hits)} times in "
                              f"{header['file']}, expected once (block starting '{first}')")
        spans.append((hits[0], hits[0] + len(original), replacement))
    spans.sort()
    for (_, end, _), (begin, _, _) in zip(spans, spans[1:]):
        if begin < end:
            raise MutantError(f"mutant {mutant_id}: two original blocks overlap in {header['file']}")
    for begin, end, replacement in reversed(spans):
        text = text[:begin] + replacement + text[end:]
    return path, text


def main(argv):
    if len(argv) < 3 or argv[1] not in ("info", "check", "apply") or (argv[1] != "info") != (len(argv) == 4):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        mutant_id, header, pairs = parse(argv[2])
        if argv[1] == "info":
            print(f"{header['file']}\t{header['description']}")
            return 0
        path, text = mutate(mutant_id, header, pairs, argv[3])
        if argv[1] == "apply":
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
    except MutantError as error:
        print(error, file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
