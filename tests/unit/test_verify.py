"""Each rule of the built-site verifier (macros/verify), on crafted pages: several
variants per class, each as a browser would read it, and the clean page that passes."""

from __future__ import annotations

import html

import pytest

from macros.verify import csp
from macros.verify.page import PageContext, check_page
from macros.verify.trace import Tracer
from macros.verify.urls import Site, css_urls, srcset_urls

SITE = Site("https://gceg.test/")
FILES = {
    "index.html",
    "meetings/index.html",
    "about/index.html",
    "assets/images/emblem.svg",
    "assets/javascripts/bundle.js",
    "assets/javascripts/altered.js",
    "assets/style.css",
}
DIGESTS = {"assets/javascripts/bundle.js": "theme", "assets/javascripts/altered.js": "changed"}
POLICY = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp.POLICY)}">'
CONFIG = '<script id="__config" type="application/json">{"base": "..", "features": []}</script>'


def page(
    content: str = "",
    head: str = "",
    title: str = "Meetings - GCEG",
    config: str = CONFIG,
    policy: str = POLICY,
    theme: str = "",
) -> str:
    """A page shaped as the theme writes it: policy, head, theme chrome, the article."""
    return f"""<!doctype html><html lang="en"><head>{policy}<meta charset="utf-8">
<meta name="description" content="Every meeting.">
<link rel="stylesheet" href="../assets/style.css"><link rel="icon" href="../assets/images/emblem.svg">
<title>{title}</title>{head}</head><body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">
<form class="md-search__form" name="search"><input name="query" data-md-component="search-query"></form>
{theme}
<div class="md-content" data-md-component="content"><article class="md-content__inner md-typeset">
<h1 id="meetings">Meetings</h1>
{content}
</article></div>
{config}<script src="../assets/javascripts/bundle.js"></script></body></html>"""


def fields(text: str) -> set[str]:
    return {field for field, _ in findings(text)}


def findings(text: str) -> list[tuple[str, str]]:
    context = PageContext(
        SITE, "meetings/index.html", FILES.__contains__, DIGESTS.get, frozenset({"theme"})
    )
    return [(f.field, f.message) for f in check_page(text, context)]


def test_a_clean_page_passes():
    content = """<p><a href="../about/">About</a> <a href="#meetings">here</a>
    <a href="https://www.interpol.int/x">INTERPOL</a> <a href="mailto:a@example.org">mail</a>
    <a href="/about/">root</a> <a href="https://gceg.test/about/">absolute</a></p>
    <img src="../assets/images/emblem.svg" srcset="../assets/images/emblem.svg 1x" alt="">
    <table><tr><td style="text-align: left;">a</td></tr></table>
    <svg viewBox="0 0 1 1"><title>a chart</title><rect x="0" y="0" width="1" height="1"/></svg>
    <abbr title="Global Cybercrime Expert Group">GCEG</abbr>"""
    assert findings(page(content)) == []


def test_the_fixture_site_file_lookups_are_real():
    """A control for the rules below: the same page with a missing image fails."""
    assert findings(page('<img src="../assets/images/missing.svg" alt="">'))


FOREIGN_LOADS = {
    "protocol-relative": '<img src="//evil.example/x.png">',
    "backslashes": '<img src="\\\\evil.example\\x.png">',
    "slash-backslash": '<img src="/\\evil.example/x.png">',
    "leading whitespace": '<img src=" \t//evil.example/x.png">',
    "leading control character": '<img src="\x01//evil.example/x.png">',
    "newline in scheme": '<img src="ht\ntps://evil.example/x.png">',
    "entity-encoded slashes": '<img src="&#47;&#47;evil.example/x.png">',
    "scheme with backslashes": '<img src="http:\\\\evil.example/x.png">',
    "absolute": '<img src="https://evil.example/x.png">',
    "later srcset candidate": '<img src="../assets/images/emblem.svg" srcset="../assets/images/emblem.svg 1x, //evil.example/b.png 2x">',
    "srcset without space": '<picture><source srcset="../assets/images/emblem.svg 1x,//evil.example/b.png 2x"></picture>',
    "video poster": '<video poster="//evil.example/p.png"></video>',
    "svg image href": '<svg><image href="//evil.example/x.svg"/></svg>',
    "svg image xlink:href": '<svg><image xlink:href="https://evil.example/x.svg"/></svg>',
    "svg use to another file": '<svg><use href="//evil.example/s.svg#i"/></svg>',
    "css url in style attribute": '<p style="background:url(//evil.example/x.png)">a</p>',
    "css escaped url": '<p style="background:u\\72l(//evil.example/x.png)">a</p>',
    "link stylesheet": '<link rel="stylesheet" href="//evil.example/s.css">',
    "audio source": '<audio><source src="//evil.example/a.mp3"></audio>',
    "missing local image": '<img src="../assets/images/missing.png">',
}


