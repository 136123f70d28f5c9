"""What translators are given and what readers read (render/i18n.py, the catalogues in
macros/render/locales): whole sentences with named placeholders, never pieces glued
together; counts that agree with their number in each language's plural forms (Arabic
has six); short words that have two senses told apart by their context (msgctxt)."""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from jinja2 import Environment, nodes
from markupsafe import Markup

from macros.model.vocab import DocumentStatus
from macros.render.escaping import escape_text
from macros.render.i18n import BABEL_LOCALE, Translator, po_path, untranslated
from macros.render.views import COUNTRIES_REPRESENTED, UNCHANGED, Views
from macros.rules import load
from tests.conftest import ROOT, corpus_root

# Arabic's six forms: zero, one, two, few (3-10), many (11-99), other (100-102, ...)
ARABIC = [0, 1, 2, 3, 11, 100]


@pytest.mark.parametrize(
    "language, forms, rule",
    [
        ("fr", 2, "(n > 1)"),  # 0 and 1 are singular
        ("es", 2, "(n != 1)"),
        ("ar", 6, get_plural("ar").plural_expr),  # Babel's (CLDR's) six forms
    ],
)
def test_each_catalogue_has_its_language_s_plural_rule(language, forms, rule):
    with po_path(language).open("rb") as handle:
        catalogue = read_po(handle, locale=BABEL_LOCALE[language])
    assert (catalogue.num_plurals, catalogue.plural_expr) == (forms, rule)
    assert all(
        len(message.string) == forms for message in catalogue if message.id and message.pluralizable
    )


@pytest.mark.parametrize(
    "language, n, phrase",
    [
        ("en", 1, "1 country represented"),
        ("en", 30, "30 countries represented"),
        ("fr", 0, "0 pays représenté"),  # French counts 0 as singular
        ("fr", 1, "1 pays représenté"),
        ("fr", 2, "2 pays représentés"),
        ("es", 0, "0 países representados"),  # Spanish does not
        ("es", 1, "1 país representado"),
        ("es", 2, "2 países representados"),
        *zip(
            ["ar"] * 6,
            ARABIC,
            [
                "0 بلد ممثَّل",
                "1 بلد ممثَّل",
                "2 بلدان ممثَّلان",  # the dual
                "3 بلدان ممثَّلة",  # 3 to 10: the plural
                "11 بلدًا ممثَّلًا",  # 11 to 99: the singular, accusative
                "100 بلد ممثَّل",  # 100: the singular, genitive
            ],
            strict=True,
        ),
        ("ar", 103, "103 بلدان ممثَّلة"),  # the rule reads the last two digits
    ],
)
def test_a_count_agrees_with_its_number(language, n, phrase):
    t = Translator(language)
    assert t.ngettext(*COUNTRIES_REPRESENTED, n).format(count=t.number(n)) == phrase


@pytest.mark.parametrize(
    "language, counts, experts",
    [
        ("fr", [0, 1, 2], ["0 expert", "1 expert", "2 experts"]),
        ("es", [0, 1, 2], ["0 expertos", "1 experto", "2 expertos"]),
        (
            "ar",
            ARABIC,
            ["0 خبير", "1 خبير", "2 خبيران", "3 خبراء", "11 خبيرًا", "100 خبير"],
        ),
    ],
)
def test_two_counts_in_one_sentence_each_agree_with_their_own_number(language, counts, experts):
    """Attendance ("{experts} from {countries}"): each count is its own plural message, in
    the form its number takes; one sentence holds both (templates/shared/parts.html)."""
    t = Translator(language)
    ngettext = t.template_functions(escape_text)["ngettext"]
    for n, expected in zip(counts, experts, strict=True):
        people = ngettext("{count} expert", "{count} experts", n, count=t.number(n))
        countries = ngettext("{count} country", "{count} countries", 30, count="30")
        sentence = t.template_functions(escape_text)["gettext"](
            "{experts} from {countries}", experts=people, countries=countries
        )
        assert str(sentence).startswith(expected)
        assert sentence.endswith(
            {"fr": "de 30 pays", "es": "de 30 países", "ar": "من 30 بلدًا"}[language]
        )


