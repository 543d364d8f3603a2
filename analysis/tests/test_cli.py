"""Every script: -h works, and a bad input is one line on stderr with exit code 2, no traceback."""

from __future__ import annotations

import pytest

from conftest import run_script

SCRIPTS = {"report": [], "compare": [], "sweep": ["--x", "scheme.investment.lead_time_days"],
           "sensitivity": [], "discover": ["--metric", "adoption.nature_inclusive.final_share", "--below", "0.1"]}


@pytest.mark.parametrize("script", SCRIPTS)
def test_help(script):
    result = run_script(script, "-h")
    assert result.returncode == 0
    assert "usage:" in result.stdout and "-o DIR" in result.stdout


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("kind", ["missing", "random bytes", "truncated"])
def test_bad_file_is_one_line_and_exit_code_2(script, kind, broken_files, tmp_path):
    path = broken_files[kind]
    result = run_script(script, path, *SCRIPTS[script], "-o", tmp_path / "out")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {path}: ")
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("script", ["sweep", "sensitivity", "discover"])
def test_run_file_where_a_sweep_is_needed(script, one_run_file, tmp_path):
    result = run_script(script, one_run_file[0], *SCRIPTS[script], "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "format is 'kringloop-run' (a run file), expected 'kringloop-sweep'" in result.stderr


def test_sweep_file_given_to_report(one_sweep_file, tmp_path):
    result = run_script("report", one_sweep_file[0], "-o", tmp_path / "out")
    assert result.returncode == 2
    assert "(a sweep file), expected 'kringloop-run'" in result.stderr


def test_unwritable_output_folder_is_exit_code_2(one_run_file, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run_script("report", one_run_file[0], "-o", blocker / "out")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {blocker / 'out'}: cannot create output folder")
