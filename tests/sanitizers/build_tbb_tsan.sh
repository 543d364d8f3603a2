#!/usr/bin/env bash
# Builds oneTBB from Debian 12's own source package with ThreadSanitizer instrumentation
# (TBB_SANITIZE=thread) into build-tbb-tsan/install, for the `tsan` preset (docs/RELIABILITY.md).
#
# Why: Debian's libtbb is not instrumented, so ThreadSanitizer cannot see the synchronisation inside
# TBB and reports every hand-over of data between TBB tasks as a race. With TBB itself instrumented
# those false reports vanish and what remains is Kringloop's own.
#
# The source comes from Debian's archive through apt-get with a private configuration (a deb-src
# entry for bookworm in build-tbb-tsan/apt/), so the machine's /etc/apt is not changed.
# Usage: bash tests/sanitizers/build_tbb_tsan.sh     (then: cmake --preset tsan && cmake --build build-tsan)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v dpkg-source >/dev/null || { echo "build_tbb_tsan.sh: needs dpkg-source (apt-get install dpkg-dev)" >&2; exit 2; }
root=$PWD
work=$root/build-tbb-tsan
mkdir -p "$work/apt/lists/partial" "$work/apt/archives/partial" "$work/src"
version=$(dpkg-query -W -f='${source:Version}' libtbb-dev 2>/dev/null || true)
cat > "$work/apt/sources.list" <<SOURCES
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian-security bookworm-security main
deb-src http://deb.debian.org/debian bookworm-updates main
SOURCES
apt_private=(-o Dir::Etc::SourceList="$work/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
             -o Dir::State::Lists="$work/apt/lists" -o Dir::Cache::Archives="$work/apt/archives")
apt-get "${apt_private[@]}" update -qq
cd "$work/src"
# The source of the installed libtbb-dev when known, so the instrumented library matches its headers.
if [ -n "$version" ]; then
  apt-get "${apt_private[@]}" source --download-only "onetbb=$version"
else
  apt-get "${apt_private[@]}" source --download-only onetbb
fi
rm -rf onetbb
dpkg-source -x --no-check onetbb_*.dsc onetbb >/dev/null
# TBB_STRICT=OFF: oneTBB builds with -Werror, and GCC 12 warns (-Wtsan) that ThreadSanitizer does
# not model standalone atomic_thread_fence; that is a known TSan limitation, not a defect to fix here.
cmake -S onetbb -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTBB_SANITIZE=thread -DTBB_TEST=OFF -DTBB_STRICT=OFF \
      -DTBB_EXAMPLES=OFF -DTBBMALLOC_BUILD=OFF -DCMAKE_INSTALL_PREFIX="$work/install" >/dev/null
cmake --build build -j "$(nproc)"
cmake --install build >/dev/null
echo "instrumented oneTBB installed in $work/install (TBB_DIR=$work/install/lib/cmake/TBB)"
