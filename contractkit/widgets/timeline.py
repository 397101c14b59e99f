"""The renewal calendar's timeline: a portfolio's dated deadlines on a time axis, one row
per contract, coloured by kind (matplotlib, drawn without pyplot); and how the calendar
names a deadline's kind and a contract, on the chart and in the panel.
"""

from __future__ import annotations

import os
from datetime import date, timedelta
from typing import TYPE_CHECKING

from contractkit.calendar import KIND_LABELS, CalendarEntry
from contractkit.safetext import escape_controls
from contractkit.textutil import shorten
from contractkit.widgets.heatmap import figure_png

if TYPE_CHECKING:  # matplotlib is imported when the chart is drawn, not with the widgets
    from matplotlib.axes import Axes

KIND_COLOURS = {
    "notice_of_non_renewal": "#c62828",
    "renewal": "#1565c0",
    "expiry": "#6a1b9a",
    "warranty_end": "#2e7d32",
    "price_increase_notice": "#ef6c00",
    "termination_notice": "#00838f",
    "audit_notice": "#5d4037",
}
NAME_LIMIT = 40  # contract names on the chart's axis
# Text on the chart is drawn as written: `$...$` in a file name is not TeX (mathtext would
# parse it, and raise on some), whatever the user's matplotlib settings say.
PLAIN_TEXT = {"parse_math": False, "usetex": False}


def kind_label(kind: str) -> str:
    """`notice_of_non_renewal` → `Last day to give notice of non-renewal`."""
    return KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def file_name(path: str) -> str:
    """A contract's file name as the panel shows it: no folder, and what a font or the page
    cannot show (control characters, a name that is not UTF-8) as a visible escape."""
    return escape_controls(os.path.basename(path))


def timeline_png(entries: list[CalendarEntry], as_of: date, horizon: int = 0) -> bytes:
    """The dated deadlines on a time axis, one row per contract, coloured by kind, from
    `as_of` (a line) to the last deadline; the horizon shaded when one is set (PNG).
    Contract names are drawn as plain text (never TeX)."""
    from matplotlib import rc_context

    with rc_context({"text.usetex": False}):  # dates and names need no TeX installed
        return _timeline_png(entries, as_of, horizon)


def _timeline_png(entries: list[CalendarEntry], as_of: date, horizon: int) -> bytes:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    dated = [e for e in entries if e.date is not None]
    files = list(dict.fromkeys(e.file for e in sorted(dated, key=lambda e: e.date)))
    height = 1.6 + 0.45 * max(len(files), 1)
    figure = Figure(figsize=(9.5, height), dpi=100)  # no pyplot: no global state
    axes = figure.add_subplot()
    last = max((e.date for e in dated), default=as_of + timedelta(days=max(horizon, 90)))
    end = max(last, as_of + timedelta(days=horizon)) + timedelta(days=20)
    start = as_of - timedelta(days=20)
    if horizon:
        axes.axvspan(as_of, as_of + timedelta(days=horizon), color="#fff3cd", zorder=0)
    axes.axvline(as_of, color="#555", linewidth=1, linestyle="--", zorder=1)
    axes.text(as_of, 0.02, f" as of {as_of.isoformat()}", transform=axes.get_xaxis_transform(),
              fontsize=7, color="#555", va="bottom", **PLAIN_TEXT)  # fmt: skip
    for kind in dict.fromkeys(e.kind for e in dated):
        points = [e for e in dated if e.kind == kind]
        axes.scatter(
            [e.date for e in points],
            [files.index(e.file) for e in points],
            s=60,
            color=KIND_COLOURS.get(kind, "#757575"),
            label=kind_label(kind),
            zorder=3,
        )
    _label_dates(axes, dated, files)
    axes.set_xlim(start, end)
    axes.set_ylim(-0.7, max(len(files), 1) - 0.3)
    names = [shorten(file_name(f), NAME_LIMIT) for f in files]
    axes.set_yticks(range(len(files)), names, fontsize=7, **PLAIN_TEXT)
    axes.invert_yaxis()
    locator = AutoDateLocator()
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    axes.tick_params(axis="x", labelsize=7)
    axes.grid(axis="x", color="#eee")
    if dated:
        legend = axes.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        for text in legend.get_texts():
            text.set(**PLAIN_TEXT)
    else:
        axes.text(0.5, 0.5, "no dated deadline in this view", transform=axes.transAxes,
                  ha="center", va="center", fontsize=8, color="#777", **PLAIN_TEXT)  # fmt: skip
    title = f"{len(dated)} deadlines from {as_of.isoformat()}"
    axes.set_title(title, fontsize=8, **PLAIN_TEXT)
    figure.tight_layout()
    return figure_png(figure)


def _label_dates(axes: Axes, dated: list[CalendarEntry], files: list[str]) -> None:
    """Each point's date beside it, alternately above and below within a row."""
    for row, file in enumerate(files):
        for n, entry in enumerate(
            sorted((e for e in dated if e.file == file), key=lambda e: e.date)
        ):
            axes.annotate(
                entry.date.strftime("%d %b %Y"),
                (entry.date, row),
                xytext=(0, 7 if n % 2 == 0 else -12),
                textcoords="offset points",
                ha="center",
                fontsize=6,
                color="#333",
                **PLAIN_TEXT,
            )
