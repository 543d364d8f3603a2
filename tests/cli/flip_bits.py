"""Flips bits across a Kringloop file and checks that a reader refuses every damaged copy it cannot
read correctly: `flip_bits.py FILE PREFIX COMMAND...` writes PREFIX_<n>.h5 copies, each with one
bit flipped at a spread of offsets, runs COMMAND on each (the copy's path appended after COMMAND's
first two words) and requires exit 2 with one line on stderr, or exit 0 with output identical to
the undamaged file's (a flip in unused bytes). Exit 0 when every copy passes.
"""
import os
import shutil
import subprocess
import sys


def run(command, path, source):
    """Exit code, stdout with the file's name (and the original's, recorded in the file) as FILE, stderr."""
    full = command[:2] + [path] + command[2:]
    result = subprocess.run(full, capture_output=True, text=True, errors="replace")
    return result.returncode, result.stdout.replace(path, "FILE").replace(source, "FILE"), result.stderr


def main(argv):
    source, prefix, command = argv[1], argv[2], argv[3:]
    code, expected, err = run(command, source, source)
    if code != 0:
        print(f"FAIL: the undamaged file is refused: {err.strip()}")
        return 1
    size = os.path.getsize(source)
    failures = 0
    offsets = sorted(set(range(0, size, max(1, size // 60))) | set(range(0, min(size, 2048), 97)))
    for n, offset in enumerate(offsets):
        path = f"{prefix}_{n}.h5"
        shutil.copyfile(source, path)
        with open(path, "r+b") as handle:
            handle.seek(offset)
            byte = handle.read(1)[0]
            handle.seek(offset)
            handle.write(bytes([byte ^ (1 << (n % 8))]))
        code, out, err = run(command, path, source)
        if code == 0 and out == expected:
            continue  # the flip hit bytes the reader does not use
        if code == 2 and len(err.strip().splitlines()) == 1:
            continue
        failures += 1
        print(f"FAIL: bit {n % 8} at offset {offset}: exit {code}, stderr: {err.strip()[:300]!r}"
              + (" (exit 0 with different output: damage not detected)" if code == 0 else ""))
    print(f"flip_bits: {len(offsets)} damaged copies of {source}, {failures} not detected")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
