"""Charts readable on a phone, and graphics that stand out from the page in both palettes."""

from __future__ import annotations

import pytest

DEVICES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

# Every element of every chart with text of its own, at the size it is drawn: its computed
# font size, times the scale of any SVG it sits in (SVG text shrinks with its viewBox, which
# getComputedStyle does not show). The data table is opened so its text counts too.
CHART_TEXT_SIZES = """() => {
  const found = [];
  for (const chart of document.querySelectorAll("figure.gceg-chart")) {
    for (const details of chart.querySelectorAll("details")) details.open = true;
    for (const element of chart.querySelectorAll("*")) {
      const own = [...element.childNodes].some(
        (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
      if (!own || element.getClientRects().length === 0) continue;
      let size = parseFloat(getComputedStyle(element).fontSize);
      if (element instanceof SVGGraphicsElement) {
        const m = element.getScreenCTM();
        size *= Math.sqrt(Math.abs(m.a * m.d - m.b * m.c));
      }
      found.push([chart.id, element.textContent.trim().slice(0, 30), size]);
    }
  }
  return found;
}"""


def pages_with_charts(site) -> list[str]:
    """Every page of the built site that draws a chart, as its address."""
    found = []
    for path in sorted(site.rglob("*.html")):
        if 'class="gceg-chart"' in path.read_text(encoding="utf-8"):
            address = path.relative_to(site).as_posix()
            found.append(address.removesuffix("index.html"))
    return found


@pytest.mark.parametrize("device", list(DEVICES))
def test_chart_text_is_at_least_12_px(new_page, site_url, public_site, device):
    pages = pages_with_charts(public_site)
    assert pages, "no page of the site has a chart: this test would check nothing"
    page, _ = new_page(viewport=DEVICES[device])
    for address in pages:
        page.goto(site_url + address)
        sizes = page.evaluate(CHART_TEXT_SIZES)
        assert len(sizes) >= 6, (address, sizes)  # labels and values of at least three bars
        small = [(chart, text, round(size, 1)) for chart, text, size in sizes if size < 12]
        assert small == [], address
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= DEVICES[device]["width"], address


# The colour of each timeline dot and of what is behind it; WCAG 1.4.11 asks 3:1 of a
# graphical object that carries meaning (each dot marks an event on the line).
DOT_COLOURS = """() => {
  const behind = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const colour = getComputedStyle(e).backgroundColor;
      if (!/rgba\\(.*,\\s*0\\)$/.test(colour) && colour !== "transparent") return colour;
    }
    return "rgb(255, 255, 255)";
  };
  return [...document.querySelectorAll(".gceg-timeline__item")].map(
    (item) => [getComputedStyle(item, "::before").backgroundColor, behind(item)]);
}"""


def luminance(colour: str) -> float:
    parts = colour[colour.index("(") + 1 : colour.index(")")].split(",")
    channels = [float(part) / 255 for part in parts[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula():
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)"), 2) == 4.54


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_timeline_dots_stand_out_from_the_page(new_page, site_url, scheme):
    page, _ = new_page(viewport=DEVICES["phone"], color_scheme=scheme)
    page.goto(site_url + "about/")
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    dots = page.evaluate(DOT_COLOURS)
    assert len(dots) >= 3
    for dot, background in dots:
        assert not dot.startswith("rgba") or dot.endswith(", 1)"), dot  # an opaque dot
        assert contrast(dot, background) >= 3, (dot, background)
