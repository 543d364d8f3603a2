#!/usr/bin/env bash
# Regenerates every figure in docs/img/ from the commands printed beside it: runs the `sh` blocks of
# README.md, docs/EXPERIMENTS.md and docs/ANALYSIS.md exactly as the docs test does
# (tests/docs/doc_commands.py, a scratch copy per document), then copies the figures they made.
# Usage: analysis/examples/make_readme_figures.sh [BUILD_DIR]   (about ten minutes on 2 idle cores)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
img=$root/docs/img

/usr/bin/python3 "$root/tests/docs/doc_commands.py" --root "$root" --build "$build" --keep "$work" \
    README.md docs/EXPERIMENTS.md docs/ANALYSIS.md

# docs/img/NAME <- the file a printed command wrote (scratch copy of the document, path inside it).
copy() { cp "$work/$2" "$img/$1"; }
copy report_adoption.png      README/out/default-report/adoption.png   # bash .ci/demo
copy report_funnel.png        README/out/default-report/funnel.png
copy report_trust.png         README/out/default-report/trust.png
copy report_subsidy.png       README/out/default-report/subsidy.png
copy report_coalitions.png    README/out/default-report/coalitions.png
copy report_exchange.png      README/out/default-report/exchange.png
copy report_measures.png      README/out/default-report/measures.png
copy compare_adoption.png     README/out/compare/adoption.png          # analysis/compare.py out/default_*.h5 out/stop_go_*.h5
copy compare_trust.png        README/out/compare/trust.png
copy compare_subsidy.png      README/out/compare/subsidy.png
copy compare_funnel.png       README/out/compare/funnel.png
copy sweep_response.png       README/out/sweep/response.png            # analysis/sweep.py out/grid.h5 --x ...
copy sweep_heatmap.png        README/out/heatmap/heatmap.png           # analysis/sweep.py out/grid.h5 --x ... --x ...
copy sensitivity_sobol.png    README/out/sensitivity/sobol_adoption.nature_inclusive.final_share.png
copy sensitivity_morris.png   docs_EXPERIMENTS/out/morris/morris_adoption.nature_inclusive.final_share.png
copy discover_trajectory.png  docs_ANALYSIS/out/discover/prim_trajectory.png
copy discover_boxes.png       docs_ANALYSIS/out/discover/prim_boxes.png
copy report_regions.png       docs_ANALYSIS/two_regions-report/regions.png   # analysis/report.py two_regions.h5 ...
ls -la "$img"
