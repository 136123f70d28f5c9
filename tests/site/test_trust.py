"""Untrusted content cannot subvert the build: data is inert, templates are sandboxed,
snippets stay in includes/, builds are reproducible and every internal link resolves."""

from __future__ import annotations

import filecmp
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from macros.load.contents import free_text_paths
from macros.model import models
from macros.model.kinds import KINDS
from macros.render.sandbox import ContentError, ContentRenderer
from tests.conftest import (
    ALL_LANGUAGES,
    ROOT,
    build,
    copy_project,
    corpus_root,
    gceg,
    html,
    text_of,
)
from tests.helpers import active_content, remote_resources, search_records

# ---------------------------------------------------------------- data is inert

PAYLOADS = [
    '<script>alert("gceg-xss-1")</script>',
    '<img src=x onerror=alert("gceg-xss-2")>',
    "[gceg-xss-3](javascript:alert(3))",
    '" onmouseover="alert(\'gceg-xss-4\')" data-x="',
    "{: onclick=\"alert('gceg-xss-5')\" }",
    "<a href=\"javascript:alert('gceg-xss-6')\">gceg-xss-6</a>",
    "*[gceg-xss-7]: <b onclick=alert(7)>x</b>",
    '--8<-- "/etc/passwd"',
    '{{ cycler.__init__.__globals__.os.system("touch /tmp/gceg-xss-9") }}',
    '<svg/onload=alert("gceg-xss-10")>',
    "![gceg-xss-11](https://evil.example/x.png)",
    '<iframe src="https://evil.example/gceg-xss-12"></iframe>',
]


# Titles refuse markup characters outright (see fields.Title); these are what
# can still be written in one, aimed at attributes and at Markdown.
TITLE_PAYLOADS = [
    "' onmouseover='alert(1)' data-gceg-xss-t1='",
    "javascript:alert('gceg-xss-t2')",
    "{{ cycler }} gceg-xss-t3",
    "[gceg-xss-t4](javascript:alert(4))",
    "{: onclick=alert(5) } gceg-xss-t5",
    "*[gceg-xss-t6]: expansion",
]


class Payloads:
    """Hands out the attack strings in turn, so every field gets one."""

    def __init__(self):
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return PAYLOADS[self.count % len(PAYLOADS)]

    def title(self) -> str:
        self.count += 1
        return TITLE_PAYLOADS[self.count % len(TITLE_PAYLOADS)]

    def cite(self) -> dict:
        return {"source": "xss-source", "quote": self(), "locator": self(), "note": self()}