@pytest.mark.parametrize("markup", FOREIGN_LOADS.values(), ids=FOREIGN_LOADS.keys())
def test_a_page_loads_nothing_from_another_site(markup):
    messages = [message for _, message in findings(page(markup))]
    assert any(
        "another site" in m or "does not have" in m or "only point into" in m for m in messages
    ), messages


SCRIPT_URLS = {
    "javascript": '<a href="javascript:alert(1)">x</a>',
    "mixed case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "tab inside": '<a href="java&#x09;script:alert(1)">x</a>',
    "newline inside": '<a href="java\nscript:alert(1)">x</a>',
    "entity-encoded": '<a href="&#106;avascript:alert(1)">x</a>',
    "leading space": '<a href=" javascript:alert(1)">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "data image": '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    "svg xlink": '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "area": '<map><area href="javascript:alert(1)"></map>',
    "other scheme": '<a href="file:///etc/passwd">x</a>',
}


@pytest.mark.parametrize("markup", SCRIPT_URLS.values(), ids=SCRIPT_URLS.keys())
def test_no_script_or_data_urls(markup):
    messages = [message for _, message in findings(page(markup))]
    assert any(
        "not javascript:" in m
        or "not vbscript:" in m
        or "not data:" in m
        or "not file:" in m
        or "scheme" in m
        for m in messages
    ), messages


HANDLERS = {
    "onerror": '<img src="../assets/images/emblem.svg" onerror="alert(1)">',
    "upper case": '<p ONCLICK="alert(1)">x</p>',
    "svg onload": '<svg onload="alert(1)"></svg>',
    "slash separator": '<p/onmouseover="alert(1)">x</p>',
}


@pytest.mark.parametrize("markup", HANDLERS.values(), ids=HANDLERS.keys())
def test_no_inline_event_handlers(markup):
    assert any(field.split(".")[-1].startswith("on") for field in fields(page(markup)))


def test_no_inline_event_handlers_in_the_themes_part_either():
    assert fields(page(theme='<div onclick="alert(1)"></div>')) == {"div.onclick"}


SCRIPTS = {
    "inline in content": page("<script>alert(1)</script>"),
    "inline in head": page(head="<script>alert(1)</script>"),
    "svg script": page("<svg><script>alert(1)</script></svg>"),
    "from another site": page(head='<script src="https://evil.example/x.js"></script>'),
    "protocol-relative": page(head='<script src="//evil.example/x.js"></script>'),
    "altered theme script": page(head='<script src="../assets/javascripts/altered.js"></script>'),
    "missing file": page(head='<script src="../assets/javascripts/nope.js"></script>'),
    "theme file in content": page('<script src="../assets/javascripts/bundle.js"></script>'),
    "json block not the theme's": page('<script type="application/json">{}</script>'),
    "config not json": page(
        config='<script id="__config" type="text/javascript">alert(1)</script>'
    ),
    "module": page(head='<script type="module">import "//evil.example/m.js"</script>'),
}


@pytest.mark.parametrize("text", SCRIPTS.values(), ids=SCRIPTS.keys())
def test_only_the_themes_own_scripts(text):
    assert any(field.startswith("script") for field, _ in findings(text))


THEME_NAMES = {
    "config id": '<p id="__config">x</p>',
    "config script in content": '<script id="__config" type="application/json">{"base": "https://evil.example/"}</script>',
    "search id": '<div id="__search"></div>',
    "drawer name": '<a name="__drawer">x</a>',
    "palette id": '<span id="__palette_0"></span>',
    "toc id": '<h2 id="__toc">x</h2>',
    "skip id": '<span id="__skip"></span>',
    "form name": '<img name="search" src="../assets/images/emblem.svg">',
    "consent name": '<img name="consent" src="../assets/images/emblem.svg">',
}