@pytest.mark.parametrize(
    "language, n, days, paragraphs",
    [
        ("fr", 1, "1 jour", "1 paragraphe inchangé"),
        ("fr", 2, "2 jours", "2 paragraphes inchangés"),
        ("ar", 1, "يوم واحد", "فقرة واحدة دون تغيير"),
        ("ar", 2, "يومان", "فقرتان دون تغيير"),
        ("ar", 3, "3 أيام", "3 فقرات دون تغيير"),
        ("ar", 11, "11 يومًا", "11 فقرةً دون تغيير"),
    ],
)
def test_an_exact_count_may_be_said_in_words(language, n, days, paragraphs):
    t = Translator(language)
    assert t.template_functions(escape_text)["ngettext"]("{num} day", "{num} days", n) == days
    assert t.ngettext(*UNCHANGED, n).format(num=n) == paragraphs  # a diff's folded run


@pytest.mark.parametrize(
    "language, status, dated",
    [
        ("en", "Adopted", "Adopted"),
        ("fr", "Adopté", "Date d'adoption"),
        ("es", "Adoptado", "Fecha de adopción"),
        ("ar", "معتمدة", "تاريخ الاعتماد"),
    ],
)
def test_a_word_with_two_senses_is_translated_in_each(language, status, dated):
    """ "Adopted" is a paper's status (a chip, a chart's bar) and the label of the date it
    was adopted: two messages, told apart by their context."""
    t = Translator(language)
    assert t.gettext(DocumentStatus.ADOPTED.label) == status  # the label carries its context
    assert t.pgettext("date", "Adopted") == dated
    assert t.gettext("Adopted") == "Adopted"  # no message without a context: none is shown


def test_a_message_s_values_are_escaped_and_placed_where_the_translation_puts_them():
    gettext = Translator("fr").template_functions(escape_text)["gettext"]
    link = Markup('<a href="../x/">x</a>')
    shown = gettext("This paper has been replaced by {paper}.", paper=link)
    assert shown == 'Ce document a été remplacé par <a href="../x/">x</a>.'
    hostile = gettext("See {paper}.", paper="<b>[x](javascript:alert(1))</b>")
    assert "<b>" not in hostile and "](" not in hostile  # escaped as every printed value is
    assert hostile.startswith("Voir &lt;b&gt;&#91;x&#93;")


def test_a_citation_shows_the_title_the_site_translated_with_the_original():
    catalog = load(corpus_root(), use_cache=False)
    arabic = Views(catalog, Translator("ar")).citation_text("GCEG-MTG-0001")
    assert '<span class="gceg-cite-this__title" lang="ar" dir="rtl">الاجتماع الأول' in arabic
    assert "ترجمة غير رسمية للعنوان" in arabic  # marked as the site's unofficial translation
    assert '<span lang="en" dir="ltr">First meeting of the INTERPOL' in arabic
    assert "0001، 1 ديسمبر 2015" in arabic  # punctuated in Arabic
    english = Views(catalog, Translator("en")).citation_text("GCEG-MTG-0001")
    assert "<span" not in english and english.startswith("Editors of the GCEG strategy site")
    # Spanish has no translation of this title: the original alone, unmarked
    spanish = Views(catalog, Translator("es")).citation_text("GCEG-MTG-0001")
    assert "<span" not in spanish and "First meeting of the INTERPOL" in spanish


@pytest.mark.parametrize("chart", ["meetings_chart", "topics_chart", "status_chart"])
def test_a_chart_speaks_the_page_s_language_throughout(chart):
    """Title, column headings, the figures' summary and the bars' labels: no English word
    on the Arabic site (the titles were once passed to gettext without being extracted)."""
    views = Views(load(corpus_root(), use_cache=False), Translator("ar"))
    views.MIN_CHART_POINTS = 1  # the corpus has two years of meetings: draw them anyway
    drawn = getattr(views, chart)()
    assert drawn.strip()
    text = " ".join(BeautifulSoup(drawn, "lxml").get_text(" ").split())
    assert re.findall(r"[A-Za-z]{2,}", text) == [], text


