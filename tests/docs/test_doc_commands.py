"""The docs checker must fail on a failing command and honour the not-run marker."""
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import doc_commands  # noqa: E402


def make_repo(tmp_path, text):
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    (root / "README.md").write_text(text)
    build = tmp_path / "build"
    build.mkdir()
    fake = build / "kringloop"
    fake.write_text("#!/bin/sh\necho fake kringloop \"$@\"\n")
    fake.chmod(0o755)
    return root, build


def check(tmp_path, text, capsys):
    root, build = make_repo(tmp_path, text)
    code = doc_commands.main(["--root", str(root), "--build", str(build), "README.md"])
    return code, capsys.readouterr()


def test_blocks_run_in_order_from_a_scratch_root(tmp_path, capsys):
    code, out = check(tmp_path, "```sh\nmkdir -p out && build/kringloop run > out/a.txt\n```\n"
                                "```sh\ngrep -q 'fake kringloop run' out/a.txt\n```\n", capsys)
    assert code == 0, out.out
    assert "2 blocks ran" in out.out
    assert not (tmp_path / "repo" / "out").exists()  # outputs stay in the scratch copy


def test_a_failing_command_fails_and_names_its_line(tmp_path, capsys):
    code, out = check(tmp_path, "text\n\n```sh\ntrue\nfalse\necho never\n```\n", capsys)
    assert code == 1
    assert "FAIL README.md:3" in out.out


def test_a_failure_inside_a_pipe_fails(tmp_path, capsys):
    code, _ = check(tmp_path, "```sh\nbuild/kringloop missing-file.h5 | cat && test -e nothing\n```\n", capsys)
    assert code == 1


def test_not_run_marker_skips_the_block(tmp_path, capsys):
    code, out = check(tmp_path, "<!-- not-run: needs a cluster -->\n```sh\nexit 1\n```\n", capsys)
    assert code == 0
    assert "needs a cluster" in out.out


def test_text_and_python_blocks_are_shown_not_run(tmp_path, capsys):
    code, _ = check(tmp_path, "```text\n$ exit 1\n```\n```python\nraise SystemExit(1)\n```\n", capsys)
    assert code == 0


def test_untagged_fence_is_an_error(tmp_path, capsys):
    code, out = check(tmp_path, "```\nbuild/kringloop run\n```\n", capsys)
    assert code == 2
    assert "README.md:1" in out.err and "language" in out.err


def test_marker_away_from_a_fence_is_an_error(tmp_path, capsys):
    code, out = check(tmp_path, "<!-- not-run: stray -->\n\n```sh\ntrue\n```\n", capsys)
    assert code == 2
    assert "README.md:1" in out.err


def test_a_bare_kringloop_is_not_on_the_path(tmp_path, capsys):
    # The docs must call build/kringloop (or say how to install it): the checker adds nothing to PATH.
    code, _ = check(tmp_path, "```sh\nkringloop-not-installed-anywhere run\n```\n", capsys)
    assert code == 1


def test_indented_blocks_in_lists(tmp_path, capsys):
    code, out = check(tmp_path, "* step\n\n  ```sh\n  build/kringloop run\n  ```\n", capsys)
    assert code == 0, out.out
    blocks = doc_commands.extract_blocks("x.md", "* a\n  ```sh\n  echo hi\n  ```\n")
    assert blocks[0].text == "echo hi\n"


@pytest.mark.parametrize("name", ["README.md", "docs/OPTIONS.md"])
def test_the_real_documents_follow_the_convention(name):
    root = pathlib.Path(__file__).resolve().parents[2]
    doc_commands.extract_blocks(name, (root / name).read_text(encoding="utf-8"))