@pytest.mark.parametrize("markup", THEME_NAMES.values(), ids=THEME_NAMES.keys())
def test_no_ids_or_names_the_theme_reads(markup):
    assert fields(page(markup)) & {
        "id",
        "p.id",
        "div.id",
        "a.name",
        "span.id",
        "h2.id",
        "img.name",
        "script.id",
    }


def test_a_theme_id_outside_the_article_may_not_appear_twice():
    """Markup that escapes the article still cannot shadow the theme's elements."""
    assert fields(page(theme='<div id="__config"></div>')) == {"id"}


DATA_MD = {
    "component": '<div data-md-component="announce">x</div>',
    "color scheme": '<div data-md-color-scheme="slate">x</div>',
    "toggle": '<input data-md-toggle="search">',
    "state": '<nav data-md-state="lock"></nav>',
}


@pytest.mark.parametrize("markup", DATA_MD.values(), ids=DATA_MD.keys())
def test_no_theme_attributes_in_content(markup):
    assert any(".data-md-" in field for field in fields(page(markup)))


PLAIN_TEXT = {
    "title closed early": page(title="&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
    "markup in title": page(title="<b>x</b> - GCEG"),
    "meta description": page(
        head='<meta name="author" content="&lt;img src=x onerror=alert(1)&gt;">'
    ),
    "tooltip title when tooltips are on": page(
        '<abbr title="&lt;img src=x onerror=alert(1)&gt;">X</abbr>',
        config='<script id="__config" type="application/json">{"features": ["content.tooltips"]}</script>',
    ),
}


@pytest.mark.parametrize("text", PLAIN_TEXT.values(), ids=PLAIN_TEXT.keys())
def test_titles_and_meta_are_plain_text(text):
    assert any("must be plain text" in message for _, message in findings(text))


def test_title_attributes_are_text_when_the_browser_shows_them_natively():
    assert findings(page('<abbr title="&lt;b&gt;x&lt;/b&gt;">X</abbr>')) == []


DANGLING = {
    "relative": '<a href="../strategy/members-only-paper/">x</a>',
    "root-relative": '<a href="/strategy/members-only-paper/">x</a>',
    "absolute to this site": '<a href="https://gceg.test/strategy/members-only-paper/">x</a>',
    "backslashes": '<a href="..\\strategy\\members-only-paper/">x</a>',
    "percent-encoded": '<a href="../strategy/members%2Donly-paper/">x</a>',
    "file": '<a href="../pdf/members-only.pdf">x</a>',
    "meta refresh": '<meta http-equiv="refresh" content="0; url=../strategy/members-only-paper/">',
}


@pytest.mark.parametrize("markup", DANGLING.values(), ids=DANGLING.keys())
def test_links_to_this_site_reach_a_file_it_has(markup):
    assert any("does not have" in message for _, message in findings(page(markup)))


FORBIDDEN = {
    "iframe": '<iframe src="../about/"></iframe>',
    "object": '<object data="../assets/images/emblem.svg"></object>',
    "embed": '<embed src="../assets/images/emblem.svg">',
    "base": '<base href="https://evil.example/">',
    "svg animate": '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
    "svg set": '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>',
    "template": "<template><img src=x></template>",
    "style element": "<style>body{background:url(//evil.example/x)}</style>",
    "form in content": '<form><button formaction="https://evil.example/">x</button></form>',
    "meta refresh away": '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
    "meta set-cookie": '<meta http-equiv="set-cookie" content="a=b">',
    "ping": '<a href="../about/" ping="https://evil.example/">x</a>',
    "unlisted style": '<p style="position:fixed;top:0">x</p>',
}


@pytest.mark.parametrize("markup", FORBIDDEN.values(), ids=FORBIDDEN.keys())
def test_active_or_unneeded_elements_are_refused(markup):
    assert findings(page(markup))


POLICIES = {
    "missing": page(policy=""),
    "altered": page(policy='<meta http-equiv="Content-Security-Policy" content="script-src *">'),
    "not first": page(policy='<meta name="x" content="y">' + POLICY),
}


@pytest.mark.parametrize("text", POLICIES.values(), ids=POLICIES.keys())
def test_every_page_starts_with_the_sites_policy(text):
    assert [field for field, _ in findings(text)] == ["csp"]


SVG_DOCUMENTS = {
    "script": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "handler": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
    "link": '<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>',
    "foreign object": '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><iframe src="//evil.example/"></iframe></foreignObject></svg>',
}


@pytest.mark.parametrize("svg", SVG_DOCUMENTS.values(), ids=SVG_DOCUMENTS.keys())
def test_svg_files_carry_no_active_content(svg):
    context = PageContext(SITE, "assets/images/x.svg", FILES.__contains__, DIGESTS.get, frozenset())
    assert check_page(svg, context)


def test_a_plain_svg_file_passes():
    svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0 0h1v1z"/></svg>'
    context = PageContext(SITE, "assets/images/x.svg", FILES.__contains__, DIGESTS.get, frozenset())
    assert check_page(svg, context) == []


def test_the_policy_allows_only_this_site():
    directives = dict(item.split(" ", 1) for item in csp.POLICY.split("; "))
    # scripts of this site only; WebAssembly (Pagefind's search) may be compiled, no eval of text
    assert directives["script-src"] == "'self' 'wasm-unsafe-eval'"
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'none'" and directives["default-src"] == "'none'"
    for name in ("connect-src", "font-src", "worker-src", "frame-src"):
        assert directives[name] == "'self'"
    assert "*" not in csp.POLICY and "http" not in csp.POLICY and "unsafe-inline" not in csp.POLICY
    assert "'unsafe-eval'" not in csp.POLICY


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a.png 1x, b.png 2x", ["a.png", "b.png"]),
        ("a.png 1x,//evil/b.png 2x", ["a.png", "//evil/b.png"]),
        ("a.png,b.png", ["a.png,b.png"]),  # a comma inside a URL does not split it
        ("  a.png,\n b.png 100w", ["a.png", "b.png"]),
        ("a.png (x, y), b.png", ["a.png", "b.png"]),
    ],
)
def test_srcset_is_split_as_the_html_standard_says(value, expected):
    assert srcset_urls(value) == expected


