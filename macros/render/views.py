"""Records -> page fragments, through the Jinja partials in ``templates/``.

Views read only the catalog they are given (already filtered for the
audience). Every value a template prints passes through ``escape_text``
(the environment's ``finalize``), so data can never become markup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import markdown
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from ..address import absolute, is_published
from ..incremental import compiled
from ..incremental.reads import remembered
from ..load.catalog import Catalog
from ..load.quotes import Passages, anchor
from ..model import models
from ..model.fields import localise
from ..model.kinds import BY_NAME, KINDS
from ..model.vocab import N_, NP_, SOURCE_LANGUAGE, Classification, DocumentStatus, Topic
from .charts import Bar, bar_chart
from .citations import citation_text
from .diff import DiffWords, markdown_diff
from .documents import permalink, previous_edition
from .escaping import Abbreviations, escape_attribute, escape_text
from .i18n import Translator

# what charts count, for ngettext: marked for translation here, where babel finds them;
# each with the heading of its column in the chart's table (a word of its own: the plural
# message read without a number is not a message translators were given)
MEETINGS_COUNTED = NP_("%(num)d meeting", "%(num)d meetings"), N_("Meetings")
PAPERS_COUNTED = NP_("%(num)d paper", "%(num)d papers"), N_("Papers")

# a run of paragraphs an edition's diff folds away
UNCHANGED = NP_("{num} unchanged paragraph", "{num} unchanged paragraphs")

# the key figures: each phrase agrees with its number, which the page shows apart
EXPERTS_AT_FIRST_MEETING = NP_(
    "{count} expert at the first meeting", "{count} experts at the first meeting"
)
COUNTRIES_REPRESENTED = NP_("{count} country represented", "{count} countries represented")
AIMS_IN_MANDATE = NP_("{count} aim in the mandate", "{count} aims in the mandate")
MEETINGS_RECORDED = NP_(
    "{count} meeting recorded on this site", "{count} meetings recorded on this site"
)

# records without pages of their own are shown on these pages
SHOWN_ON = {"group": "about.md", "term": "glossary.md", "organisation": "people/index.md"}


@dataclass
class CitationList:
    """The citations of one page: each source numbered once, in order of first use, with
    its cited passages under it (a reference list, not one entry per citation)."""

    sources: dict[str, list[models.Citation]] = field(default_factory=dict)

    def number(self, citation: models.Citation) -> tuple[int, int]:
        """(the source's number, the passage's number under it), both from 1."""
        passages = self.sources.setdefault(citation.source, [])
        if citation not in passages:
            passages.append(citation)
        return list(self.sources).index(citation.source) + 1, passages.index(citation) + 1

    @property
    def entries(self) -> list[tuple[str, list[models.Citation]]]:
        return list(self.sources.items())


@dataclass(frozen=True)
class KeyFigure:
    """A figure on the home page: its number shown large, the words before and after it."""

    before: str
    value: str
    after: str
    cite: models.Citation | None = None


@dataclass
class PageContext:
    """The page being written: where it is, how to reach other pages, what it cites."""

    url: str
    urls: dict[str, str]  # docs-relative source path -> site URL, for every published page
    citations: CitationList = field(default_factory=CitationList)
    editor_notes: list[str] = field(default_factory=list)  # numbered in order of first use
    # (kind, id) of every record whose texts the page shows (a list, a card, a link by its
    # title): the translation notice says whether they are in the page's language
    shown: set[tuple[str, str]] = field(default_factory=set)


def _environment(views: Views) -> Environment:
    env = Environment(
        loader=PackageLoader("macros.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=escape_text,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates are part of the code: no checking files per render
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=compiled.VIEWS,  # compiled once per process, not once per build
    )
    t = views.t
    # every value a message names is escaped as any value a template prints (escape_text)
    env.install_gettext_callables(**t.template_functions(escape_text), newstyle=False)
    env.globals.update(
        v=views, catalog=_Watched(views), Classification=Classification, comma=t.comma
    )
    env.filters.update(
        localise=t.text,  # a Localised field in the reader's language
        date=t.date,
        daterange=t.date_range,
        pdate=t.partial_date,
        number=t.number,
        figure=lambda f: t.figure(f.value, f.qualifier),
        abbr=lambda text: views.abbreviations(t.text(text)),
        label=lambda member: t.gettext(member.label),
        attr=escape_attribute,
    )
    return env


class Views:
    def __init__(self, catalog: Catalog, translator: Translator | None = None, site_url: str = "/"):
        self.catalog = catalog
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.t = translator or Translator()
        self.abbreviations = Abbreviations(
            {term.term: localise(term.expansion) for term in catalog.terms}
        )
        self.env = _environment(self)
        self.page: PageContext | None = None
        # A page's text with its macro calls run (the site build sets the sandbox's renderer).
        self.expand: Callable[[Any], str] = lambda page: page.body

    # ------------------------------------------------------------ page state

    def begin_page(self, url: str, urls: dict[str, str]) -> None:
        self.page = PageContext(url, urls)

    def render(self, template: str, **context: Any) -> str:
        html = self.env.get_template(template).render(**context)
        # A blank line would end an HTML block in Markdown; none is needed in ours.
        return "\n".join(line for line in html.splitlines() if line.strip())

    def block(self, template: str, **context: Any) -> str:
        """A fragment that stands as its own Markdown block."""
        if self.page is not None:
            self.page.shown.update(_records_in(context))
        return "\n\n" + self.render(template, **context) + "\n\n"

    # ------------------------------------------------------------ links and citations

    def href(self, src: str, fragment: str = "") -> str | None:
        """Relative URL from the current page to a page, or None if it is not published."""
        assert self.page is not None, "views used outside a page"
        url = self.page.urls.get(src)
        if url is None:
            return None
        return get_relative_url(url, self.page.url) + (f"#{fragment}" if fragment else "")

    def record_href(self, kind: str, record_id: str) -> str | None:
        page_dir = BY_NAME[kind].page_dir
        return self.href(f"{page_dir}/{record_id}.md") if page_dir else None

    def link(self, kind: str, record_id: str, label: Any = None) -> Markup:
        record = self.catalog.get(kind, record_id)
        text = label if label is not None else _display_name(record, self.t)
        if label is None and getattr(record, "title", None) and self.page is not None:
            self.page.shown.add((kind, record_id))  # its title, translated or not
        return _anchor(self.record_href(kind, record_id), text)

    def cite(self, citation: models.Citation) -> Markup:
        """The mark after a fact: the source's number, linking to the passage cited."""
        assert self.page is not None
        number, passage = self.page.citations.number(citation)
        return Markup(
            '<sup class="gceg-cite"><a href="#cite-{n}-{k}" aria-label="{label}">[{n}]</a></sup>'
        ).format(n=number, k=passage, label=self.t.gettext("Source {n}").format(n=number))

    def backing(self, holder: models.Grounded, *facts: str) -> Markup:
        """The marks after facts shown together (a venue's name, city and country): the
        editors' note on each they inferred, and the citations that back the others (a
        record-wide list of sources backs its facts without a mark of its own)."""
        facts = facts or tuple(holder.facts)
        marks: list[Markup] = []
        for fact in facts:
            note = holder.editor_notes.get(fact)
            if note is not None:
                mark = self.editor_note(note)
            else:
                cited = [getattr(holder, b) for b in holder.facts[fact]]
                citation = next((c for c in cited if isinstance(c, models.Citation)), None)
                mark = self.cite(citation) if citation is not None else Markup("")
            if mark and mark not in marks:
                marks.append(mark)
        return Markup("").join(marks)

    def editor_note(self, note: str) -> Markup:
        """The mark of an editors' note: numbered, linking to the note at the page's end."""
        assert self.page is not None
        notes = self.page.editor_notes
        text = self.t.text(note)
        if text not in notes:
            notes.append(text)
        number = notes.index(text) + 1
        return Markup(
            '<sup class="gceg-ednote"><a href="#ednote-{n}" aria-label="{label}">[{mark}]</a></sup>'
        ).format(
            n=number,
            label=self.t.gettext("ed. {n}, an editors' note").format(n=number),
            mark=self.t.gettext("ed. {n}").format(n=number),
        )

    def citation_href(self, citation: models.Citation) -> str | None:
        fragment = anchor(citation.quote) if citation.quote else ""
        return self.href(f"sources/{citation.source}.md", fragment)

    def sources_section(self) -> str:
        """The numbered list of everything this page cited, or nothing."""
        if self.page is None:
            return ""
        notes = ""
        if self.page.editor_notes:
            notes = self.block("shared/editor_notes.html", notes=self.page.editor_notes)
        if not self.page.citations.entries:
            return notes
        return notes + self.block("shared/citations.html", entries=self.page.citations.entries)

    def passage_translation(self, citation: models.Citation) -> str | None:
        """The site's translation of a cited passage into the page's language, if it has
        one (data/sources/<id>.<lang>.yaml): shown beside the original, never instead."""
        if not citation.quote:
            return None
        return self.quotation_translation(citation.source, citation.quote)

    def statement_translation(self, statement: models.Statement) -> list[str]:
        """The site's translation of each quoted paragraph it has one for."""
        found = (
            self.quotation_translation(statement.cite.source, self.t.text(paragraph))
            for paragraph in statement.paragraphs
        )
        return [words for words in found if words]

    def quotation_translation(self, source_id: str, words: str) -> str | None:
        """The site's translation of words quoted from a source, in the page's language."""
        if self.catalog.get("source", source_id).language is self.t.language:
            return None  # read in the language it was said in: nothing to translate
        key = (self.t.language.value, source_id)
        return self.catalog.translations.passages.get(key, {}).get(words)

    def abbreviation_definitions(self) -> str:
        """Markdown ``*[TERM]: expansion`` lines, so terms in page text are explained too."""
        lines = [
            f"*[{term}]: {' '.join(expansion.split())}"
            for term, expansion in self.abbreviations.terms.items()
        ]
        return "\n\n" + "\n".join(lines) + "\n" if lines else ""

    # ------------------------------------------------------------ macros for pages

    def mandate(self) -> str:
        return self.block("group/mandate.html", group=self.catalog.group)

    def key_figures(self) -> str:
        return self.block("group/key_figures.html", figures=self._key_figures())

    def latest_meeting(self) -> str:
        meetings = self.catalog.meetings
        return self.block("meeting/latest.html", meeting=meetings[0] if meetings else None)

    def aims(self) -> str:
        return self.block("group/aims.html", group=self.catalog.group)

    def leadership(self) -> str:
        return self.block("group/leadership.html", group=self.catalog.group)

    def history_timeline(self) -> str:
        events = [
            (event.date.earliest, "event", event, None) for event in self.catalog.group.history
        ]
        events += [(m.start, "meeting", None, m) for m in self.catalog.meetings]
        events.sort(key=lambda item: (item[0], item[1] == "meeting"))
        return self.block("group/timeline.html", events=events)

    def meetings_index(self) -> str:
        by_year: dict[int, list[models.Meeting]] = {}
        for meeting in self.catalog.meetings:
            by_year.setdefault(meeting.start.year, []).append(meeting)
        return self.block("meeting/index.html", by_year=by_year)

    def programmes_index(self) -> str:
        return self.block("programme/index.html", programmes=self.catalog.programmes)

    def papers_index(self) -> str:
        return self.block("paper/index.html", papers=self.catalog.papers)

    def papers_by_status(self) -> str:
        groups = [
            (status.label, status.value, [p for p in self.catalog.papers if p.status is status])
            for status in DocumentStatus
        ]
        return self.block(
            "paper/grouped.html", groups=groups, empty=N_("No paper has this status.")
        )

    def papers_by_topic(self) -> str:
        groups = [
            (topic.label, topic.value, [p for p in self.catalog.papers if topic in p.topics])
            for topic in Topic
        ]
        groups = [group for group in groups if group[2]]
        return self.block(
            "paper/grouped.html", groups=groups, empty=N_("No paper is on this topic.")
        )

    def people_index(self) -> str:
        return self.block(
            "person/index.html",
            people=self.catalog.people,
            organisations=self.catalog.organisations,
        )

    def glossary_table(self) -> str:
        return self.block("term/index.html", terms=self.catalog.terms)

    def sources_index(self) -> str:
        return self.block("source/index.html", sources=self.catalog.sources)

    # ------------------------------------------------------------ charts

    MIN_CHART_POINTS = 3  # fewer bars say nothing a sentence does not say better

    def _chart(
        self,
        chart_id: str,
        title: str,
        bars: list[Bar],
        category: str,
        counted: tuple[tuple[str, str], str],
    ) -> str:
        """A chart, or nothing where it would have fewer than three non-zero bars.
        ``counted``: the counted thing, singular and plural ("%(num)d meeting", "%(num)d
        meetings"), and the heading of its column ("Meetings")."""
        if sum(1 for bar in bars if bar.value) < self.MIN_CHART_POINTS:
            return ""
        t = self.t.gettext
        nouns, unit = counted

        def count(n: int) -> str:
            return self.t.ngettext(*nouns, n) % {"num": n}

        chart = bar_chart(
            chart_id, t(title), bars, t(category), t(unit), t(N_("The figures")), count
        )
        return "\n\n" + str(chart) + "\n\n"

    def meetings_chart(self) -> str:
        """Meetings per year, every year from the first meeting to the last."""
        years = [m.start.year for m in self.catalog.meetings]
        if not years:
            return ""
        bars = [Bar(str(y), years.count(y)) for y in range(min(years), max(years) + 1)]
        return self._chart(
            "chart-meetings-per-year", N_("Meetings per year"), bars, N_("Year"), MEETINGS_COUNTED
        )

    def topics_chart(self) -> str:
        """How many meetings discussed each topic."""
        counts = {topic: 0 for topic in Topic}
        for meeting in self.catalog.meetings:
            for topic in meeting.topics:
                counts[topic] += 1
        bars = [Bar(self.t.gettext(topic.label), n) for topic, n in counts.items() if n]
        return self._chart(
            "chart-topics", N_("Topics across meetings"), bars, N_("Topic"), MEETINGS_COUNTED
        )

    def status_chart(self) -> str:
        """Strategy papers by status."""
        bars = [
            Bar(self.t.gettext(status.label), sum(p.status is status for p in self.catalog.papers))
            for status in DocumentStatus
        ]
        return self._chart(
            "chart-status", N_("Papers by status"), bars, N_("Status"), PAPERS_COUNTED
        )

    EXPORTS = ("feeds/publications.atom", "api/v1/index.json")

    def export_link(self, path: str, label: str) -> str:
        """A link to a file the build writes beside the pages (the feed, the open data)."""
        if path not in self.EXPORTS:
            raise LookupError(f"'{path}' is not an export; use one of {', '.join(self.EXPORTS)}")
        return str(_anchor(self.site_href(path), label))

    def cite_passage(self, source_id: str, quote: str | None = None) -> str:
        """``{{ cite("source-id", "passage") }}`` in a page: the same mark a record's
        citation gets, for a sentence of the page's own text. The passage must be in the
        source's stored text word for word, as a record's quote must."""
        self._known("source", source_id)
        passages = self.catalog.passages.get(source_id)
        if passages is not None:
            if not quote:
                raise LookupError(f"cite('{source_id}'): quote the passage that says it")
            if not passages.contains(quote):
                closest = passages.closest(quote)
                hint = f"; the closest passage reads '{closest}'" if closest else ""
                raise LookupError(
                    f"cite('{source_id}', ...): the passage is not word for word in the "
                    f"source: '{' '.join(quote.split())[:80]}'{hint}"
                )
        return str(self.cite(models.Citation(source=source_id, quote=quote)))

    def person_link(self, person_id: str) -> str:
        return str(self.link("person", self._known("person", person_id)))

    def meeting_link(self, meeting_id: str) -> str:
        return str(self.link("meeting", self._known("meeting", meeting_id)))

    def paper_link(self, paper_id: str) -> str:
        return str(self.link("paper", self._known("paper", paper_id)))

    def _known(self, kind: str, record_id: str) -> str:
        if not self.catalog.has(kind, record_id):
            raise LookupError(f"no published {kind} with id '{record_id}'")
        return record_id

    # ------------------------------------------------------------ record pages

    def record_page(self, kind: str, record: Any, body: str) -> str:
        """A record's page: its header, the contributor's text, then its details."""
        header_template, details_template = BY_NAME[kind].templates
        header = self.block(header_template, record=record, page_is_main=True)
        details = self.block(details_template, record=record, page_is_main=True)
        return header + body + details

    def edition_page(self, paper: models.Paper, edition: models.Edition, body: str) -> str:
        """One edition's own page: the paper's header for that edition, its text, what changed."""
        context = {"record": paper, "edition": edition, "page_is_main": False}
        return (
            self.block("paper/header.html", **context)
            + body
            + self.changes_section(paper, edition)
            + self.block("paper/details.html", **context)
        )

    def changes_section(self, paper: models.Paper, edition: models.Edition) -> str:
        """What changed since the previous edition, as Markdown (so it keeps its blank lines)."""
        previous = previous_edition(paper, edition)
        if previous is None:
            return ""
        # The texts as readers read them: macro calls expanded, never shown as template code.
        texts = [
            self.expand(self.catalog.pages[self.catalog.edition_page(paper.id, e.edition)])
            for e in (previous, edition)
        ]
        # Contributor Markdown, already validated as safe, marked up by the diff and
        # converted here: the page's own Markdown pass leaves an HTML block alone.
        words = DiffWords(
            unchanged=lambda n: self.t.ngettext(*UNCHANGED, n).format(num=self.t.number(n)),
            added=self.t.gettext("Added:"),
            removed=self.t.gettext("Removed:"),
        )
        diff = markdown_diff(*texts, words)
        heading = self.t.gettext("Changes since edition {edition}").format(edition=previous.edition)
        intro = self.t.gettext("Added words are underlined, removed words are struck through.")
        body = markdown.markdown(
            diff, extensions=["tables", "admonition", "attr_list", "abbr", "fenced_code"]
        )
        lines = "\n".join(line for line in body.splitlines() if line.strip())
        if self.t.language is not SOURCE_LANGUAGE:
            # the editions compared are the English texts: marked as such, so that on an
            # Arabic page they read left to right, their punctuation at their own end
            lines = (
                f'<div lang="{SOURCE_LANGUAGE.value}" dir="{SOURCE_LANGUAGE.direction}">\n'
                f"{lines}\n</div>"
            )
        return (
            f"\n\n## {escape_text(heading)} {{#changes}}\n\n"
            f'<div class="gceg-diff">\n<p class="gceg-diff__intro">{escape_text(intro)}</p>\n'
            + lines
            + "\n</div>\n\n"
        )

    # ------------------------------------------------------------ editions and citations

    def edition_href(self, edition: models.Edition, fragment: str = "") -> str | None:
        paper = self._paper_of_edition[id(edition)]
        return self.href(self.catalog.edition_page(paper.id, edition.edition), fragment)

    @remembered
    def _paper_of_edition(self) -> dict[int, models.Paper]:
        return {id(e): paper for paper in self.catalog.papers for e in paper.editions}

    def site_href(self, path: str) -> str:
        """Relative URL from the current page to a file the build writes (exports)."""
        assert self.page is not None
        return get_relative_url(path, self.page.url)

    @property
    def published(self) -> bool:
        """False in a local build: no site address is configured (macros/address.py)."""
        return is_published(self.site_url)

    def permalink(self, doc_id: str, edition: str | None = None) -> str:
        """The document's permanent address; relative to this page in a local build."""
        path = permalink(doc_id, edition)
        return absolute(self.site_url, path) or self.site_href(path)

    def permalink_text(self, doc_id: str, edition: str | None = None) -> str:
        """The permanent address as shown: in a local build, its path on the site."""
        path = permalink(doc_id, edition)
        return absolute(self.site_url, path) or "/" + path

    def citation_text(self, doc_id: str, edition: str | None = None) -> str:
        return citation_text(self.catalog, doc_id, edition, self.site_url, self.t)

    # ------------------------------------------------------------ derived values

    def _key_figures(self) -> list[KeyFigure]:
        figures: list[KeyFigure] = []
        group, t = self.catalog.group, self.t
        first = min(self.catalog.meetings, key=lambda m: m.start, default=None)
        if first and first.attendance:
            attendance = first.attendance
            for figure, nouns in (
                (attendance.participants, EXPERTS_AT_FIRST_MEETING),
                (attendance.countries, COUNTRIES_REPRESENTED),
            ):
                if figure:
                    shown = t.figure(figure.value, figure.qualifier)
                    figures.append(self._counted(nouns, figure.value, shown, attendance.cite))
        aims = len(group.aims)
        figures.append(self._counted(AIMS_IN_MANDATE, aims, t.number(aims)))
        established = [e for e in group.history if e.milestone == "established"]
        if established:
            figures.append(
                KeyFigure(
                    "",
                    t.partial_date(established[0].date),
                    t.gettext("year established"),
                    established[0].cite,
                )
            )
        held = len(self.catalog.meetings)
        figures.append(self._counted(MEETINGS_RECORDED, held, t.number(held)))
        return figures

    def _counted(
        self, nouns: tuple[str, str], n: int, shown: str, cite: models.Citation | None = None
    ) -> KeyFigure:
        """A figure whose words agree with its number: the whole phrase ("{count} countries
        represented") is translated in the form ``n`` takes, then parted at the number."""
        before, _, after = self.t.ngettext(*nouns, n).partition("{count}")
        return KeyFigure(before.strip(), shown, after.strip(), cite)

    def organisation_chain(self, organisation_id: str | None) -> list[Markup]:
        """An organisation's name and those of the organisations it is part of, as a role
        names them ("Cybercrime Repression Department, French Judicial Police"); a parent
        already in the name ("INTERPOL Global Complex for Innovation") is not repeated."""
        names: list[str] = []
        shown: list[Markup] = []
        seen = set()
        while organisation_id and organisation_id not in seen:
            seen.add(organisation_id)
            organisation = self.catalog.get("organisation", organisation_id)
            name = self.t.text(organisation.name)
            if not any(name in earlier for earlier in names) and not (
                organisation.short_name and any(organisation.short_name in n for n in names)
            ):
                names.append(name)
                shown.append(self.organisation_name(organisation_id))
            organisation_id = organisation.parent
        return shown

    def organisation_name(self, organisation_id: str, cited: bool = False) -> Markup:
        """An organisation's name in the reader's language. Its official form where the
        sources give one: the English name, or an ``official_names`` entry (with its
        citation when ``cited``); else the site's translation, marked as the site's
        (as a quotation's is), with the name the sources give beside it."""
        organisation = self.catalog.get("organisation", organisation_id)
        if self.page is not None:
            self.page.shown.add(("organisation", organisation_id))
        official = organisation.official_name(self.t.language)
        if official is not None:
            mark = self.cite(official.cite) if cited else Markup("")
            return self.abbreviations(official.name) + mark
        original = localise(organisation.name)
        name = self.t.text(organisation.name)
        if name == original:  # the English name, as the sources give it
            return self.abbreviations(name)
        return Markup(
            '{name} <span class="gceg-translated-name">(<span lang="en" dir="ltr">{original}'
            '</span>{comma}<em class="gceg-unofficial">{mark}</em>)</span>'
        ).format(
            name=self.abbreviations(name),
            original=self.abbreviations(original),
            comma=self.t.comma,
            mark=self.t.gettext("unofficial translation by the site"),
        )

    def papers_on(self, topic: Topic) -> list[models.Paper]:
        return self._papers_by_topic.get(topic, [])

    @remembered
    def _papers_by_topic(self) -> dict[Topic, list[models.Paper]]:
        index: dict[Topic, list[models.Paper]] = {}
        for paper in self.catalog.papers:
            for topic in paper.topics:
                index.setdefault(topic, []).append(paper)
        return index

    def passages(self, source: models.Source) -> list[Markup]:
        """The source's stored text as paragraphs, each cited passage marked and anchored."""
        if not source.text:
            return []
        quoted = [c.quote for _, c in self.citations_of(source.id) if c.quote]
        return _highlight(self.catalog.passages[source.id], quoted)

    def citations_of(self, source_id: str) -> list[tuple[tuple[str, str], models.Citation]]:
        """Every citation of a source in the published catalog, with the record citing it."""
        return self.catalog.citations_by_source.get(source_id, [])

    def uses_of(self, source_id: str) -> list[tuple[Markup, list[str]]]:
        """Where a source is cited, grouped by page: each page once, with the passages it
        cites under it, each once (every organisation's passages under the People page)."""
        grouped: dict[Markup, list[str]] = {}
        for owner, citation in self.citations_of(source_id):
            quotes = grouped.setdefault(self._page_link(owner), [])
            if citation.quote and citation.quote not in quotes:
                quotes.append(citation.quote)
        return list(grouped.items())

    def _page_link(self, owner: tuple[str, str]) -> Markup:
        kind, record_id = owner
        src = record_id if kind == "page" else SHOWN_ON.get(kind)
        if src is None:
            return self.link(kind, record_id)
        page = self.catalog.pages.get(src)
        title = page.meta.title if page and page.meta.title else src.removesuffix(".md")
        return _anchor(self.href(src), self.t.text(title))


