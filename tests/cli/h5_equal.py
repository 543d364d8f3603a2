#!/usr/bin/python3
"""Compare two Kringloop HDF5 files dataset by dataset, bit for bit.

Usage: h5_equal.py A.h5 B.h5 [--ignore-attr NAME ...]
Exit 0 when every dataset and attribute (except the ignored ones) is identical, 1 otherwise with
the first difference printed. Run-specific attributes (wall time, thread count, command line) are
what --ignore-attr is for.
"""
import sys

import h5py
import numpy as np


def collect(path):
    items = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                items["dataset:" + name] = obj[()]
            for key, value in obj.attrs.items():
                items["attr:" + name + "@" + key] = value
        for key, value in f.attrs.items():
            items["attr:/@" + key] = value
        f.visititems(visit)
    return items


def same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind in "fc" and b.dtype.kind in "fc":
        return a.shape == b.shape and a.tobytes() == b.tobytes()
    return a.shape == b.shape and bool(np.all(a == b))


def main(argv):
    # `checksum` is a digest of the other attributes of its group (dataset_checksum.hpp): it differs
    # exactly when an ignored attribute (wall time, ...) differs, and the others are compared anyway.
    ignored = {"checksum"}
    files = []
    it = iter(argv[1:])
    for arg in it:
        if arg == "--ignore-attr":
            ignored.add(next(it))
        else:
            files.append(arg)
    a, b = collect(files[0]), collect(files[1])
    keys_a = {k for k in a if k.split("@")[-1] not in ignored or not k.startswith("attr:")}
    keys_b = {k for k in b if k.split("@")[-1] not in ignored or not k.startswith("attr:")}
    if keys_a != keys_b:
        print("different contents:", sorted(keys_a ^ keys_b)[:10])
        return 1
    for key in sorted(keys_a):
        if not same(a[key], b[key]):
            print("differs:", key)
            return 1
    print(f"identical: {len(keys_a)} datasets and attributes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