def test_css_urls_are_read_after_escapes_and_comments():
    css = "a: u\\72l(//x/1); b: /* url(//x/2) */ url('//x/3'); @import \"//x/4\";"
    assert css_urls(css) == ["//x/1", "//x/3", "//x/4"]


def test_problems_are_traced_to_the_page_source(tmp_path):
    (tmp_path / "docs" / "meetings").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "meetings" / "x.md").write_text(
        '# X\n\nText\n<img src="//evil.example/a.png">\n'
    )
    (tmp_path / "data" / "glossary.yaml").write_text("- term: A\n  expansion: '<b>bad</b>'\n")
    tracer = Tracer(tmp_path, tmp_path / "site", "site")
    assert tracer.locate("meetings/x/index.html", "//evil.example/a.png", "") == (
        "docs/meetings/x.md",
        4,
    )
    assert tracer.locate("meetings/x.html", "//evil.example/a.png", "") == ("docs/meetings/x.md", 4)
    assert tracer.locate("glossary/index.html", "<b>bad</b>", "") == ("data/glossary.yaml", 2)
    assert tracer.locate("d/X/index.html", "nowhere", "a\nnowhere") == ("site/d/X/index.html", 2)
    assert tracer.locate("meetings/x/index.html", "theme", "a\ntheme") == (
        "site/meetings/x/index.html",
        2,
    )


def test_a_site_without_an_address_is_checked_all_the_same(tmp_path):
    from macros.verify import verify_site

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.html").write_text(page('<a href="missing/">x</a>'))
    problems = verify_site(tmp_path, tmp_path / "out", "/")
    assert any("does not have: 'missing/'" in p.message for p in problems), problems
    assert not any("not a valid URL" in p.message for p in problems), problems


SEARCH_ATTRIBUTES = {
    "a filter": (
        '<span data-pagefind-filter="classification:TLP:CLEAR"></span>',
        "span.data-pagefind-filter",
    ),
    "a weight": ('<p data-pagefind-weight="10">x</p>', "p.data-pagefind-weight"),
    "a second body": ("<div data-pagefind-body>x</div>", "div.data-pagefind-body"),
    "a meta": ('<span data-pagefind-meta="title:Other"></span>', "span.data-pagefind-meta"),
    "an ignore": ('<div data-pagefind-ignore="all">x</div>', "div.data-pagefind-ignore"),
}


@pytest.mark.parametrize(
    ("markup", "field"), SEARCH_ATTRIBUTES.values(), ids=SEARCH_ATTRIBUTES.keys()
)
def test_what_search_indexes_is_the_templates_not_the_contents(markup, field):
    assert field in fields(page(markup))
    assert fields(page(theme=markup)) == set()  # the template writes them outside the article
