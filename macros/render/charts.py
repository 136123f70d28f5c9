"""Bar charts drawn at build time as inline SVG, each with its data as a table.

Written here rather than with a charting library: the charts are simple
counts, and the libraries that draw SVG either bring scripts and styles of
their own or weigh tens of megabytes. Every chart is a <figure> whose SVG
has a title and a description, whose bars are labelled, and whose numbers
are also given in a table for screen readers and for anyone who would
rather read them. Colours come from the site's stylesheet, so both palettes
work.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .escaping import escape_attribute, escape_text

WIDTH, BAR_AREA, ROW = 640, 420, 28


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bar_chart(
    chart_id: str, title: str, bars: list[Bar], category: str, unit: str, summary: str
) -> Markup:
    """A horizontal bar chart: one row per bar, the value written at the end of each bar."""
    if not bars:
        return Markup("")
    top = max((bar.value for bar in bars), default=0) or 1
    height = ROW * len(bars) + 8
    rows = []
    for index, bar in enumerate(bars):
        y = 4 + index * ROW
        length = round(BAR_AREA * bar.value / top) if bar.value else 0
        rows.append(Markup(
            '<g class="gceg-chart__row">'
            '<text class="gceg-chart__label" x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
            '<rect class="gceg-chart__bar" x="{bx}" y="{by}" width="{w}" height="{h}" rx="2">'
            "</rect>"
            '<text class="gceg-chart__value" x="{vx}" y="{ty}">{value}</text></g>'
        ).format(lx=WIDTH - BAR_AREA - 60 - 8, ty=y + ROW / 2 + 4, label=escape_text(bar.label),
                 bx=WIDTH - BAR_AREA - 60, by=y + 4, w=max(length, 1), h=ROW - 10,
                 vx=WIDTH - BAR_AREA - 60 + length + 6, value=bar.value))  # fmt: skip
    table_rows = Markup("").join(
        Markup('<tr><th scope="row">{}</th><td>{}</td></tr>').format(escape_text(b.label), b.value)
        for b in bars
    )
    return Markup(
        '<figure class="gceg-chart" id="{id}" data-search-exclude>'
        '<svg role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{rows}</svg>'
        "<figcaption>{title}</figcaption>"
        '<details class="gceg-chart__data"><summary>{summary}</summary>'
        '<table class="gceg-table"><thead><tr><th scope="col">{label}</th>'
        '<th scope="col">{unit}</th></tr></thead><tbody>{table}</tbody></table></details></figure>'
    ).format(id=escape_attribute(chart_id), w=WIDTH, h=height, title=escape_text(title),
             desc=escape_text(describe(bars, unit)), rows=Markup("").join(rows),
             summary=escape_text(summary), label=escape_text(category), unit=escape_text(unit),
             table=table_rows)  # fmt: skip


def describe(bars: list[Bar], unit: str) -> str:
    """A sentence giving every value, for the chart's text alternative."""
    return "; ".join(f"{bar.label}: {bar.value} {unit}" for bar in bars) + "."