# ------------------------------------------------------------ no sentence glued from pieces

TRANSLATING = {"_", "gettext", "ngettext", "pgettext", "npgettext"}
TEMPLATES = ("macros/render/templates", "macros/exports/pdf/templates")


def _translated(node) -> str | None:
    """The English message of a translation call in a template (through its filters)."""
    while isinstance(node, nodes.Filter):
        node = node.node
    if isinstance(node, nodes.Call) and getattr(node.node, "name", None) in TRANSLATING:
        constants = [a.value for a in node.args if isinstance(a, nodes.Const)]
        return constants[-1] if constants else ""
    return None


def glued_in_templates(root: Path) -> list[str]:
    """Translated pieces joined with ``~``, and a translated fragment printed right before a
    value ("This paper was withdrawn on" {{ date }}); a label (ending in ":") may be."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    found = []
    for folder in TEMPLATES:
        for path in sorted((root / folder).rglob("*.html")):
            tree = env.parse(path.read_text(encoding="utf-8"))
            name = path.relative_to(root)
            for concat in tree.find_all(nodes.Concat):
                if any(_translated(n) is not None for n in concat.nodes):
                    found.append(f"{name}:{concat.lineno}: a translated piece joined with ~")
            for output in tree.find_all(nodes.Output):
                items = [n for n in output.nodes if not _blank(n)]
                for first, second in itertools.pairwise(items):
                    message = _translated(first)
                    if message and not message.endswith(":") and not _text(second):
                        found.append(f"{name}:{first.lineno}: {message!r} then a value")
    return found


def _blank(node) -> bool:
    return isinstance(node, nodes.TemplateData) and not node.data.strip()


def _text(node) -> bool:
    return isinstance(node, nodes.TemplateData)


def glued_in_python(root: Path) -> list[str]:
    """A translated string joined to another with ``+`` or placed in an f-string."""
    found = []
    for path in sorted((root / "macros").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        name = path.relative_to(root)
        for node in ast.walk(tree):
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
                parts = (node.left, node.right)
            elif isinstance(node, ast.JoinedStr):
                parts = tuple(v.value for v in node.values if isinstance(v, ast.FormattedValue))
            else:
                continue
            if any(_translating_call(part) for part in parts):
                found.append(f"{name}:{node.lineno}: a translated string joined to another")
    return found


def _translating_call(node) -> bool:
    """A call to gettext and its kin, or to .format() of one."""
    while isinstance(node, ast.Call):
        function = node.func
        called = getattr(function, "attr", None) or getattr(function, "id", None)
        if called in TRANSLATING:
            return True
        if called != "format" or not isinstance(function, ast.Attribute):
            return False
        node = function.value
    return False


def test_no_template_glues_a_sentence_from_translated_pieces():
    assert glued_in_templates(ROOT) == []


def test_no_module_glues_a_sentence_from_translated_pieces():
    assert glued_in_python(ROOT) == []


def test_a_release_refuses_a_word_untranslated_in_one_of_its_senses(tmp_path, monkeypatch):
    from macros.render import i18n

    locales = tmp_path / "locales"
    (locales / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (locales / "messages.pot").write_text(
        'msgctxt "date"\nmsgid "Adopted"\nmsgstr ""\n\n'
        'msgctxt "document status"\nmsgid "Adopted"\nmsgstr ""\n'
    )
    po = locales / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text('msgctxt "document status"\nmsgid "Adopted"\nmsgstr "Adopté"\n')
    monkeypatch.setattr(i18n, "LOCALES_DIR", locales)
    assert untranslated("fr") == ["messages.po (fr): untranslated: 'Adopted'"]
    po.write_text(po.read_text() + '\nmsgctxt "date"\nmsgid "Adopted"\nmsgstr "Date d\'adoption"\n')
    assert untranslated("fr") == []
