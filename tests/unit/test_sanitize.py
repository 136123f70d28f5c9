"""The last check on page HTML: what the source checks miss, the allowlist stops."""

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import PluginError

from macros.render.allowlist import check, clean
from tests.helpers import active_content

# Each gets past a pattern check on the Markdown source in one way or another.
PAYLOADS = [
    'A paragraph.\n{: onmouseover="alert(1)" }',
    "[x][r]\n\n[r]: javascript:alert(1)",
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="java&Tab;script:alert(1)">x</a>',
    '<div title="x"/onmouseover=alert(1)>hi</div>',
    "![t][i]\n\n[i]: https://evil.example/t.png",
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<p style="background:url(https://evil.example/x)">x</p>',
    "<form action=https://evil.example><button>go</button></form>",
]


def convert(text: str) -> str:
    return markdown.markdown(
        text, extensions=["attr_list", "md_in_html", "macros.render.allowlist"]
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_active_content_fails_the_page_or_is_removed(payload):
    try:
        html = convert(payload)
    except PluginError as error:
        assert "would carry active content" in str(error)
        return
    soup = BeautifulSoup(html, "lxml")
    assert active_content(soup, "alert") == []
    assert "evil.example" not in html or "<a" in html  # a link to a host is fine; loading is not


def test_the_site_markup_survives():
    html = (
        '<figure class="gceg-chart" id="c"><svg role="img" aria-labelledby="c-t" viewBox="0 0 10 10">'
        '<title id="c-t">T</title><rect class="b" x="1" y="1" width="5" height="5" rx="2"></rect>'
        '<text x="1" y="9" text-anchor="end">1</text></svg></figure>'
        '<p><abbr title="INTERPOL Global Complex for Innovation">IGCI</abbr>'
        '<sup class="gceg-cite"><a href="#cite-1" aria-label="Source 1">[1]</a></sup>'
        '<time datetime="2015-11-30">30 November</time> <a href="../pdf/x.pdf" download="">PDF</a></p>'
        '<table><tbody><tr><th scope="col" style="text-align: left;">A</th></tr></tbody></table>'
    )
    assert clean(html) == html


# What the page check must find, however it is written (values as a browser decodes them).
ACTIVE = [
    ("<script>alert(1)</script>", "script"),
    ("<SCRIPT SRC=x.js></SCRIPT>", "script"),
    ('<p><iframe src="x"></iframe></p>', "iframe"),
    ('<p onclick="x()">a</p>', "onclick"),
    ('<p/onmouseover="x()">a</p>', "onmouseover"),
    ("<img src=x.png onerror=alert(1)>", "onerror"),
    ('<a href="javascript:alert(1)">x</a>', "javascript"),
    ('<a href=" &#106;avascript:alert(1)">x</a>', "javascript"),
    ('<a href="java&#x09;script:alert(1)">x</a>', "javascript"),
    ('<a href="&#1;javascript:alert(1)">x</a>', "javascript"),
    ('<a href="VBScript:x">x</a>', "vbscript"),
    ('<img src="data:image/svg+xml,<svg onload=alert(1)>">', "data"),
    ('<img src="https://evil.example/x.png">', "media from another host"),
    ('<img src="//evil.example/x.png">', "media from another host"),
    ('<img src="\\\\evil.example\\x.png">', "media from another host"),
    ('<img src="/\\evil.example/x.png">', "media from another host"),
    (
        '<img src="x.png" srcset="a.png 1x, https://evil.example/b.png 2x">',
        "media from another host",
    ),
    ('<p style="color:red">x</p>', "style"),
    ('<td style="text-align: left; background: url(https://evil.example)">x</td>', "style"),
]


@pytest.mark.parametrize(("html", "found"), ACTIVE)
def test_the_page_check_finds_active_content_however_it_is_written(html, found):
    with pytest.raises(ValueError, match=rf"active content \({found}\)"):
        check(html)


# Text that looks like markup but is text: data shown on a page is escaped, so a record's
# field can never be blamed on the page that displays it.
INERT = [
    "<p>see x onclick=alert(1) and javascript:alert(2)</p>",
    "<p><abbr title=\"' onmouseover='alert(1)' data-x='\">XSS</abbr></p>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    '<p><span title="x onmouseover=alert(1)">x</span></p>',
    '<p><a href="https://example.org/?q=javascript:x">a link to another site</a></p>',
    '<p><img src="../assets/images/emblem.svg" alt="style=x onerror=y"></p>',
    '<table><tr><td style="text-align: center;">1</td></tr></table>',
]


@pytest.mark.parametrize("html", INERT)
def test_text_that_looks_like_markup_is_not_blamed_on_the_page(html):
    check(html)
