#!/usr/bin/env bash
# Builds the Containerfile (Debian 12) and runs the main job in it, when a container tool with a
# working engine and the debian:12 base image are available; otherwise exits 77 (ctest: skipped),
# saying why. Usage: container.sh SOURCE_DIR
set -u
source_dir=$1
tool=""
for candidate in podman docker; do
  if command -v "$candidate" > /dev/null && "$candidate" info > /dev/null 2>&1; then tool=$candidate; break; fi
done
[ -n "$tool" ] || { echo "skipped: no podman or docker with a running engine"; exit 77; }
if ! "$tool" image inspect debian:12 > /dev/null 2>&1 && ! "$tool" pull debian:12 > /dev/null 2>&1; then
  echo "skipped: the debian:12 base image is not available to $tool"; exit 77
fi
work=$(mktemp -d)
tag=kringloop-test-$$
trap '"$tool" rmi -f "$tag" > /dev/null 2>&1; rm -rf "$work"' EXIT
"$tool" build -t "$tag" -f "$source_dir/Containerfile" "$source_dir" > "$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log"; echo "FAIL: container build"; exit 1; }
mkdir "$work/out" && chmod 777 "$work/out"
"$tool" run --rm -v "$work/out:/work" "$tag" || { echo "FAIL: the main job in the container"; exit 1; }
[ -s "$work/out/default.h5" ] || { echo "FAIL: no out/default.h5 from the container"; exit 1; }
"$tool" run --rm "$tag" validate /opt/kringloop/share/kringloop/configs/stop_go.ini || { echo "FAIL: validate in the container"; exit 1; }
echo "container: ok ($tool)"