def attack_records(p: Payloads) -> dict[str, dict]:
    """A record of every kind with an attack string in every free-text field."""
    source = {
        "title": p.title(),
        "kind": "report",
        "publisher": p(),
        "url": "https://example.org/x",
        "text": "\n\n".join(PAYLOADS),
        "note": p(),
        "sources": [],
    }
    source["sources"] = [p.cite()]
    organisation = {
        "id": "xss-org",
        "name": p(),
        "short_name": p(),
        "kind": "unit",
        "location": p(),
        "location_cite": p.cite(),
        "parent": "interpol",
        "parent_cite": p.cite(),
        "cite": p.cite(),
        "official_names": [{"language": "fr", "name": p(), "cite": p.cite()}],
        "editor_notes": {"location": p()},
    }
    person = {
        "name": p.title(),
        "sort_name": p(),
        "sources": [p.cite()],
        "editor_notes": {"name": p()},
        "roles": [{"title": p(), "organisation": "xss-org", "cite": p.cite()}],
    }
    programme = {
        "title": p.title(),
        "topic": "research",
        "summary": p(),
        "sources": [p.cite()],
    }
    meeting = {
        "doc_id": "GCEG-MTG-0777",
        "title": p.title(),
        "start": "2016-05-01",
        "end": "2016-05-02",
        "dates_cite": p.cite(),
        "editor_notes": {"topics": p()},
        "venue": {
            "organisation": "xss-org",
            "name": p(),
            "city": p(),
            "country": p(),
            "cite": p.cite(),
            "editor_notes": {"city": p()},
        },
        "attendance": {
            "participants": {"value": 5},
            "description": p(),
            "cite": p.cite(),
            "editor_notes": {"description": p()},
        },
        "purpose": {"text": p(), "cite": p.cite()},
        "context": {"text": p(), "cite": p.cite()},
        "topics": ["research"],
        "programmes": ["xss-programme"],
        "topics_cite": p.cite(),
        "statements": [
            {"speaker": "xss-person", "role": p(), "paragraphs": [p(), p()], "cite": p.cite()}
        ],
        "outcomes": [{"text": p(), "cite": p.cite()}],
        "sources": [p.cite()],
    }
    paper = {
        "doc_id": "GCEG-STRAT-0777",
        "title": p.title(),
        "status": "draft",
        "created": "2016-01-01",
        "editions": [
            {"edition": "1.0", "date": "2016-01-01", "changes": p()},
            {"edition": "1.1", "date": "2016-02-01", "changes": p()},
        ],
        "issuing_body": "xss-org",
        "authors": ["xss-person"],
        "summary": p(),
        "topics": ["research"],
        "classification": "TLP:CLEAR",
        "sources": [p.cite()],
    }
    term = {"term": "XSS", "expansion": p.title(), "description": p(), "cite": p.cite()}
    group = {
        "name": p(),
        "short_name": p(),
        "parent": "interpol",
        "cite": p.cite(),
        "parent_cite": p.cite(),
        "editor_notes": {"parent": p()},
        "predecessor": "xss-org",
        "predecessor_cite": p.cite(),
        "mandate": {"text": p(), "cite": p.cite()},
        "aims": [{"text": p(), "cite": p.cite()}],
        "leadership": [{"person": "xss-person", "role": "chair", "cite": p.cite()}],
        "history": [{"date": 2014, "text": p(), "milestone": "established", "cite": p.cite()}],
    }
    return {
        "source": source,
        "organisation": organisation,
        "person": person,
        "programme": programme,
        "meeting": meeting,
        "paper": paper,
        "term": term,
        "group": group,
    }


def paths_set(data, prefix=()) -> set[tuple]:
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            # a map's keys are names of the model's choosing (editor_notes: {field: note})
            step = "{}" if prefix and prefix[-1] == "editor_notes" else key
            found |= paths_set(value, (*prefix, step))
    elif isinstance(data, list):
        for item in data:
            found |= paths_set(item, (*prefix, "[]"))
    elif isinstance(data, str) and any(payload in data for payload in PAYLOADS + TITLE_PAYLOADS):
        found.add(prefix)
    return found


def test_the_attack_records_fill_every_free_text_field_of_every_kind():
    records = attack_records(Payloads())
    for kind in KINDS:
        expected = set(free_text_paths(kind.model))
        missing = expected - paths_set(records[kind.name])
        assert not missing, (kind.name, sorted(missing))
    assert set(free_text_paths(models.PageMeta)) == {("title",), ("description",)}


@pytest.fixture(scope="module")
def attacked_site(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("xss") / "project")
    records = attack_records(Payloads())
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # noqa: E731
    for kind, record_id in [
        ("source", "xss-source"),
        ("person", "xss-person"),
        ("programme", "xss-programme"),
        ("meeting", "xss-meeting"),
        ("paper", "xss-paper"),
    ]:
        spec = next(k for k in KINDS if k.name == kind)
        (root / "data" / spec.data / f"{record_id}.yaml").write_text(dump(records[kind]))
        (root / "docs" / spec.page_dir / f"{record_id}.md").write_text("")
    for edition in ("1.0", "1.1"):
        page = root / "docs/strategy/xss-paper" / f"{edition}.md"
        page.parent.mkdir(exist_ok=True)
        page.write_text(f"Edition {edition} text.\n")
    for file, key, kind in [
        ("organisations.yaml", "organisations", "organisation"),
        ("glossary.yaml", "terms", "term"),
    ]:
        data = yaml.safe_load((root / "data" / file).read_text())
        data[key].append(records[kind])
        (root / "data" / file).write_text(dump(data))
    (root / "data/group.yaml").write_text(dump(records["group"]))
    # the group's seed citations are replaced here, so the seed is no longer fully cited
    seed = root / "data/sources/interpol-cyber-experts-meeting-2015.yaml"
    seed.write_text(seed.read_text().replace("coverage: complete", "coverage: partial"))
    (root / "docs/xss-page.md").write_text(
        "---\n"
        + dump({"title": TITLE_PAYLOADS[0], "description": TITLE_PAYLOADS[1]})
        + "---\n\nPlain text.\n"
    )
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - Sources: sources/index.md\n", "  - Sources: sources/index.md\n  - xss-page.md\n"
        )
    )
    return build(root, tmp_path_factory.mktemp("xss-site") / "site", languages=ALL_LANGUAGES)


