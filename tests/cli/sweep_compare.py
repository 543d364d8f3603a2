"""Compares every dataset (and the identity attributes) of two sweep files; exit 1 on a difference.

Used by the sweep CLI tests: a resumed, sharded, MPI or multi-threaded sweep must equal the plain one.
Usage: python3 sweep_compare.py A.h5 B.h5
"""
import sys

import h5py
import numpy as np


def datasets(f):
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj) if isinstance(obj, h5py.Dataset) else None)
    return out


def main(a_path, b_path):
    with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
        da, db = datasets(a), datasets(b)
        if sorted(da) != sorted(db):
            print("datasets differ:", sorted(set(da) ^ set(db)))
            return 1
        for name in sorted(da):
            x, y = da[name][()], db[name][()]
            nan_ok = x.dtype.kind == "f"  # NaN (e.g. a half-adoption time never reached) equals NaN
            if x.dtype != y.dtype or x.shape != y.shape or not np.array_equal(x, y, equal_nan=nan_ok):
                print("dataset differs:", name)
                return 1
        for key in ("format", "sweep_id", "seed", "design", "scenario_text", "runs", "points", "replications"):
            if a.attrs[key] != b.attrs[key]:
                print("attribute differs:", key)
                return 1
        if len(da) < 10:
            print("too few datasets:", len(da))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
