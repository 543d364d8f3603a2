#!/usr/bin/env bash
# The dashboard in headless Chromium (tests/server/browser/dashboard_e2e.mjs) against a live server.
# Usage: browser_test.sh KRINGLOOP_BINARY SOURCE_DIR SCREENSHOT_DIR
# Skips (exit 77, reported by ctest as skipped) only when Debian's chromium or the npm packages are
# not installed: .ci/setup installs both.
set -euo pipefail
binary=$1 source=$2 shots=$3
browser_dir="$source/tests/server/browser"
if ! command -v node >/dev/null || [ ! -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "SKIP: Debian's chromium and node are needed (bash .ci/setup installs them)"; exit 77
fi
if [ ! -d "$browser_dir/node_modules/playwright-core" ]; then
  echo "SKIP: playwright-core is not installed (bash .ci/setup runs npm ci in tests/server/browser)"; exit 77
fi
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
work=$(mktemp -d)
mkdir -p "$shots"
"$binary" serve --port 0 --output-dir "$work/out" --web "$source/web" --configs "$source/configs" >"$work/log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q "dashboard at" "$work/log" && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/log")
[ -n "$port" ] || { cat "$work/log"; exit 1; }
node "$browser_dir/dashboard_e2e.mjs" "http://127.0.0.1:$port/" "$shots/dashboard.png" "$shots/dashboard-phone.png"
kill -TERM $server
wait $server
if ls "$work/out" | grep -q -E '\.tmp-|\.partial'; then echo "half-written file left"; exit 1; fi
echo "browser test passed; screenshots in $shots"
