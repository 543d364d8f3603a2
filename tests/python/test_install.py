"""`cmake --install build --component python` gives a package that imports and runs on its own."""

import os
import subprocess
import sys

import pytest


@pytest.mark.skipif("KRINGLOOP_BUILD_DIR" not in os.environ, reason="needs the build folder (run through ctest)")
def test_installed_package_imports_and_runs(tmp_path):
    subprocess.run(["cmake", "--install", os.environ["KRINGLOOP_BUILD_DIR"], "--component", "python",
                    "--prefix", str(tmp_path)], check=True, capture_output=True)
    site = tmp_path / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "dist-packages"
    assert (site / "kringloop" / "__init__.py").exists()
    code = ("import kringloop; r = kringloop.run(overrides={'population.farmers': 100, 'run.years': 1}, seed=2); "
            "print(kringloop.__file__); print(len(r.series), r.meta['seed'])")
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(site), "PATH": os.environ.get("PATH", "")})
    assert done.returncode == 0, done.stderr
    where, counts = done.stdout.splitlines()
    assert where.startswith(str(site)), where
    assert int(counts.split()[0]) > 0 and counts.split()[1] == "2"