def test_attack_strings_in_data_come_out_inert(attacked_site):
    pages = sorted(attacked_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        assert active_content(soup, "gceg-xss") == [], page
        assert remote_resources(soup) == [], page
    everything = b"".join(p.read_bytes() for p in attacked_site.rglob("*") if p.is_file())
    assert b"root:x:0:0" not in everything  # no snippet of /etc/passwd
    assert not Path("/tmp/gceg-xss-9").exists()


def test_attack_strings_are_shown_as_text(attacked_site):
    text = text_of(html(attacked_site, "meetings/xss-meeting/"))
    assert '<script>alert("gceg-xss-1")</script>' in text or PAYLOADS[1] in text
    shown = sum(payload in text for payload in PAYLOADS)
    assert shown >= 8, "the attack strings should be visible, as text"


def test_search_index_holds_the_attack_strings_as_the_text_the_page_shows(attacked_site):
    # Pagefind keeps a page's text as plain text, "<" and all; the search box shows it as
    # text (tests/browser/test_search.py), so what is checked here is that it is the
    # text the reader saw, not markup the build added.
    meeting = next(r for r in search_records(attacked_site) if r["url"].endswith("/xss-meeting/"))
    shown = text_of(html(attacked_site, "meetings/xss-meeting/"))
    assert sum(payload in meeting["content"] for payload in PAYLOADS) >= 8
    for payload in PAYLOADS:
        assert (payload in meeting["content"]) <= (payload in shown), payload
    for record in search_records(attacked_site):  # section and filters come from the catalog
        assert not any(
            "gceg-xss" in value
            for value in record["meta"].values()
            if value != record["meta"].get("title")
        )
        assert not any("gceg-xss" in v for values in record["filters"].values() for v in values)


def test_the_search_box_writes_no_html_from_the_index():
    script = (ROOT / "overrides/assets/javascripts/gceg-search.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink


# ---------------------------------------------------------------- templates are sandboxed

TEMPLATE_PAYLOADS = [
    "{{ cycler.__init__.__globals__.os.popen('touch /tmp/gceg-ssti').read() }}",
    "{{ joiner.__init__.__globals__.os.system('touch /tmp/gceg-ssti') }}",
    "{{ namespace.__init__.__globals__.os }}",
    "{{ lipsum.__globals__['os'].popen('touch /tmp/gceg-ssti').read() }}",
    "{{ self.__init__.__globals__.__builtins__ }}",
    "{{ self._TemplateReference__context.cycler }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ().__class__.__bases__[0].__subclasses__() }}",
    "{{ request.application.__globals__ }}",
    "{{ config.__class__.__init__.__globals__['os'] }}",
    "{{ config.items() }}",
    "{{ aims.__globals__ }}",
    "{{ aims['__globals__'] }}",
    "{{ aims|attr('__globals__') }}",
    "{{ '{0.__class__}'.format(aims) }}",
    "{% set x = aims.__self__ %}{{ x }}",
    "{% for i in range(10) %}{% endfor %}",
    "{{ 'a' * 100000000 }}",
    "{{ ((9 ** 64) ** 64) ** 64 }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{% include 'mkdocs.yml' %}",
    "{% import 'x.html' as x %}",
    "{% extends 'base.html' %}",
    "{{ self }}",
]


@pytest.mark.parametrize("payload", TEMPLATE_PAYLOADS)
def test_template_payloads_are_refused_and_run_nothing(payload):
    renderer = ContentRenderer({"aims": lambda: "aims"})
    text = f"# Page\n\n{payload}\n"
    refused_by_check = list(renderer.check("docs/p.md", text, 3))
    try:
        renderer.render("docs/p.md", text, 3)
        refused_by_render = False
    except ContentError as error:
        refused_by_render = True
        assert str(error).startswith("docs/p.md:5: (template): ")
    assert refused_by_check or refused_by_render
    if refused_by_check:
        assert refused_by_check[0].line == 5
    assert not Path("/tmp/gceg-ssti").exists()


def test_front_matter_cannot_turn_the_sandbox_off(project):
    (project / "docs/off.md").write_text("---\nrender_macros: false\n---\n\n{{ cycler }}\n")
    result = gceg(project, "validate")
    assert result.returncode == 1
    assert "docs/off.md:2: render_macros: unknown field 'render_macros'" in result.stderr


def test_mkdocs_yml_cannot_turn_the_sandbox_off(project):
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("render_by_default: false", "render_by_default: true")
    )
    result = gceg(project, "build", "--site-dir", str(project / "out"))
    assert result.returncode == 1
    assert "render_by_default must be false" in result.stderr


# ---------------------------------------------------------------- snippets stay in includes/


def snippet_markdown() -> markdown.Markdown:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_ConfigLoader)
    options = next(
        e[SNIPPETS] for e in config["markdown_extensions"] if isinstance(e, dict) and SNIPPETS in e
    )
    options = {**options, "base_path": [str(ROOT / p) for p in options["base_path"]]}
    return markdown.Markdown(extensions=[SNIPPETS], extension_configs={SNIPPETS: options})


