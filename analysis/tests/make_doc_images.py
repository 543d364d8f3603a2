#!/usr/bin/python3
"""Regenerate the example figures in docs/img/ that the model cannot draw yet: `make_doc_images.py`.

The model does not write coalitions or land exchange yet, so their report figures are drawn from
synthetic files; their captions name the scenarios "synthetic …" so nobody mistakes them for
results. Every other figure in docs/img/ comes from real runs (analysis/examples/
make_readme_figures.sh); this script draws them too (into its scratch folder, as a check that every
script runs on synthetic files) but does not copy them over the real ones. Run from anywhere;
writes docs/img/report_{coalitions,exchange}.png at 80 dpi (each well under 100 KB).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import synthetic

ANALYSIS = Path(__file__).resolve().parents[1]
IMAGES = ANALYSIS.parent / "docs" / "img"
DPI = "80"

# {output folder of one script call: {file the script wrote: name in docs/img}}
SHOWN = {
    "report": {"coalitions.png": "report_coalitions.png", "exchange.png": "report_exchange.png"},
}


def _script(name, *args):
    subprocess.run([sys.executable, str(ANALYSIS / f"{name}.py"), *map(str, args), "--dpi", DPI],
                   check=True)


def main():
    IMAGES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        run = scratch / "run.h5"
        synthetic.write_run(run, seed=3, name="synthetic example", months=120)
        continuous = [scratch / f"continuous_{seed}.h5" for seed in range(1, 9)]
        for seed, path in enumerate(continuous, start=1):
            synthetic.write_run(path, seed=seed, name="synthetic continuous", months=120, speed=1.2)
        stop_go = [scratch / f"stop_go_{seed}.h5" for seed in range(1, 9)]
        for seed, path in enumerate(stop_go, start=1):
            synthetic.write_run(path, seed=seed, name="synthetic stop_go", months=120, speed=0.8)
        sweep = scratch / "sweep.h5"
        synthetic.write_sweep(sweep, months=60, replications=8, undone=(), name="synthetic lead_time")
        key_one, key_two = synthetic.SWEEP_KEYS
        _script("report", run, "-o", scratch / "report")
        _script("compare", *continuous, *stop_go, "-o", scratch / "compare")
        _script("sweep", sweep, "--x", key_one, "-o", scratch / "sweep_one")
        _script("sweep", sweep, "--x", key_one, "--x", key_two, "-o", scratch / "sweep_two")
        _script("sensitivity", sweep, "-o", scratch / "sensitivity")
        for folder, files in SHOWN.items():
            for source, target in files.items():
                shutil.copyfile(scratch / folder / source, IMAGES / target)
                print(f"{IMAGES / target}: {(IMAGES / target).stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
