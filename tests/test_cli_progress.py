"""The CLI's progress bar (tqdm on stderr, only when stderr is a terminal)."""

from __future__ import annotations

import io
from types import SimpleNamespace

from contractkit.cli import _Progress


def test_the_progress_bar_counts_files_and_shows_names_safely():
    stream = io.StringIO()
    progress = _Progress(stream)
    for done, name in enumerate(["a.pdf", "b\x1b[2Jc.pdf", "d.pdf"], 1):
        progress(done, 3, SimpleNamespace(file=f"/x/{name}"))
    text = stream.getvalue()
    assert "3/3" in text and "d.pdf" in text
    assert "\x1b[2J" not in text  # a file name cannot drive the terminal
