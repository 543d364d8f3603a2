#!/usr/bin/env bash
# Mutation testing of the model rules: do the validation, agents and sim tests catch plausible bugs?
# Run on demand, not in CI (a full run takes about half an hour on two cores). See README.md.
#
#   bash tests/mutants/run.sh [--jobs N] [--timeout SECONDS] [MUTANT ...]
#   bash tests/mutants/run.sh --list
#
# Builds a fresh worktree of HEAD (never the invoking tree: uncommitted edits there are neither
# tested nor disturbed), checks the tests pass unmutated, then applies one mutant at a time,
# rebuilds, runs the tests and restores the file. Exit 0 when every mutant was killed, 1 when one
# survived, 2 on usage errors, 3 when the run itself could not be done (a mutant no longer applies
# or does not compile, the unmutated tests fail, the build fails, or the run was interrupted).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mutant_dir=$here/mutants
python=/usr/bin/python3  # Debian's interpreter: the helper needs nothing beyond the standard library
test_labels='validation|agents|sim'  # sim: the engine's units (2 s), which guard the batched draws (mutants 78–79)

usage() {
  sed -n '5,6s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2
  echo "Mutants (tests/mutants/mutants/):" >&2
  list_mutants >&2
  exit 2
}

usage_error() { echo "run.sh: $1 (see --help)" >&2; exit 2; }

mutant_id() { local base; base=$(basename "$1" .mutant); echo "${base#[0-9]*_}"; }

list_mutants() {
  local file
  for file in "$mutant_dir"/*.mutant; do
    printf '  %-34s %s\n' "$(mutant_id "$file")" "$("$python" "$here/mutant.py" info "$file" | cut -f2)"
  done
}

jobs=$(nproc 2>/dev/null || echo 2)
timeout=900
selected=()
while (($#)); do
  case $1 in
    --jobs|-j) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage_error "--jobs needs a positive integer"
               jobs=$2; shift 2 ;;
    --jobs=*) jobs=${1#--jobs=}; [[ $jobs =~ ^[1-9][0-9]*$ ]] || usage_error "--jobs needs a positive integer"
              shift ;;
    --timeout) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage_error "--timeout needs a number of seconds"
               timeout=$2; shift 2 ;;
    --list) list_mutants; exit 0 ;;
    -h|--help) usage ;;
    -*) usage_error "unknown option $1" ;;
    *) selected+=("$1"); shift ;;
  esac
done

[[ -x $python ]] || { echo "run.sh: $python not found (Debian's python3)" >&2; exit 2; }
shopt -s nullglob
all_files=("$mutant_dir"/*.mutant)
((${#all_files[@]})) || { echo "run.sh: no mutants in $mutant_dir" >&2; exit 2; }

# The mutants to run, in file order (the number prefix), or in the order given.
files=()
if ((${#selected[@]} == 0)); then
  files=("${all_files[@]}")
else
  for name in "${selected[@]}"; do
    match=""
    for file in "${all_files[@]}"; do [[ $(mutant_id "$file") == "$name" ]] && match=$file; done
    [[ -n $match ]] || usage_error "unknown mutant '$name'"
    files+=("$match")
  done
fi

repo=$(git -C "$here" rev-parse --show-toplevel) || { echo "run.sh: $here is not in a git repository" >&2; exit 2; }
commit=$(git -C "$repo" rev-parse --short HEAD)
if [[ -n $(git -C "$repo" status --porcelain --untracked-files=no -- agents sim tests configs CMakeLists.txt) ]]; then
  echo "run.sh: note: $repo has uncommitted changes; they are not tested (the run uses HEAD $commit)" >&2
fi

# ---- state and report -------------------------------------------------------------------------
ids=() descriptions=() sources=() results=() killers=() durations=()
for file in "${files[@]}"; do
  info=$("$python" "$here/mutant.py" info "$file") || exit 2
  ids+=("$(mutant_id "$file")")
  sources+=("${info%%$'\t'*}")
  descriptions+=("${info#*$'\t'}")
  results+=("not run")
  killers+=("")
  durations+=("")
done

started=$(date +%s)
worktree="" logs="" baseline_note="" run_note=""

minutes() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

report() {  # the markdown table, to stdout
  local i killed=0 survived=0 other=0
  for i in "${!ids[@]}"; do
    case ${results[i]} in KILLED) ((++killed)) ;; SURVIVED) ((++survived)) ;; *) ((++other)) ;; esac
  done
  echo "# Mutation testing: last result"
  echo
  echo "Commit $commit, $(date -u '+%Y-%m-%d %H:%M UTC'), \`ctest -L '$test_labels' -j $jobs\`, $(minutes $(($(date +%s) - started))) in all."
  [[ -n $baseline_note ]] && echo "Unmutated: $baseline_note."
  echo "Killed $killed, survived $survived, other $other of ${#ids[@]}.${run_note:+ $run_note}"
  echo
  echo "| mutant | what it breaks | file | result | killing tests | time |"
  echo "|---|---|---|---|---|---|"
  for i in "${!ids[@]}"; do
    echo "| ${ids[i]} | ${descriptions[i]//|/\\|} | ${sources[i]} | ${results[i]} | ${killers[i]//|/\\|} | ${durations[i]} |"
  done
}

write_report() {  # into the invoking tree, after every mutant (partial results survive)
  # Not into the worktree: last_result.md is tracked, so writing it there made the worktree look
  # unclean after the first mutant and stopped the run.
  local text; text=$(report)
  echo "$text" >"$here/last_result.md"
}

cleanup() {
  if [[ -n $worktree && -d $worktree ]]; then
    git -C "$repo" worktree remove --force "$worktree" >/dev/null 2>&1 || rm -rf "$worktree"
    git -C "$repo" worktree prune >/dev/null 2>&1
  fi
}

interrupted() {
  trap - INT TERM
  echo; echo "run.sh: interrupted; removing $worktree" >&2
  run_note="Interrupted: mutants marked 'not run' were not run."
  write_report
  cleanup
  exit 3
}
trap cleanup EXIT
trap interrupted INT TERM

die() {  # the run cannot go on: say why, keep what was learnt
  echo "run.sh: $*" >&2
  run_note="Stopped: $*"
  write_report
  exit 3
}

# ---- worktree, build, unmutated run -------------------------------------------------------------
# KRINGLOOP_MUTANTS_DIR: where the worktree goes (default /tmp); with ccache installed and
# CCACHE_BASEDIR covering both trees, a worktree next to an existing build compiles from the cache.
worktree=$(mktemp -d "${KRINGLOOP_MUTANTS_DIR:-/tmp}/kringloop-mutants-XXXX") && rmdir "$worktree" ||
  die "cannot make a temporary directory"
logs=$worktree.logs
mkdir -p "$logs"
echo "Worktree $worktree (HEAD $commit), logs in $logs, $jobs jobs"
git -C "$repo" worktree add --detach --quiet "$worktree" HEAD || die "git worktree add failed"

for file in "${files[@]}"; do  # every mutant must apply before an hour is spent on the others
  "$python" "$here/mutant.py" check "$file" "$worktree" || die "$(mutant_id "$file") does not apply to HEAD $commit"
done

run_tests() {  # $1: log name; sets failed (one "name (reason)" per line); returns ctest's status
  local log=$logs/$1.log status
  rm -f "$worktree/build/Testing/Temporary/LastTestsFailed.log"
  ctest --test-dir "$worktree/build" -L "$test_labels" -j "$jobs" --timeout "$timeout" --output-on-failure >"$log" 2>&1
  status=$?
  # ctest lists failures as "  12 - V3 stop-go ... (Failed)"; names may hold spaces and brackets.
  failed=$(sed -n '/^The following tests FAILED:/,$ s/^[[:space:]]*[0-9]\{1,\} - \(.*\) (\([^()]*\))$/\1 (\2)/p' "$log")
  tests_run=$(sed -n 's/.*tests passed, [0-9]\{1,\} tests failed out of \([0-9]\{1,\}\).*/\1/p' "$log" | tail -1)
  return $status
}

