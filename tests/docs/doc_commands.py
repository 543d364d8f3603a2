#!/usr/bin/python3
"""Runs every shell command shown in README.md and docs/*.md, as a reader would.

Convention (common to everyone who writes docs here):
  * a fenced block tagged ```sh is executed, in document order, from the root of a scratch copy of
    the repository whose build/ is the tested build, so the commands' outputs (out/, *.h5, ...)
    never touch the real tree;
  * a block that must not run (a server, a cluster job, something that changes the system) has
    `<!-- not-run: reason -->` on the line before its fence;
  * output examples are ```text; every fence names its language, so nothing is skipped by accident.
HOME is a folder of the scratch copy too, so an install into "$HOME/.local" stays there.

One scratch copy per document: a document's blocks may use what its earlier blocks made (the sweep
a later `sensitivity` reads), never what another document made. A block runs with
`bash -e -o pipefail`; the document stops at its first failing block.

Usage: doc_commands.py --root REPO --build BUILD_DIR [--keep DIR] [--list] [FILE.md ...]
  FILE.md relative to REPO (default: README.md and docs/*.md). --keep DIR keeps the scratch copies
  in DIR/<document> (analysis/examples/make_readme_figures.sh takes the figures from there).
Exit code 0 when every block ran, 1 when one failed, 2 for a malformed document or bad arguments.
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([^\s`]*)")
NOT_RUN = re.compile(r"^\s*<!--\s*not-run:\s*(\S.*?)\s*-->\s*$")
RUN_LANGUAGES = {"sh"}
# Copied into the scratch tree: everything but builds, outputs and version control.
SKIP_TOP = re.compile(r"^(build.*|out|\.git|node_modules)$")
BLOCK_TIMEOUT_SECONDS = 1800  # hang protection only; no speed is asserted here


class DocError(Exception):
    """A document that breaks the convention (exit code 2)."""


class Block:
    def __init__(self, path, line, language, text, not_run):
        self.path, self.line, self.language, self.text, self.not_run = path, line, language, text, not_run

    def where(self):
        return f"{self.path}:{self.line}"


def extract_blocks(path, text):
    """Every fenced block of a Markdown document, with its language and not-run reason."""
    blocks, lines = [], text.splitlines()
    i = 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            if NOT_RUN.match(lines[i]) and not (i + 1 < len(lines) and FENCE.match(lines[i + 1])):
                raise DocError(f"{path}:{i + 1}: a not-run marker must be on the line right before a fence")
            i += 1
            continue
        indent, fence, language = match.groups()
        if not language:
            raise DocError(f"{path}:{i + 1}: fence without a language: tag it ```sh (executed) or ```text (output)")
        marker = NOT_RUN.match(lines[i - 1]) if i > 0 else None
        body, j = [], i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence[0] * len(fence)):
            body.append(lines[j][len(indent):] if lines[j].startswith(indent) else lines[j].lstrip())
            j += 1
        if j == len(lines):
            raise DocError(f"{path}:{i + 1}: fence never closed")
        blocks.append(Block(path, i + 1, language, "\n".join(body) + "\n", marker.group(1) if marker else None))
        i = j + 1
    return blocks


def make_scratch(root, build, scratch):
    """A copy of the source tree (small) with build/ pointing at the tested build."""
    for entry in sorted(root.iterdir()):
        if SKIP_TOP.match(entry.name):
            continue
        target = scratch / entry.name
        if entry.is_dir():
            shutil.copytree(entry, target, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(entry, target)
    (scratch / "build").symlink_to(build.resolve())


def run_document(root, build, document, scratch, out):
    blocks = extract_blocks(document, (root / document).read_text(encoding="utf-8"))
    runnable = [b for b in blocks if b.language in RUN_LANGUAGES]
    make_scratch(root, build, scratch)
    env = dict(os.environ)
    home = scratch / ".home"  # `cmake --install build --prefix "$HOME/.local"` lands in the scratch copy
    home.mkdir()
    env.update({"MPLBACKEND": "Agg", "KRINGLOOP_SKIP_BUILD": "1", "PWD": str(scratch), "HOME": str(home)})
    ran = skipped = 0
    for block in runnable:
        if block.not_run:
            print(f"  skip {block.where()}: {block.not_run}", file=out)
            skipped += 1
            continue
        print(f"  run  {block.where()}: {block.text.splitlines()[0] if block.text.strip() else '(empty)'}", file=out, flush=True)
        try:
            result = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", block.text],
                                    cwd=scratch, env=env, capture_output=True, text=True,
                                    timeout=BLOCK_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL)
            code, stdout, stderr = result.returncode, result.stdout, result.stderr
        except subprocess.TimeoutExpired as expired:
            code, stdout, stderr = "timeout", expired.stdout or "", expired.stderr or ""
            stdout = stdout.decode() if isinstance(stdout, bytes) else stdout
            stderr = stderr.decode() if isinstance(stderr, bytes) else stderr
        if code != 0:
            print(f"FAIL {block.where()}: exit {code} (run from the repository root, in {scratch})", file=out)
            print("---- block ----\n" + block.text.rstrip(), file=out)
            for name, stream in (("stdout", stdout), ("stderr", stderr)):
                tail = stream.strip().splitlines()[-30:]
                if tail:
                    print(f"---- {name} (last {len(tail)} lines) ----\n" + "\n".join(tail), file=out)
            return False, ran, skipped
        ran += 1
    return True, ran, skipped


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", required=True, type=pathlib.Path)
    parser.add_argument("--build", required=True, type=pathlib.Path)
    parser.add_argument("--keep", type=pathlib.Path, help="keep each document's scratch copy in DIR/<document>")
    parser.add_argument("--list", action="store_true", help="list the blocks and markers, run nothing")
    parser.add_argument("documents", nargs="*")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    documents = args.documents or ["README.md"] + sorted(str(p.relative_to(root)) for p in (root / "docs").glob("*.md"))
    for document in documents:
        if not (root / document).is_file():
            print(f"error: {document}: no such document under {root}", file=sys.stderr)
            return 2
    if not args.list and not (args.build / "kringloop").is_file():
        print(f"error: {args.build}/kringloop: not built", file=sys.stderr)
        return 2
    try:
        if args.list:
            for document in documents:
                for b in extract_blocks(document, (root / document).read_text(encoding="utf-8")):
                    state = "not-run: " + b.not_run if b.not_run else ("run" if b.language in RUN_LANGUAGES else "shown")
                    print(f"{b.where()}\t{b.language}\t{state}")
            return 0
        failed = []
        for document in documents:
            print(f"{document}:", flush=True)
            if args.keep:
                scratch = args.keep / document.replace("/", "_").removesuffix(".md")
                if scratch.exists():
                    shutil.rmtree(scratch)
                scratch.mkdir(parents=True)
                ok, ran, skipped = run_document(root, args.build, document, scratch, sys.stdout)
            else:
                with tempfile.TemporaryDirectory(prefix="kringloop-docs-") as temp:
                    ok, ran, skipped = run_document(root, args.build, document, pathlib.Path(temp), sys.stdout)
            print(f"  {document}: {ran} blocks ran, {skipped} not run" + ("" if ok else ", FAILED"), flush=True)
            if not ok:
                failed.append(document)
    except DocError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if failed:
        print("failing documents: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