SNIPPETS = "macros.render.snippets"  # pymdownx.snippets, refusing symbolic links


class _ConfigLoader(yaml.SafeLoader):
    pass


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


@pytest.mark.parametrize(
    "target", ["/etc/passwd", "../mkdocs.yml", "../../etc/passwd", "missing.md"]
)
def test_snippets_outside_includes_fail_even_past_validation(target):
    # Validation refuses these first (see the bad-input cases); this proves the
    # second layer: the extension itself, configured as in mkdocs.yml, refuses too.
    with pytest.raises(Exception, match=r"not found|outside|Snippet"):
        snippet_markdown().convert(f'--8<-- "{target}"\n')


def test_snippets_inside_includes_work():
    assert "Reading this site" in snippet_markdown().convert('--8<-- "reading-this-site.md"\n')


# ---------------------------------------------------------------- reproducible, linked


def test_two_builds_of_one_commit_are_byte_identical(public_site, tmp_path):
    # a fresh PDF cache, so the PDFs are rendered again rather than reused
    second = build(
        corpus_root(),
        tmp_path / "again",
        pdf=True,
        cache=tmp_path / "cache",
        languages=ALL_LANGUAGES,  # as the session's site
    )
    comparison = filecmp.dircmp(public_site, second)
    differing = []

    def walk(cmp, prefix=""):
        differing.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files)
        # dircmp compares shallowly by stat; compare the bytes
        differing.extend(
            prefix + name
            for name in cmp.same_files
            if (Path(cmp.left) / name).read_bytes() != (Path(cmp.right) / name).read_bytes()
        )
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison)
    assert differing == []


def internal_targets(site: Path):
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for element in soup.find_all(href=True) + soup.find_all(src=True):
            url = element.get("href") or element.get("src")
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url == "#":
                continue
            yield page, url, parts


def test_every_internal_link_and_anchor_resolves(public_site):
    ids: dict[Path, set[str]] = {}
    broken = []
    for page, url, parts in internal_targets(public_site):
        # 404.html uses site-absolute addresses, as it is served at any depth
        base = public_site if parts.path.startswith("/") else page.parent
        target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(f"{page.relative_to(public_site)}: {url}")
            continue
        if parts.fragment and target.suffix == ".html":
            if target not in ids:
                soup = BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")
                ids[target] = {e["id"] for e in soup.find_all(id=True)} | {
                    e["name"] for e in soup.find_all("a", attrs={"name": True})
                }
            if unquote(parts.fragment) not in ids[target]:
                broken.append(f"{page.relative_to(public_site)}: {url} (no such anchor)")
    assert broken == []
