"""The four languages: formatting per language, where each site lives, the release check of
the message catalogues, and translations' staleness and merging (load/translations.py)."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from macros.load.translations import revision, shows_english, sidecar
from macros.model import models
from macros.model.vocab import Qualifier
from macros.problems import ValidationFailed
from macros.render import i18n
from macros.render.i18n import Translator, untranslated
from macros.render.languages import SITE_TEXTS, THEME_STRINGS, alternates, to_root
from macros.rules import load
from tests.conftest import ROOT, copy_project


@pytest.mark.parametrize(
    "language, number, around, some, day",
    [
        ("en", "12,345", "around 80", "some 30", "30 November 2015"),
        ("fr", "12\u202f345", "environ 80", "quelque 30", "30 novembre 2015"),
        ("es", "12.345", "alrededor de 80", "unos 30", "30 de noviembre de 2015"),
        ("ar", "12,345", "نحو 80", "زهاء 30", "30 نوفمبر 2015"),
    ],
)
def test_numbers_dates_and_qualifiers_follow_the_language(language, number, around, some, day):
    t = Translator(language)
    assert t.number(12345) == number
    assert t.figure(80, Qualifier.AROUND) == around
    assert t.figure(30, Qualifier.SOME) == some
    assert t.date(date(2015, 11, 30)) == day


def test_english_lives_at_the_root_and_each_language_in_its_folder():
    links = {alt["lang"]: alt["link"] for alt in alternates("meetings/x/", "fr")}
    assert links == {
        "en": "../../../meetings/x/",
        "fr": "../../../fr/meetings/x/",
        "es": "../../../es/meetings/x/",
        "ar": "../../../ar/meetings/x/",
    }
    assert alternates("", "en")[0]["link"] == "./"
    assert to_root("", "ar") == "../"
    absolute = alternates("about/", "es", "https://gceg.test/1.0/")
    assert [alt["link"] for alt in absolute][1] == "https://gceg.test/1.0/fr/about/"
    assert [alt["dir"] for alt in absolute] == ["ltr", "ltr", "ltr", "rtl"]


def test_the_site_texts_marked_for_translation_are_mkdocs_yml_s():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("!ENV", "")  # its tags mean nothing here
    settings = yaml.safe_load(config)
    for key, message in SITE_TEXTS.items():
        assert " ".join(str(settings[key]).split()) == message, key


def test_a_release_refuses_untranslated_and_fuzzy_strings(tmp_path, monkeypatch):
    locales = tmp_path / "macros" / "render" / "locales"
    (locales / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (locales / "messages.pot").write_text('msgid "Home"\nmsgstr ""\n\nmsgid "About"\nmsgstr ""\n')
    po = locales / "fr" / "LC_MESSAGES" / "messages.po"
    po.write_text('msgid "Home"\nmsgstr "Accueil"\n\n#, fuzzy\nmsgid "About"\nmsgstr "Apropos"\n')
    monkeypatch.setattr(i18n, "LOCALES_DIR", locales)
    assert untranslated("fr") == ["messages.po (fr): fuzzy: 'About'"]
    with pytest.raises(i18n.UntranslatedStrings):
        Translator("fr", strict=True)
    assert Translator("fr").gettext("About") == "About"  # a fuzzy string is never shown
    po.write_text('msgid "Home"\nmsgstr "Accueil"\n\nmsgid "About"\nmsgstr "À propos"\n')
    assert untranslated("fr") == []
    assert untranslated("es") == ["macros/render/locales/es/LC_MESSAGES/messages.po is missing"]


def test_sidecar_names():
    assert sidecar("about.fr.md") == ("about.md", "fr")
    assert sidecar("meetings/2015-first-meeting.ar.yaml") == (
        "meetings/2015-first-meeting.yaml",
        "ar",
    )
    assert sidecar("strategy/paper/1.0.md") is None
    assert sidecar("about.de.md") is None
    assert sidecar("about.en.md") is None


@pytest.fixture
def corpus(tmp_path):
    return copy_project(tmp_path / "project")


def test_a_translation_is_stale_once_the_english_file_changes(corpus):
    fresh = load(corpus, use_cache=False)
    assert not fresh.translations.page("fr", "about.md").stale
    assert not fresh.translations.record("fr", "meeting", "2015-first-meeting").stale
    assert fresh.translations.page("es", "glossary.md") is None
    meeting = corpus / "data/meetings/2015-first-meeting.yaml"
    meeting.write_text(meeting.read_text() + "\n# a comment changes the bytes\n")
    page = corpus / "docs/about.md"
    page.write_text(page.read_text() + "\n")
    changed = load(corpus, use_cache=False)
    assert changed.translations.page("fr", "about.md").stale
    assert changed.translations.record("fr", "meeting", "2015-first-meeting").stale
    assert revision(page.read_bytes()) != revision(b"")


def test_record_translations_are_merged_into_the_localised_fields(corpus):
    catalog = load(corpus, use_cache=False)
    meeting = catalog.get("meeting", "2015-first-meeting")
    assert meeting.title["en"].startswith("First meeting")
    assert meeting.title["fr"].startswith("Première réunion")
    assert meeting.title["ar"].startswith("الاجتماع الأول")
    assert "es" not in meeting.title
    # an item left {} keeps its English only
    assert "ar" in meeting.outcomes[0].text and "ar" not in meeting.outcomes[1].text
    # citations are the English record's: a translation cannot change what backs a fact
    assert meeting.outcomes[0].cite.quote.startswith("they discussed issues")
    passages = catalog.translations.passages[("fr", "interpol-cyber-experts-meeting-2015")]
    assert passages["INTERPOL Secretary General Jürgen Stock said"].startswith("a déclaré")


def test_sidecars_are_not_pages_or_records_of_their_own(corpus):
    catalog = load(corpus, use_cache=False)
    assert "about.fr.md" not in catalog.pages
    assert not any("." in record_id for record_id in catalog.records["meeting"])
    (corpus / "docs/gone.fr.md").write_text("---\ntranslates: 000000000000\n---\n")
    with pytest.raises(
        ValidationFailed, match=r"docs/gone\.fr\.md:1: .*docs/gone\.md, which does not"
    ):
        load(corpus, use_cache=False)


def test_the_theme_s_english_words_in_mkdocs_yml_are_the_catalogue_s():
    settings = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    assert settings["extra"]["gceg_strings"] == THEME_STRINGS


def test_the_coverage_table_counts_translated_stale_and_missing(corpus):
    from macros.tools.coverage import table

    page = corpus / "docs/about.md"
    page.write_text(page.read_text() + "\n")  # the fr and es translations are now stale
    rows = {line.split(" | ")[0].strip("| "): line for line in table(load(corpus)).splitlines()}
    pages = len(load(corpus).pages)
    # pages: translated/total, stale, missing; records (a source by its passages) alike
    assert rows["fr"].startswith(f"| fr | 0/{pages} | 1 | {pages - 1} | 2/")
    assert rows["es"].startswith(f"| es | 0/{pages} | 1 | {pages - 1} | 0/")
    assert rows["ar"].startswith(f"| ar | 1/{pages} | 0 | {pages - 1} | 1/")


@pytest.mark.parametrize(
    "language, comma", [("en", ", "), ("fr", ", "), ("es", ", "), ("ar", "، ")]
)
def test_each_language_writes_its_own_comma(language, comma):
    assert Translator(language).comma == comma


@pytest.mark.parametrize(
    "start, end, shown",
    [
        (date(2015, 12, 1), date(2015, 12, 1), "1er décembre 2015"),
        (date(2015, 11, 30), date(2015, 12, 1), "30 novembre – 1er décembre 2015"),
        (date(2015, 12, 1), date(2015, 12, 3), "1er – 3 décembre 2015"),
        (date(2015, 12, 11), date(2015, 12, 11), "11 décembre 2015"),
    ],
)
def test_french_writes_the_first_of_a_month_as_an_ordinal(start, end, shown):
    assert Translator("fr").date_range(start, end) == shown


CITE = {"source": "s"}


@pytest.mark.parametrize(
    "record, language, in_english",
    [
        ({"name": "IGCI"}, "fr", True),  # no translation
        ({"name": {"en": "IGCI", "fr": "CMII"}}, "fr", False),
        ({"name": {"en": "IGCI", "fr": "CMII"}}, "ar", True),
        # the official form a source gives is no English left on the page
        (
            {"name": "IGCI", "official_names": [{"language": "ar", "name": "م", "cite": CITE}]},
            "ar",
            False,
        ),
    ],
)
def test_a_record_shows_english_where_a_text_has_no_translation(record, language, in_english):
    name = record.pop("name")
    organisation = models.Organisation.model_validate(
        {"id": "igci", "kind": "facility", "cite": CITE, "name": "IGCI", **record}
    ).model_copy(update={"name": name})  # as load/translations.py merges a translation
    assert shows_english(organisation, language) is in_english


def test_a_person_s_name_is_never_translated_but_a_role_s_title_is():
    named = models.Person.model_validate({"id": "ada", "name": "Ada Lovelace"})
    assert shows_english(named, "fr") is False
    titled = models.Person.model_validate(
        {"id": "ada", "name": "Ada Lovelace", "roles": [{"title": "Director", "cite": CITE}]}
    )
    assert shows_english(titled, "fr") is True


def test_words_quoted_are_no_english_left_untranslated():
    statement = models.Statement.model_validate(
        {"speaker": "ada", "role": "Director", "paragraphs": ["We agree."], "cite": CITE}
    )
    assert shows_english(statement, "fr") is True  # the role, the site's words
    translated_role = statement.model_copy(update={"role": {"en": "Director", "fr": "Directrice"}})
    assert shows_english(translated_role, "fr") is False  # the words stay as said
