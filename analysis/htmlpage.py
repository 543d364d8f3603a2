"""Write the index.html that shows a script's figures with their captions and tables.

Plain, self-contained HTML (no scripts, no external assets) so the folder can be zipped,
mailed or opened from a file browser.
"""

from __future__ import annotations

import html
import os

STYLE = """
body { font-family: sans-serif; max-width: 1100px; margin: 2em auto; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
td, th { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.5em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #444; }
.note { background: #fff8e0; border-left: 4px solid #e0b000; padding: 0.4em 0.8em; }
pre { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
"""


def _cell(value):
    if isinstance(value, float):
        return f'<td class="num">{value:.6g}</td>'
    return f"<td>{html.escape(str(value))}</td>"


def table(rows, header=None):
    """An HTML table from rows of cells (floats right-aligned with 6 significant digits)."""
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header) if header else ""
    body = "\n".join("<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in rows)
    return f"<table>{'<tr>' + head + '</tr>' if head else ''}\n{body}</table>"


def frame_table(frame):
    """An HTML table from a DataFrame, index included."""
    header = [frame.index.name or ""] + [str(c) for c in frame.columns]
    rows = [[index] + list(row) for index, row in zip(frame.index, frame.itertuples(index=False))]
    return table(rows, header)


def write_index(directory, title, sections):
    """Write DIRECTORY/index.html from `sections`, a list of (kind, payload) pairs.

    Kinds: "heading" (text), "table" (HTML from `table`/`frame_table`), "figure"
    ((file, caption)), "note" (text shown as a highlighted remark), "pre" ((summary, text)
    shown collapsed).
    """
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
             f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>",
             f"<h1>{html.escape(title)}</h1>"]
    for kind, payload in sections:
        if kind == "heading":
            parts.append(f"<h2>{html.escape(payload)}</h2>")
        elif kind == "table":
            parts.append(payload)
        elif kind == "figure":
            file, caption = payload
            parts.append(f'<figure><img src="{html.escape(file)}" alt="{html.escape(caption)}">'
                         f"<figcaption>{html.escape(caption)}</figcaption></figure>")
        elif kind == "note":
            parts.append(f'<p class="note">{html.escape(payload)}</p>')
        elif kind == "pre":
            summary, text = payload
            parts.append(f"<details><summary>{html.escape(summary)}</summary>"
                         f"<pre>{html.escape(text)}</pre></details>")
        else:
            raise ValueError(f"unknown section kind {kind!r}")
    parts.append("</body></html>\n")
    path = os.path.join(directory, "index.html")
    with open(path, "w", encoding="utf-8") as out:
        out.write("\n".join(parts))
    return path
