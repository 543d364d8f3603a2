#!/usr/bin/env bash
# Regenerates the example figures in docs/img/ from real model runs (README, "Analysing results").
# Usage: analysis/examples/make_readme_figures.sh [BUILD_DIR]   (about five minutes on 2 cores)
# The sweeps are the commands printed in README.md, docs/EXPERIMENTS.md and docs/ANALYSIS.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
kringloop=${1:-$root/build}/kringloop
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
py=/usr/bin/python3
img=$root/docs/img

"$kringloop" run --quiet -o "$work/default.h5"
$py "$root/analysis/report.py" "$work/default.h5" -o "$work/report" --dpi 70

for seed in 1 2 3 4 5; do
  "$kringloop" run --quiet --seed $seed -o "$work/default_$seed.h5"
  "$kringloop" run "$root/configs/stop_go.ini" --quiet --seed $seed -o "$work/stop_go_$seed.h5"
done
$py "$root/analysis/compare.py" "$work"/default_*.h5 "$work"/stop_go_*.h5 -o "$work/compare" --dpi 70

# README's lead-time sweep (grid, 5 replications, the default 3,000 farmers; 75 runs, about 30 s).
"$kringloop" sweep --quiet --vary scheme.nature_area_payment.lead_time_mean_days=0,90,180,365,730 \
    --vary trust.loss_ratio=1,3,5 --replications 5 -o "$work/grid.h5"
$py "$root/analysis/sweep.py" "$work/grid.h5" --x scheme.nature_area_payment.lead_time_mean_days --y adoption.nature_inclusive.final_share -o "$work/sweep" --dpi 70
$py "$root/analysis/sweep.py" "$work/grid.h5" --x scheme.nature_area_payment.lead_time_mean_days --x trust.loss_ratio --y adoption.nature_inclusive.final_share \
    -o "$work/heat" --dpi 70
# The README's Sobol example: factors with large effects, 4 replications per point (1,536 runs of
# 500 farmers, about two and a half minutes on 2 cores), so that the indices stand above the noise.
"$kringloop" sweep --population.farmers 500 --quiet --design sobol --samples 64 --replications 4 \
    --vary scheme.nature_area_payment.amount_eur_per_ha=0:600 --vary scheme.nature_area_payment.budget_eur_per_eligible_farm=0:40000 \
    --vary trust.loss_ratio=1:5 --vary network.mode=knn,well_mixed -o "$work/sobol.h5"
"$kringloop" sensitivity "$work/sobol.h5" --metric adoption.nature_inclusive.final_share --quiet
$py "$root/analysis/sensitivity.py" "$work/sobol.h5" -o "$work/sensitivity" --dpi 70
# docs/EXPERIMENTS.md's Morris screening (480 runs of 500 farmers, about 35 s).
"$kringloop" sweep --population.farmers 500 --quiet --design morris --samples 20 --replications 4 \
    --vary scheme.nature_area_payment.amount_eur_per_ha=0:600 --vary scheme.nature_area_payment.budget_eur_per_eligible_farm=0:40000 \
    --vary scheme.nature_area_payment.lead_time_mean_days=0:730 --vary practice.nature_inclusive.awareness_imitation_per_year=0.1:0.8 \
    --vary network.rewiring=0.01:0.5 -o "$work/morris.h5"
"$kringloop" sensitivity "$work/morris.h5" --metric adoption.nature_inclusive.final_share --quiet
$py "$root/analysis/sensitivity.py" "$work/morris.h5" -o "$work/morris" --dpi 70

# Scenario discovery: where does uptake stay below 30%? (400 runs, about 30 s)
"$kringloop" sweep --population.farmers 500 --quiet --design lhs --samples 200 --replications 2 \
    --vary scheme.nature_area_payment.amount_eur_per_ha=0:600 --vary scheme.nature_area_payment.budget_eur_per_eligible_farm=0:40000 \
    --vary trust.loss_ratio=1:5 --vary network.mode=knn,well_mixed -o "$work/lhs.h5"
$py "$root/analysis/discover.py" "$work/lhs.h5" --metric adoption.nature_inclusive.final_share --below 0.3 \
    -o "$work/discover" --dpi 70

cp "$work/report/adoption.png" "$img/report_adoption.png"
cp "$work/report/funnel.png" "$img/report_funnel.png"
cp "$work/report/trust.png" "$img/report_trust.png"
cp "$work/report/subsidy.png" "$img/report_subsidy.png"
cp "$work/compare/adoption.png" "$img/compare_adoption.png"
cp "$work/compare/trust.png" "$img/compare_trust.png"
cp "$work/compare/subsidy.png" "$img/compare_subsidy.png"
cp "$work/compare/funnel.png" "$img/compare_funnel.png"
cp "$work/sweep/"*.png "$img/sweep_response.png"
cp "$work/heat/"*.png "$img/sweep_heatmap.png"
cp "$work/sensitivity/"*sobol*.png "$img/sensitivity_sobol.png" 2>/dev/null || cp "$work/sensitivity/"*.png "$img/sensitivity_sobol.png"
cp "$work/morris/"morris_*.png "$img/sensitivity_morris.png"
cp "$work/discover/prim_trajectory.png" "$img/discover_trajectory.png"
cp "$work/discover/prim_boxes.png" "$img/discover_boxes.png"
ls -la "$img"
