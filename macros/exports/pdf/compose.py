"""Lay a built page out for print: its article, cleaned, with ids made unique,
links made absolute, and its headings collected for the table of contents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from ...address import is_published

# Parts of a web page that have no place on paper.
SCREEN_ONLY = [
    ".headerlink",
    ".gceg-marking",
    ".gceg-doc__eyebrow",
    ".gceg-doc__title",
    ".md-content__button",
    ".md-source-file",
    ".gceg-doc__facts .gceg-fact:last-child",
    "script",
    "nav.md-path",
    ".gceg-pdf",
    ".gceg-cite-this__links",
]


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    text: str


def page_file(site_dir: Path, page_url: str) -> Path:
    """The built file of a page, for directory URLs ('a/b/') and file URLs ('a/b.html')."""
    return (
        site_dir / page_url / "index.html"
        if page_url.endswith("/") or not page_url
        else site_dir / page_url
    )


def article(site_dir: Path, page_url: str, site_url: str, prefix: str) -> tuple[str, list[Heading]]:
    """The page's article as print HTML, and its h2/h3 headings."""
    path = page_file(site_dir, page_url)
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    body = soup.select_one("article.md-content__inner")
    if body is None:
        raise ValueError(f"{path}: no article to print")
    for selector in SCREEN_ONLY:
        for element in body.select(selector):
            element.decompose()
    page_address = urljoin(site_url, page_url)
    for element in body.find_all(id=True):
        element["id"] = prefix + element["id"]
    for element in body.find_all("a", href=True):
        href = element["href"]
        if href.startswith("#"):
            element["href"] = "#" + prefix + href[1:]
        elif not urlsplit(href).scheme:  # a page of the site: its web address, if it has one
            if is_published(site_url):
                element["href"] = urljoin(page_address, href)
            else:  # a local build has none to point to: the text stays, the link goes
                element.unwrap()
    for element in body.find_all(["img", "source"], src=True):
        if not urlsplit(element["src"]).scheme:
            element["src"] = (path.parent / element["src"]).resolve().as_uri()
    headings = [
        Heading(int(h.name[1]), h["id"], " ".join(_text_without_citations(h).split()))
        for h in body.find_all(["h2", "h3"])
        if h.get("id")
    ]
    return body.decode_contents(), headings


def _text_without_citations(element) -> str:
    copy = BeautifulSoup(str(element), "lxml")
    for sup in copy.select("sup.gceg-cite"):
        sup.decompose()
    return copy.get_text(" ")