def _anchor(href: str | None, text: Any) -> Markup:
    """A link with its text escaped, or the text alone where the page is not published."""
    if href is None:
        return escape_text(text)
    return Markup('<a href="{}">{}</a>').format(escape_attribute(href), escape_text(text))


_KIND_OF = {kind.model: kind.name for kind in KINDS}


class _Watched:
    """The catalog as the templates see it: a record a template looks up (a leader's
    card) is one the page shows, as are those handed to it (Views.block)."""

    def __init__(self, views: Views):
        self._views = views

    def get(self, kind: str, record_id: str) -> Any:
        if self._views.page is not None:
            self._views.page.shown.add((kind, record_id))
        return self._views.catalog.get(kind, record_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._views.catalog, name)


def _records_in(value: Any, depth: int = 0) -> set[tuple[str, str]]:
    """(kind, id) of the records in a template's context: given alone, in lists, in tuples
    (a timeline's events) or in mappings (meetings by year), a few levels deep."""
    if (kind := _KIND_OF.get(type(value))) is not None:
        return {(kind, value.id)}
    if depth > 3:
        return set()
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, (list, tuple)):
        return set().union(*(_records_in(item, depth + 1) for item in value))
    return set()


def _display_name(record: Any, t: Translator) -> str:
    for attribute in ("title", "name"):
        value = getattr(record, attribute, None)
        if value:
            return t.text(value) if not isinstance(value, str) else value
    return record.id


