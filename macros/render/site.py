"""One build of the site for one audience: what the mkdocs-macros hooks call.

``define_env`` creates a ``SiteBuild`` once per build; for each page the
hooks call ``begin_page`` (checks, then sandboxed rendering of the page's
own text) and ``finish_page`` (the record's views and the page's sources).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File

from .. import rules
from ..audience import Audience, restrict
from ..config import BuildConfig
from ..incremental.reads import RememberedCache, tracked
from ..load.catalog import Catalog
from ..load.translations import shows_english
from ..model.fields import localise
from ..model.vocab import N_, SOURCE_LANGUAGE
from ..problems import Problem, ValidationFailed
from .i18n import Translator
from .languages import alternates, to_root
from .sandbox import ContentError, ContentRenderer
from .search_facets import SearchFacets, facets
from .views import SHOWN_ON, Views

# Macros contributors may call from Markdown, and the Views method behind each.
MACROS = (
    "mandate",
    "key_figures",
    "latest_meeting",
    "aims",
    "leadership",
    "history_timeline",
    "meetings_index",
    "programmes_index",
    "papers_index",
    "papers_by_status",
    "papers_by_topic",
    "people_index",
    "glossary_table",
    "sources_index",
    "person_link",
    "meeting_link",
    "paper_link",
    "export_link",
    "meetings_chart",
    "topics_chart",
    "status_chart",
)
# The macros that take a record or a path; every other one lists or charts the catalog
# and takes no argument, so no page text can make it fail (see render_problems).
NAMING_MACROS = ("person_link", "meeting_link", "paper_link", "export_link", "cite")


_PRELOADED: dict[Path, Catalog] = {}


def preload(root: Path, everything: Catalog) -> None:
    """Hand a catalog already loaded (by ``gceg build``) to the next build of ``root``."""
    _PRELOADED[Path(root).resolve()] = everything


@functools.cache
def _page_url(src: str) -> str:
    """A page's address as MkDocs gives it; once per page, though each audience asks."""
    return File(src, "docs", "site", use_directory_urls=True).url


def _check_only(function: Callable[..., str]) -> Callable[..., str]:
    """A macro that only checks its arguments: those it refuses reach the real one, which
    refuses them with the build's own message before doing any work."""
    signature = inspect.signature(function)

    def check(*args, **kwargs):
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            return function(*args, **kwargs)
        return ""

    return check


