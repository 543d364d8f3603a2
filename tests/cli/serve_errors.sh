#!/usr/bin/env bash
# Every bad input to `kringloop serve` and `run --lever`: exit code 2 and exactly one line on stderr
# naming the problem (a server that cannot start says why, before it listens).
set -u
kringloop=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"; [ -n "${holder:-}" ] && kill "$holder" 2>/dev/null' EXIT
cd "$work"
failures=0

expect_error() {  # expect_error "what it must say" ARGS...
  local message=$1; shift
  timeout 20 "$kringloop" "$@" >stdout.txt 2>stderr.txt
  local code=$?
  local lines
  lines=$(wc -l <stderr.txt)
  if [ "$code" -ne 2 ] || [ "$lines" -ne 1 ] || ! grep -qF -- "$message" stderr.txt; then
    echo "FAIL: kringloop $* -> exit $code, stderr ($lines lines): $(cat stderr.txt)"
    echo "      expected exit 2 and one line containing: $message"
    failures=$((failures + 1))
  fi
  if ls ./*.h5 >/dev/null 2>&1; then echo "FAIL: kringloop $* left a file"; failures=$((failures + 1)); fi
}

web=(--web "$source_dir/web" --configs "$source_dir/configs")
expect_error "--port = 70000: must be from 0 to 65535" serve --port 70000 "${web[@]}"
expect_error "--bind = 'nowhere': not an IP address" serve --bind nowhere --port 0 "${web[@]}"
expect_error "--max-runs = 0: must be from 1 to 64" serve --max-runs 0 "${web[@]}"
expect_error "--max-farmers = 0: must be from 1 to 10000000" serve --max-farmers 0 "${web[@]}"
expect_error "--web = '$work': no index.html there" serve --web "$work" --configs "$source_dir/configs"
expect_error "--configs = 'missing': no such folder" serve --configs missing --web "$source_dir/web"
expect_error "unrecognised option '--prot'" serve --prot 1
# A port already taken: the second server says so and exits.
"$kringloop" serve --port 0 --output-dir "$work/a" "${web[@]}" >holder.txt 2>&1 &
holder=$!
for _ in $(seq 100); do grep -q "dashboard at" holder.txt && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' holder.txt)
expect_error "cannot listen on 127.0.0.1:$port" serve --port "$port" --output-dir "$work/b" "${web[@]}"
kill -TERM "$holder"; wait "$holder"; holder=""

expect_error "--lever = '24:scheme.x': expected MONTH:KEY=VALUE" run --lever 24:scheme.x -o a.h5
expect_error "not a lever that can change during a run" run --lever 3:population.farmers=10 -o a.h5
expect_error "month 999 is outside the run (0 to 359)" run --lever 999:scheme.monitor_reward.announced_lead_time_days=5 -o a.h5
expect_error "scheme.monitor_reward.announced_lead_time_days = '-5'" run --lever 3:scheme.monitor_reward.announced_lead_time_days=-5 -o a.h5

if [ "$failures" -ne 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "serve and --lever errors: all exit 2 with one line"
