#!/usr/bin/python3
"""docs/OUTPUT.md against real files, both ways: every group, dataset and attribute in a run file and
a sweep file is documented with its type (and, for datasets, rank, unit and columns where the
document states them), and everything the document lists (unless marked optional) is in the files.

Usage: output_doc_check.py OUTPUT.md RUN.h5 SWEEP.h5   (RUN.h5 with snapshots; SWEEP.h5 a Sobol sweep
with sensitivity indices). Prints one line per mismatch; exit code 1 when there is any.
"""
import re
import sys

import h5py
import numpy as np

CHECKSUM = re.compile(r"(^|_)checksum$")


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def tables(text):
    """{section heading: [rows as lists of cells]} for every Markdown table, by the heading above it."""
    found, heading, rows = {}, "", None
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        if line.startswith("|"):
            if rows is None:
                rows = found.setdefault(heading, [])
                continue  # header row
            if set(line.replace("|", "").strip()) <= set("-: "):
                continue
            rows.append(cells(line))
        else:
            rows = None
    return found


def pattern(path):
    """A documented path or key as a regex: <name> is one segment, … any depth, {a,b} a choice."""
    out, i = "", 0
    while i < len(path):
        c = path[i]
        if c == "<":
            j = path.index(">", i)
            out += ".+" if "same path" in path[i:j] else "[^/]+"
            i = j + 1
            continue
        if c == "{":
            j = path.index("}", i)
            out += "(" + "|".join(re.escape(x.strip()) for x in path[i + 1:j].split(",")) + ")"
            i = j + 1
            continue
        out += ".*" if c == "…" else re.escape(c)
        i += 1
    return re.compile("^" + out + "$")


def ticks(cell):
    return re.findall(r"`([^`]+)`", cell)


class Doc:
    def __init__(self, text):
        self.entries = []  # dicts: file, kind ("attr", "dataset", "summary"), where, regex, type, rank, unit, columns, optional
        all_tables = tables(text)
        for heading, rows in all_tables.items():
            if heading.startswith("Single run"):
                for row in rows:
                    self.add_row("run", row[0], row[3], shape=row[2], unit=row[4], optional=row[5])
            elif heading.startswith("Series written"):
                for row in rows:
                    names = ticks(row[0])
                    first = names[0]
                    columns = None if row[1] in ("–", "-") or "<" in row[1] else [c.strip() for c in row[1].split("(")[0].split(",")]
                    paths = [first] + [n if "/" in n else first.rsplit("/", 1)[0] + "/" + n for n in names[1:]]
                    for path in paths:
                        self.add("run", "dataset", "/" + path, "float64", rank=None, unit=row[2], columns=columns,
                                 optional="optional" in row[2] or "optional" in row[1])
            elif heading.startswith("Summary keys"):
                for row in rows:
                    for key in ticks(row[0]):
                        self.add("run", "summary", key, "float64", optional="optional" in row[1])
            elif heading.startswith("Snapshots"):
                for row in rows:
                    for name in ticks(row[0]):
                        self.add("run", "dataset", "/snapshots/" + name, row[1], rank=2, unit=row[2],
                                 optional="optional" in row[3])
            elif heading.startswith("Sweep"):
                for row in rows:
                    self.add_row("sweep", row[0], row[2], shape=row[1], unit=None, optional=row[3])

    def add(self, file, kind, where, type_, rank=None, unit=None, columns=None, optional=False):
        self.entries.append(dict(file=file, kind=kind, where=where, regex=pattern(where), type=type_, rank=rank,
                                 unit=unit, columns=columns, optional=optional, seen=False))

    def add_row(self, file, first, type_, shape, unit, optional):
        names = ticks(first)
        optional = "optional" in optional
        rank = None if shape in ("scalar", "–", "", "group") or " or " in shape or "), (" in shape else shape.count(",") + 1
        if " attrs" in first or " attr " in first:
            owner = names[0]
            for name in names[1:]:
                self.add(file, "attr", attr_key(owner, name), type_, optional=optional)
            return
        if first.startswith("`/summary` attrs"):
            return  # the summary table lists them
        kind = "group" if type_ in ("group",) or shape == "group" else "dataset"
        names = [n if n.startswith("/") else names[0].rsplit("/", 1)[0] + "/" + n for n in names]
        for name in names:
            if name.startswith("/series/") or name.startswith("/snapshots/"):
                continue  # their own tables
            self.add(file, kind, name.rstrip("/"), type_, rank=rank, unit=unit, optional=optional)


def attr_key(owner, name):
    return ("" if owner == "/" else owner.rstrip("/")) + "/@" + name


