"""The Arabic site mirrors the English layout, measured in a real browser: which side of its
reference each part sits on (navigation, table of contents, TLP markings, a table's first
column, a chart's bar, the timeline's markers, the document header's rule), in both palettes,
and no element of an Arabic page reaching past a phone's screen. On the session's public site
(tests/browser/conftest.py: site_url), which has every language."""

from __future__ import annotations

import pytest

from tests.browser.test_reading import PAGE_TYPES

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SCHEMES = {"light": "default", "dark": "slate"}  # the emulated preference, Material's palette

# Each part's side of its reference box on the English site; the Arabic site has the other.
ENGLISH_SIDES = {
    "navigation": "left",  # of the content
    "table of contents": "right",  # of the content
    "top marking": "right",  # of the article
    "bottom marking": "right",
    "first column": "left",  # of its table
    "chart bar": "left",  # of its track: a bar grows from its label, at the line's start
    "timeline marker": "left",  # of its entry
    "document rule": "left",  # the document header's coloured edge
    "language name": "left",  # of its line in the language menu
    "diff rule": "left",  # the edition diff's edge
}
# The English text an edition diff compares reads from the left on every site.
UNMIRRORED = {"compared English text": "left"}
MIRROR = {"left": "right", "right": "left"}

# Which side of a reference box an element's centre is on.
SIDES = """() => {
  const centre = (box) => box.left + box.width / 2;
  const side = (element, reference) => {
    const box = element.getBoundingClientRect();
    if (!box.width) return undefined;  // not shown on this page: measured on another
    return centre(box) < centre(reference.getBoundingClientRect()) ? "left" : "right";
  };
  // a line of text: which edge of its box's content it is nearer to
  const aligned = (element) => {
    const text = document.createRange();
    text.selectNodeContents(element);
    const [inner, outer] = [text.getBoundingClientRect(), element.getBoundingClientRect()];
    const style = getComputedStyle(element);
    const left = inner.left - outer.left - parseFloat(style.paddingLeft);
    const right = outer.right - inner.right - parseFloat(style.paddingRight);
    return left < right ? "left" : "right";
  };
  const q = (selector) => document.querySelector(selector);
  const shown = (selector) =>
    [...document.querySelectorAll(selector)].find((e) => e.getBoundingClientRect().width);
  const found = {};
  const link = shown(".md-sidebar--primary .md-nav__link");
  if (link) found["navigation"] = side(link, q(".md-content"));
  const entry = shown(".md-sidebar--secondary .md-nav__link");
  if (entry) found["table of contents"] = side(entry, q(".md-content"));
  if (q(".gceg-marking--top")) {
    found["top marking"] = side(q(".gceg-marking--top"), q(".md-content__inner"));
    found["bottom marking"] = side(q(".gceg-marking--bottom"), q(".md-content__inner"));
  }
  const table = q("article table.gceg-table");
  if (table) found["first column"] = side(table.querySelector("th"), table);
  const bar = q(".gceg-chart__bar");
  if (bar) {
    // every bar of the corpus is as long as the longest: half a bar shows where it starts
    bar.setAttribute("width", "50");
    found["chart bar"] = side(bar, bar.closest(".gceg-chart__track"));
  }
  const event = q(".gceg-timeline__item");
  if (event) {
    // the marker is drawn by ::before: its box from its used position
    const box = event.getBoundingClientRect();
    const marker = getComputedStyle(event, "::before");
    const left = box.left + parseFloat(marker.left) + parseFloat(marker.width) / 2;
    found["timeline marker"] = left < box.left + box.width / 2 ? "left" : "right";
  }
  const language = q(".md-select__link");  // the first name of the language menu
  if (language) found["language name"] = aligned(language);
  const rule = (element) => {
    const style = getComputedStyle(element);
    return parseFloat(style.borderLeftWidth) > parseFloat(style.borderRightWidth) ? "left" : "right";
  };
  if (q(".gceg-doc")) found["document rule"] = rule(q(".gceg-doc"));
  const diff = q(".gceg-diff");
  if (diff) {
    found["diff rule"] = rule(diff);
    // the first paragraph of the compared (English) text
    found["compared English text"] = aligned(diff.querySelector("p:not(.gceg-diff__intro)"));
  }
  return Object.fromEntries(Object.entries(found).filter(([, side]) => side));
}"""

# The pages that carry the parts above between them.
MEASURED = ("meetings", "about", "meeting", "paper-edition")


def _sides(new_page, site_url: str, language: str, scheme: str) -> dict[str, str]:
    page, recorder = new_page(color_scheme=scheme, **DESKTOP)
    found: dict[str, str] = {}
    for name in MEASURED:
        page.goto(site_url + language + PAGE_TYPES[name])
        page.wait_for_load_state("networkidle")
        palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert palette == SCHEMES[scheme]
        found.update(page.evaluate(SIDES))
    assert recorder.errors == []
    return found


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_the_arabic_layout_mirrors_the_english_one(new_page, site_url, scheme):
    assert _sides(new_page, site_url, "", scheme) == ENGLISH_SIDES | UNMIRRORED
    arabic = {part: MIRROR[side] for part, side in ENGLISH_SIDES.items()} | UNMIRRORED
    assert _sides(new_page, site_url, "ar/", scheme) == arabic


# Every element of the article inside the screen, unless a box that scrolls or clips holds it
# (a wide table scrolls in its own wrapper; a visually hidden label is clipped to nothing).
OUTSIDE = """() => {
  const width = document.documentElement.clientWidth;
  const held = (element) => {
    for (let box = element.parentElement; box && box.tagName !== "ARTICLE"; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX !== "visible" || style.clipPath !== "none" || style.clip !== "auto")
        return true;
    }
    return false;
  };
  const outside = [];
  for (const element of document.querySelectorAll("article *")) {
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height || held(element)) continue;
    if (box.left < -1 || box.right > width + 1)
      outside.push(`${element.tagName.toLowerCase()}.${element.className}: ` +
                   `${Math.round(box.left)}..${Math.round(box.right)}`);
  }
  return outside;
}"""


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("name", ["meetings", "meeting", "about", "paper-edition", "glossary"])
def test_no_arabic_element_reaches_past_a_phone_screen(new_page, site_url, name, scheme):
    page, recorder = new_page(color_scheme=scheme, **PHONE)
    page.goto(site_url + "ar/" + PAGE_TYPES[name])
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert page.evaluate(OUTSIDE) == []
    assert recorder.errors == []
