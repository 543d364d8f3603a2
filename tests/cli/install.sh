#!/usr/bin/env bash
# `cmake --install` into a temporary prefix, then use only what was installed, from a folder outside
# the source tree: the program, a shipped scenario, the man page, bash completion, the Python
# package and an analysis script.
set -u
kringloop=$1 source_dir=$2
build=$(dirname "$kringloop")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "cmake --install"; }
cd "$work"

bin=$prefix/bin/kringloop
[ -x "$bin" ] || fail "no bin/kringloop"
"$bin" --version | grep -q "^kringloop " || fail "installed binary: --version"
share=$prefix/share/kringloop
for scenario in default stop_go lease_security brabant_monitor messenger; do
  "$bin" validate "$share/configs/$scenario.ini" > /dev/null || fail "validate installed configs/$scenario.ini"
done
"$bin" run "$share/configs/stop_go.ini" --population.farmers 150 --run.years 3 -o run.h5 || fail "installed binary: run"
[ -s run.h5 ] || fail "run wrote no file"

# The man page: generated from the registry, so it names every option the binary has.
man=$prefix/share/man/man1/kringloop.1
[ -s "$man" ] || fail "no share/man/man1/kringloop.1"
head -3 "$man" | grep -q '^\.TH kringloop 1' || fail "man page has no .TH header"
missing=$("$bin" options --json | /usr/bin/python3 -c '
import json, sys
page = open(sys.argv[1]).read().replace("\\-", "-")
print(" ".join(o["key"] for o in json.load(sys.stdin)["options"] if ".B --" + o["key"] + " " not in page))' "$man")
[ -z "$missing" ] || fail "man page lacks options: $missing"
grep -q "nature_area_payment" "$man" || fail "man page lacks the default scenario's named sections"
if command -v groff > /dev/null; then
  groff -k -man -Tutf8 -ww -Wbreak -z "$man" 2> groff.err || true
  [ ! -s groff.err ] || { cat groff.err; fail "groff warns about the man page"; }
fi

# Bash completion: subcommands, a subcommand's flags, and option names from the scenario.
completion=$prefix/share/bash-completion/completions/kringloop
[ -s "$completion" ] || fail "no bash completion"
complete_words() {  # complete_words WORD... : what completing the last word offers
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _kringloop; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$completion" "$bin" "$@"
}
complete_words "sw" | grep -qx "sweep" || fail "completion: subcommand"
complete_words run "--over" | grep -qx -- "--overwrite" || fail "completion: run flag"
complete_words run "--population.farm" | grep -qx -- "--population.farmers" || fail "completion: option name"
complete_words run "--scheme.nature_area_payment.lead" | grep -q -- "--scheme.nature_area_payment.lead_time_mean_days" \
  || fail "completion: named-section option"
complete_words sweep --vary "trust.loss" | grep -qx "trust.loss_ratio=" || fail "completion: --vary KEY="

# The Python package and the analysis scripts, from the prefix alone.
if [ -d "$build/python/kringloop" ]; then
  site=$(find "$prefix/lib" -type d -name kringloop -path '*-packages/*' | head -1)
  [ -n "$site" ] || fail "Python package not installed"
  PYTHONPATH=$(dirname "$site") /usr/bin/python3 -c '
import kringloop
r = kringloop.run(overrides={"population.farmers": 100, "run.years": 2}, seed=3)
assert r.summary["population.active_share_end"] > 0, r.summary' || fail "installed Python package"
fi
MPLBACKEND=Agg "$share/analysis/report.py" run.h5 -o report > report.log 2>&1 || { cat report.log; fail "installed report.py"; }
[ -s report/index.html ] || fail "installed report.py wrote no index.html"
for doc in README.md LICENSE CITATION.cff CHANGELOG.md OPTIONS.md SOURCES.md; do
  [ -s "$prefix/share/doc/kringloop/$doc" ] || fail "docs: no $doc"
done
echo "install: ok"
