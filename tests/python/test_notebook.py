"""The example notebook runs top to bottom in a real Jupyter kernel (Debian's ipykernel), from its
own folder as a student would open it, and draws its figures."""

import nbformat
from nbclient import NotebookClient

from conftest import SOURCE_DIR

EXAMPLES = SOURCE_DIR / "analysis" / "examples"


def test_every_example_notebook_runs_and_draws(monkeypatch):
    notebooks = sorted(EXAMPLES.glob("*.ipynb"))
    assert notebooks, "no notebook in analysis/examples"
    monkeypatch.delenv("MPLBACKEND", raising=False)  # the kernel's inline backend makes the PNGs
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")  # quiets ipykernel's debugger warning
    for path in notebooks:
        notebook = nbformat.read(path, as_version=4)
        assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"), \
            f"{path.name} is committed with outputs; clear them"
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(EXAMPLES)}}).execute()
        outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
        assert not [o for o in outputs if o.output_type == "error"], path.name
        figures = [o for o in outputs if "image/png" in o.get("data", {})]
        assert len(figures) >= 2, f"{path.name} drew {len(figures)} figures"
