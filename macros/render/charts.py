"""Bar charts drawn at build time as HTML, each with its data as a table.

Written here rather than with a charting library: the charts are simple
counts, and the libraries that draw SVG either bring scripts and styles of
their own or weigh tens of megabytes. The labels and values are HTML text,
not SVG text: SVG text shrinks with its viewBox, so a chart drawn for a
desktop had 7 px labels on a phone; HTML text keeps the stylesheet's size at
every width. Only each bar is a tiny SVG (a rectangle's width is an
attribute, where an HTML bar would need an inline style, which the site's
policy refuses). Every chart is a <figure> whose plot is one image with a
name and a description, and whose numbers are also given in a table for
screen readers and for anyone who would rather read them. Colours come from
the site's stylesheet, so both palettes work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from .escaping import escape_attribute, escape_text


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bar_chart(
    chart_id: str,
    title: str,
    bars: list[Bar],
    category: str,
    unit: str,
    summary: str,
    count: Callable[[int], str],
) -> Markup:
    """A horizontal bar chart: one row per bar, the value written at the end of each bar.
    ``unit`` heads the data table's column; ``count`` writes a value with its noun ("1
    meeting", "3 meetings") for the chart's text alternative."""
    if not bars:
        return Markup("")
    top = max((bar.value for bar in bars), default=0) or 1
    rows = Markup("").join(
        Markup(
            '<div class="gceg-chart__row"><span class="gceg-chart__label">{label}</span>'
            '<svg class="gceg-chart__track" viewBox="0 0 100 10" preserveAspectRatio="none">'
            '<rect class="gceg-chart__bar" x="0" y="0" width="{length}" height="10"></rect></svg>'
            '<span class="gceg-chart__value">{value}</span></div>'
        ).format(label=escape_text(bar.label), length=_length(bar.value, top), value=bar.value)
        for bar in bars
    )
    table_rows = Markup("").join(
        Markup('<tr><th scope="row">{}</th><td>{}</td></tr>').format(escape_text(b.label), b.value)
        for b in bars
    )
    return Markup(
        '<figure class="gceg-chart" id="{id}" data-search-exclude>'
        # the caption first: a figure's caption is its first or last child, and the data
        # table (details) comes last
        '<figcaption id="{id}-title">{title}</figcaption>'
        '<div class="gceg-chart__plot" role="img" aria-labelledby="{id}-title {id}-desc">'
        '{rows}<span class="gceg-chart__desc" id="{id}-desc">{desc}</span></div>'
        '<details class="gceg-chart__data"><summary>{summary}</summary>'
        '<table class="gceg-table"><thead><tr><th scope="col">{label}</th>'
        '<th scope="col">{unit}</th></tr></thead><tbody>{table}</tbody></table></details></figure>'
    ).format(
        id=escape_attribute(chart_id),
        title=escape_text(title),
        desc=escape_text(describe(bars, count)),
        rows=rows,
        summary=escape_text(summary),
        label=escape_text(category),
        unit=escape_text(unit),
        table=table_rows,
    )


def _length(value: int, top: int) -> str:
    """A bar's length in hundredths of the track; a zero is still a visible sliver."""
    return f"{max(100 * value / top, 0.5):g}"


def describe(bars: list[Bar], count: Callable[[int], str]) -> str:
    """A sentence giving every value, for the chart's text alternative."""
    return "; ".join(f"{bar.label}: {count(bar.value)}" for bar in bars) + "."