echo "Configuring and building (Release)..."
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
(cd "$worktree" && cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKRINGLOOP_BENCH=OFF "${launcher[@]}") >"$logs/configure.log" 2>&1 ||
  die "cmake configure failed; see $logs/configure.log"
t0=$(date +%s)
cmake --build "$worktree/build" -j "$jobs" >"$logs/build.log" 2>&1 || die "the unmutated build failed; see $logs/build.log"
build_time=$(($(date +%s) - t0))
echo "Built in $(minutes $build_time). Running the unmutated tests..."
t0=$(date +%s)
if ! run_tests baseline; then
  die "the unmutated tests fail, fix them first (mutation testing needs a green baseline):
${failed:-see $logs/baseline.log}"
fi
[[ ${tests_run:-0} -gt 0 ]] || die "no tests with labels '$test_labels' found; see $logs/baseline.log"
baseline_note="$tests_run tests pass in $(minutes $(($(date +%s) - t0))), first build $(minutes $build_time)"
echo "Unmutated: $baseline_note."

# ---- the mutants --------------------------------------------------------------------------------
for i in "${!files[@]}"; do
  id=${ids[i]} source=${sources[i]}
  t0=$(date +%s)
  printf '[%d/%d] %-32s ' $((i + 1)) ${#files[@]} "$id"
  "$python" "$here/mutant.py" apply "${files[i]}" "$worktree" || die "mutant $id did not apply"
  if ! cmake --build "$worktree/build" -j "$jobs" >"$logs/$id.build.log" 2>&1; then
    results[i]="DOES NOT COMPILE"
    killers[i]="see $id.build.log: fix the mutant"
  elif run_tests "$id"; then
    results[i]=SURVIVED
  elif [[ -n $failed ]]; then
    results[i]=KILLED
    killers[i]=$(echo "$failed" | paste -sd ';' | sed 's/;/; /g')
  else
    results[i]="ERROR"
    killers[i]="ctest failed without naming a test: see $id.log"
  fi
  git -C "$worktree" checkout --quiet -- "$source" || die "could not restore $source"
  dirty=$(git -C "$worktree" status --porcelain --untracked-files=no)
  [[ -z $dirty ]] || die "the worktree is not clean after $id: $(echo "$dirty" | paste -sd ' ')"
  durations[i]=$(minutes $(($(date +%s) - t0)))
  echo "${results[i]} (${durations[i]})${killers[i]:+: ${killers[i]}}"
  write_report
done

echo
report
write_report
echo
echo "Written to $here/last_result.md; logs kept in $logs"
status=0
for r in "${results[@]}"; do [[ $r == KILLED ]] || status=3; done
for r in "${results[@]}"; do [[ $r == SURVIVED ]] && status=1; done
exit $status