class SiteBuild:
    def __init__(
        self,
        root: Path,
        audience: Audience,
        language: str = "en",
        site_url: str = "/",
        everything: Catalog | None = None,
        config: BuildConfig | None = None,
        base_url: str | None = None,
    ):
        self.root = Path(root)
        self.language = language
        self.base_url = base_url  # the root of all four sites, when an address is configured
        self.config = config or BuildConfig.from_environment()
        self.audience = audience
        # PDFs take seconds; a live preview (`gceg serve`) skips them with GCEG_PDF=0.
        self.pdf_enabled = self.config.pdf
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        if everything is None:
            everything = _PRELOADED.pop(self.root.resolve(), None) or rules.load(
                self.root, config=self.config
            )
        self.everything = everything
        self.catalog: Catalog = restrict(self.everything, audience)
        # What pages read of the catalog goes through this view, which notes each read for
        # the incremental build (macros/incremental/reads.py); exports read it directly.
        self.read: Catalog = tracked(self.catalog)
        self.views = Views(
            self.read, Translator(language, strict=self.config.release), self.site_url
        )
        self.macros: dict[str, Callable[..., str]] = {
            name: getattr(self.views, name) for name in MACROS
        }
        self.macros["cite"] = self.views.cite_passage  # `cite` in templates marks a Citation
        self.renderer = ContentRenderer(self.macros)
        self.views.expand = lambda page: self.renderer.render(
            f"docs/{page.src}", page.body, page.body_line
        )
        self._urls: dict[str, str] | None = None
        self._in_english_cache = RememberedCache()
        problems = list(self.check_templates())
        if problems:
            raise ValidationFailed(problems)

    # ------------------------------------------------------------ before mkdocs reads files

    @property
    def excluded_pages(self) -> list[str]:
        """Pages this audience may not see: MkDocs must not read, render or index them."""
        return sorted(set(self.everything.pages) - set(self.catalog.pages))

    def check_templates(self) -> Iterator[Problem]:
        for page in self.everything.pages.values():
            yield from self.renderer.check(f"docs/{page.src}", page.body, page.body_line)
        for translated in self.everything.translations.pages.values():  # docs/about.fr.md
            yield from self.renderer.check(translated.path, translated.body, translated.body_line)

    def render_problems(self) -> Iterator[Problem]:
        """Render, as this audience's build will, every page that calls macros: a macro
        that this audience's catalog cannot serve (a record it may not see) fails here
        with the message the build would give. No MkDocs, no Markdown: only templates."""
        urls = {src: _page_url(src) for src in self.catalog.pages}
        # A listing macro's output is not needed to find a page's problems, and producing
        # it for every page that lists the catalog is most of the time a check would take.
        building, self.renderer = (
            self.renderer,
            ContentRenderer(
                {
                    name: _check_only(function) if name not in NAMING_MACROS else function
                    for name, function in self.macros.items()
                }
            ),
        )
        try:
            for src, page in self.catalog.pages.items():
                shown = self._shown_text(page)
                if not self.renderer.is_template(shown.body):
                    continue
                try:
                    self.begin_page(src, page.body, {}, urls[src], lambda: urls)
                except ContentError as error:
                    yield error.problem
        finally:
            self.renderer = building

    def _shown_text(self, page):
        """The page whose text a page shows: a paper's own page shows its current edition."""
        if page.record is not None and page.record[0] == "paper":
            record = self.read.get(*page.record)
            return self.read.pages[self.read.edition_page(record.id, record.edition)]
        return page

    # ------------------------------------------------------------ per page

    def begin_page(
        self, src: str, markdown: str, meta: dict, url: str, urls: Callable[[], dict]
    ) -> str:
        page = self.read.pages.get(src)
        if page is None:
            # Excluded pages never reach here; a page that does but is not in this
            # audience's catalog must not be published by any road.
            raise PermissionError(f"docs/{src}: not published for the {self.audience} audience")
        meta["classification"] = page.classification.value
        self.know_pages(urls)
        self.views.begin_page(url, self._urls)
        record = self.read.record_of(src)
        if record is not None and "title" not in meta:
            meta["title"] = _title(record, self.language)
        built = self.config.languages
        meta["gceg_alternates"] = alternates(url, self.language, None, built)  # the selector
        # the head's hreflang links (overrides/main.html) and the sitemap's: absolute on a
        # site with an address (the only kind that writes a sitemap), relative otherwise
        meta["gceg_hreflang"] = alternates(url, self.language, self.base_url, built)
        if self.pdf_enabled:
            meta["pdf"], meta["pdf_label"] = self._pdf_link(src, record)
        meta["gceg_search"] = self._search_facets(src, page, record)
        if page.record is not None and page.record[0] == "paper":
            # A paper's own address shows its current edition, whose text has its own page.
            page = self._shown_text(page)
            src, markdown = page.src, page.body
        elif (found := self.read.edition_of(src)) is not None:
            paper, edition = found
            meta.setdefault(
                "title",
                self.views.t.gettext("{title} – edition {edition}").format(
                    title=_title(paper, self.language), edition=edition.edition
                ),
            )
            if edition is paper.current:  # the paper's own page carries the same text
                meta["search"] = {"exclude": True}
        name, line = f"docs/{src}", page.body_line
        if (translated := self.read.translations.page(self.language, src)) is not None:
            # This language's text in place of the English (load/translations.py checked
            # that it calls the same macros and cites the same passages).
            markdown, name, line = translated.body, translated.path, translated.body_line
            for key in ("title", "description"):
                if key in translated.meta:
                    meta[key] = translated.meta[key]
        return self.renderer.render(name, markdown, line)

    def finish_page(self, src: str, markdown: str) -> str:
        page = self.read.pages[src]
        if page.record is not None:
            kind, record_id = page.record
            markdown = self.views.record_page(kind, self.read.get(kind, record_id), markdown)
        elif (found := self.read.edition_of(src)) is not None:
            markdown = self.views.edition_page(*found, markdown)
        notice = self._translation_notice(src)
        return (
            notice + markdown + self.views.sources_section() + self.views.abbreviation_definitions()
        )

    def translation_state(self, src: str) -> TranslationState:
        """What of a page this language's build shows translated, stale or in English: its
        own text, its record, and every record its views showed (a list of meetings, a
        person's card, a paper linked by its title; Views.page.shown)."""
        page = self.read.pages[src]
        shown = self._shown_text(page)
        translations = self.read.translations
        files = []  # each part's translation file, None where the part has none
        if shown.body.strip():  # a page with text of its own needs it translated
            files.append(translations.page(self.language, shown.src))
        # the sources a page cites are in their own language (their passages' translations
        # stand beside them): only a source's own page counts its texts
        shown_records = self.views.page.shown if self.views.page is not None else set()
        records = {(kind, record_id) for kind, record_id in shown_records if kind != "source"}
        owner = page.record or (("paper", page.edition[0]) if page.edition else None)
        if owner is not None:
            records.add(owner)
        for kind, shown_on in SHOWN_ON.items():  # records shown on a page of their own kind
            if shown_on == src:
                records.update((kind, record.id) for record in self.read.all(kind))
        english = False  # some record's text is shown in English
        for kind, record_id in sorted(records):
            in_english = self._in_english(kind, record_id)
            translated = translations.record(self.language, kind, record_id)
            if translated is not None:
                files.append(translated)
            english = english or in_english
        return TranslationState(
            translated=any(part is not None for part in files),
            stale=any(part is not None and part.stale for part in files),
            missing=english or any(part is None for part in files),
        )

    def _in_english(self, kind: str, record_id: str) -> bool:
        """Whether a record shows a text not translated into this build's language."""
        return self._in_english_cache.get(
            (kind, record_id),
            lambda: shows_english(self.read.get(kind, record_id), self.language),
        )

    def _translation_notice(self, src: str) -> str:
        if self.language == SOURCE_LANGUAGE:
            return ""
        state = self.translation_state(src)
        english = self.views.page.url
        english_href = to_root(english, self.language) + english or "./"
        return self.views.block(
            "shared/translation_notice.html", state=state, english_href=english_href
        )

    def _search_facets(self, src: str, page, record: Any) -> SearchFacets:
        found = self.read.edition_of(src)
        if found is not None:
            record, edition, kind = found[0], found[1], "paper"
        else:
            edition, kind = None, page.record[0] if page.record is not None else None
        return facets(
            src, record, kind, page.classification.value, self.audience, self.views.t, edition
        )

    def _pdf_link(self, src: str, record: Any) -> tuple[str, str]:
        from .documents import COMPENDIUM, pdf_path

        found = self.read.edition_of(src)
        if found:
            target, label = (
                pdf_path(found[0].doc_id, found[1].edition),
                N_("Download this edition (PDF)"),
            )
        elif getattr(record, "editions", None):
            target, label = pdf_path(record.doc_id, record.edition), N_("Download this paper (PDF)")
        elif getattr(record, "doc_id", None):
            target, label = pdf_path(record.doc_id), N_("Download this meeting record (PDF)")
        else:
            target, label = COMPENDIUM, N_("Download all documents (PDF compendium)")
        return self.views.site_href(target), self.views.t.gettext(label)

    def know_pages(self, urls: Callable[[], dict[str, str]]) -> None:
        """Learn every page's address (from MkDocs' files), once."""
        if self._urls is None:
            self._urls = urls()

    @property
    def urls(self) -> dict[str, str]:
        """Site URL of every published page, by its source path (known once pages are read)."""
        assert self._urls is not None, "no page has been rendered yet"
        return self._urls


def template_problems(
    root: Path, everything: Catalog, config: BuildConfig | None = None
) -> Iterator[Problem]:
    """What each audience's build would refuse in the pages' templates, from the one catalog
    (no PDFs): validation's last step. A public page may not name a members-only record,
    though the members' build would accept it."""
    for audience in Audience:
        build = SiteBuild(root, audience, everything=everything, config=config)
        build.pdf_enabled = False
        yield from build.render_problems()


@dataclass(frozen=True)
class TranslationState:
    translated: bool  # some of the page is this language's translation
    stale: bool  # some translation predates the current English text
    missing: bool  # some of the page is shown in English, not yet translated


def _title(record: Any, language: str = SOURCE_LANGUAGE) -> str:
    value = getattr(record, "title", None) or getattr(record, "name", None) or record.id
    return localise(value, language) if not isinstance(value, str) else value