def _highlight(passages: Passages, quotes: list[str]) -> list[Markup]:
    spans = passages.spans(quotes)
    out = []
    seen: set[str] = set()  # anchors already on the page: a quote across paragraphs has one
    for paragraph in passages.paragraphs:
        start, end = paragraph.start, paragraph.start + len(paragraph.text)
        inside = [(max(a, start), min(b, end), q) for a, b, q in spans if a < end and b > start]
        pieces, cursor = [], start
        marks = _merge_marks(inside, seen)
        shown = paragraph.shown  # the published text, curly quotes and all
        for a, b, anchors in marks:
            pieces.append(escape_text(shown[cursor - start : a - start]))
            ids = Markup("").join(Markup('<span id="{}"></span>').format(i) for i in anchors)
            pieces.append(
                Markup("{}<mark>{}</mark>").format(ids, escape_text(shown[a - start : b - start]))
            )
            cursor = b
        pieces.append(escape_text(shown[cursor - start : end - start]))
        out.append(Markup("").join(pieces))
    return out


def _merge_marks(
    spans: list[tuple[int, int, str]], seen: set[str]
) -> list[tuple[int, int, list[str]]]:
    merged: list[tuple[int, int, list[str]]] = []
    for a, b, quote in sorted(spans):
        if merged and a <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], b), last[2] + [anchor(quote)])
        else:
            merged.append((a, b, [anchor(quote)]))
    # An anchor id must be unique on the page: keep each quote's first occurrence.
    for _, _, anchors in merged:
        anchors[:] = [i for i in dict.fromkeys(anchors) if not (i in seen or seen.add(i))]
    return merged
