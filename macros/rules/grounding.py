"""Every fact has its source: facts are cited or noted by the editors, citations quote
their source word for word, a source marked complete is cited sentence by sentence, and a
page's own sentences that make a claim carry a citation."""

from __future__ import annotations

from collections.abc import Iterator

from ..load.cache import LoadCache
from ..load.catalog import Catalog
from ..load.contents import Contents, contents_of
from ..load.page_claims import KnownNames, uncited_claims
from ..load.quotes import normalise
from ..model import models
from ..model.fields import localise
from ..model.models import RuleProblem
from ..problems import Problem
from .records import every_record


def facts_are_grounded(catalog: Catalog) -> Iterator[Problem]:
    """Every fact a record states has a citation, or an editors' note saying it is their
    reading (models.Grounded): nothing is published as if a source said it when none does."""
    for kind, record, origin in every_record(catalog, salvaged=True):
        for loc, message in unbacked_facts(record, catalog.contents[(kind, record.id)]):
            yield origin.problem(loc, message)


def unbacked_facts(
    record: models.Record, contents: Contents | None = None
) -> Iterator[RuleProblem]:
    """The facts of a record and of the entries inside it (a venue, an attendance) that
    nothing backs, from the catalog's one reading of the record's contents (made here if
    not given)."""
    contents = contents or contents_of(record, (models.Grounded,))
    for cls, entries in contents.instances.items():
        if issubclass(cls, models.Grounded):
            for at, entry in entries:
                yield from entry.grounding_problems(at, record._dropped)


_CLAIM_READERS = ("load/page_claims.py",)


def page_sentences_are_cited(catalog: Catalog) -> Iterator[Problem]:
    """A page's own sentences that name someone the catalog knows, or give a year, carry a
    citation mark or stand in an editors' note (page_claims). A paper's text is the paper's
    own words, not the site's, and is not read."""
    group = catalog.records["group"].get("group")
    names = [localise(group.name), group.short_name] if group else []
    for organisation in catalog.records["organisation"].values():
        names += [localise(organisation.name), organisation.short_name or ""]
    names += [localise(person.name) for person in catalog.records["person"].values()]
    known = KnownNames(names)
    # a page's claims depend on its text and the names only: kept by both, a page that did
    # not change is not read again (most of the time validation takes at 10,000 pages)
    folder = catalog.cache_folder
    memo = LoadCache(folder / "page-claims.pickle" if folder else None, _CLAIM_READERS)
    names_key = LoadCache.key(*sorted(names)).hex()
    for src, page in sorted(catalog.pages.items()):
        if catalog.edition_of(src) is not None:
            continue
        key = memo.key(names_key, src, str(page.body_line), page.body)
        claims = memo.get(key)
        if claims is None:
            claims = list(uncited_claims(page.body, page.body_line, known))
            memo.put(key, claims)
        for claim in claims:
            yield Problem(
                f"docs/{src}",
                claim.line,
                "(text)",
                f"this sentence {claim.names} but cites nothing: add "
                '{{ cite("<source-id>", "<the passage, word for word>") }} after it, or put '
                f"it in an editors' note (!!! editors): '{_shorten(claim.sentence)}'",
            )
    memo.save()


def citations_are_verbatim(catalog: Catalog) -> Iterator[Problem]:
    """Every quoted passage, and every quoted statement, is in its source's stored text."""
    texts = catalog.passages
    if not texts:
        return
    for key, loc, citation in catalog.instances(models.Citation):
        passages = texts.get(citation.source)
        if passages is None:
            continue
        origin = catalog.origin(*key)
        if not citation.quote:
            yield origin.problem(
                loc, f"quote the passage of '{citation.source}' that supports this fact"
            )
        elif not passages.contains(citation.quote):
            yield origin.problem(
                (*loc, "quote"),
                f"not found word for word in source '{citation.source}': "
                f"'{_shorten(citation.quote)}'" + _closest(passages, citation.quote),
            )
    for key, loc, statement in catalog.instances(models.Statement):
        passages = texts.get(statement.cite.source)
        if passages is None:
            continue
        for index, paragraph in enumerate(statement.paragraphs):
            text = localise(paragraph)
            if not passages.contains(text):
                yield catalog.origin(*key).problem(
                    (*loc, "paragraphs", index),
                    f"quoted words not found in source '{statement.cite.source}': "
                    f"'{_shorten(text)}'" + _closest(passages, text),
                )


def _closest(passages, quote: str) -> str:
    found = passages.closest(quote)
    if found is None:
        return "; no passage of the source is like it: check the source"
    return f"; the closest passage in the source reads '{_shorten(found, 120)}': copy it exactly"


def sources_fully_cited(catalog: Catalog) -> Iterator[Problem]:
    """A source marked ``coverage: complete`` has every sentence cited on the site.
    Not judged while a record could not be read at all: its citations may be the missing
    ones, and its own file already says what to fix."""
    if any(
        not catalog.has(kind, record_id) and (kind, record_id) not in catalog.salvaged
        for kind, record_id in catalog.declared
    ):
        return
    complete = [s for s in catalog.all("source") if s.coverage == "complete" and s.text]
    if not complete:
        return
    quoted: dict[str, list[str]] = {}
    for _, _, citation in catalog.instances(models.Citation):
        if citation.quote:
            quoted.setdefault(citation.source, []).append(citation.quote)
    for _, _, statement in catalog.instances(models.Statement):
        quoted.setdefault(statement.cite.source, []).extend(
            localise(p) for p in statement.paragraphs
        )
    for source in complete:
        if source.coverage != "complete" or not source.text:
            continue
        origin = catalog.origin("source", source.id)
        passages = catalog.passages[source.id]
        for sentence in passages.uncovered(quoted.get(source.id, [])):
            yield Problem(
                origin.path,
                origin.line(("text",)) + 1 + sentence.line,
                "text",
                f"this sentence is not cited anywhere on the site: '{_shorten(sentence.text)}'",
            )


def _shorten(text: str, limit: int = 70) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