def type_of(value):
    if isinstance(value, (str, bytes)):
        return "string"
    dtype = getattr(value, "dtype", None)
    if dtype is None:
        return type(value).__name__
    if dtype.kind in "OSU":
        return "string"
    return dtype.name


def unit_ok(documented, actual):
    """The unit cell starts with the file's `unit` attribute in backticks (then may explain more);
    "–" means the dataset has none; "attr `unit`" (a generic row) defers to the specific tables."""
    if documented is None or documented.startswith("attr"):
        return True
    if documented in ("", "–", "-"):
        return actual is None
    quoted = ticks(documented)
    if quoted:
        return actual == quoted[0]
    return actual is not None and documented.startswith(actual.split(" (")[0])


def check(doc, file, path, problems):
    entries = [e for e in doc.entries if e["file"] == file]

    def match(kind, where):
        hits = [e for e in entries if e["kind"] == kind and e["regex"].match(where)]
        for e in hits:
            e["seen"] = True
        return hits[0] if hits else None

    def check_attrs(owner, obj):
        for name, value in obj.attrs.items():
            if CHECKSUM.search(name):
                continue
            if owner == "/summary" and file == "run":
                e = match("summary", name)
            else:
                e = match("attr", attr_key(owner, name))
                if e is None and owner not in ("/",):
                    continue  # attributes of datasets (unit, description, columns) are checked with them
            if e is None:
                problems.append(f"{file} file: attribute {owner} {name} ({type_of(value)}) is not in docs/OUTPUT.md")
            elif e["type"] not in ("–", "") and type_of(value) not in e["type"].split("/"):
                problems.append(f"{file} file: attribute {owner} {name} is {type_of(value)}, docs/OUTPUT.md says {e['type']}")

    with h5py.File(path, "r") as f:
        check_attrs("/", f)
        if "summary" in f and file == "run":
            check_attrs("/summary", f["summary"])
            match("dataset", "/summary")

        def visit(name, obj):
            where = "/" + name
            if isinstance(obj, h5py.Group):
                check_attrs(where, obj)
                match("group", where)
                return
            e = match("dataset", where)
            if e is None:
                problems.append(f"{file} file: dataset {where} ({obj.dtype}, {obj.ndim}-D) is not in docs/OUTPUT.md")
                return
            actual = type_of(obj)
            if e["type"] not in ("–", "") and actual not in e["type"].split("/"):
                problems.append(f"{file} file: {where} is {actual}, docs/OUTPUT.md says {e['type']}")
            if e["rank"] is not None and obj.ndim != e["rank"] and not (where.startswith("/series/") or where.startswith("/runs/series/")):
                problems.append(f"{file} file: {where} has {obj.ndim} dimensions, docs/OUTPUT.md shows {e['rank']}")
            unit = obj.attrs.get("unit")
            unit = unit.decode() if isinstance(unit, bytes) else unit
            if not unit_ok(e["unit"], unit):
                problems.append(f"{file} file: {where} has unit '{unit}', docs/OUTPUT.md says '{e['unit']}'")
            if e["columns"] is not None:
                columns = [c.decode() if isinstance(c, bytes) else str(c) for c in obj.attrs.get("columns", [])]
                if columns != e["columns"]:
                    problems.append(f"{file} file: {where} has columns {columns}, docs/OUTPUT.md says {e['columns']}")

        f.visititems(visit)
    for e in entries:
        if not e["seen"] and not e["optional"]:
            problems.append(f"{file} file: docs/OUTPUT.md lists {e['kind']} {e['where']}, which the file does not have")


def main():
    doc_path, run_path, sweep_path = sys.argv[1:4]
    doc = Doc(open(doc_path, encoding="utf-8").read())
    if not any(e["file"] == "run" for e in doc.entries) or not any(e["file"] == "sweep" for e in doc.entries):
        print("docs/OUTPUT.md: no run or no sweep table found (headings 'Single run…', 'Sweep…')")
        return 1
    # The sweep's stacked series and per-run summaries follow the run's documented paths and keys.
    for e in list(doc.entries):
        if e["file"] == "run" and e["kind"] == "dataset" and e["where"].startswith("/series/"):
            doc.add("sweep", "dataset", "/runs" + e["where"], "float64", optional=True)
        if e["file"] == "run" and e["kind"] == "summary":
            doc.add("sweep", "dataset", "/runs/summary/" + e["where"], "float64", optional=True)
    problems = []
    check(doc, "run", run_path, problems)
    check(doc, "sweep", sweep_path, problems)
    for p in problems:
        print("FAIL: " + p)
    print(f"{len(doc.entries)} documented entries; {len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
