"""The four sites: where each language lives, and how a page reaches itself in the others.

English is at the site's root and each other language in a folder of its own (``fr/``,
``es/``, ``ar/``) holding a complete site. A page has the same path in every language,
so the language selector and the ``hreflang`` alternates are the same path under another
folder: relative, so that they keep the version a reader is in (``/1.0/fr/about/``).
"""

from __future__ import annotations

from ..model.vocab import N_, SOURCE_LANGUAGE, Language

LANGUAGES: tuple[str, ...] = tuple(language.value for language in Language)
# Each language by its own name, as a reader looks for it in a selector (never translated).
AUTONYMS = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}

# mkdocs.yml's own texts, translated by define_env (the msgids must equal mkdocs.yml's
# values, tests/unit/test_languages.py checks), and the navigation's titles (its nav).
SITE_TEXTS = {
    "site_name": N_("Global Cybercrime Expert Group"),
    "site_description": N_(
        "Mandate, meetings, subjects discussed and strategy papers of the INTERPOL Global "
        "Cybercrime Expert Group (GCEG), with the source of every fact."
    ),
    "copyright": N_("Content compiled from cited sources; see each page's Sources section."),
}
NAV_TITLES = (
    N_("Home"),
    N_("About"),
    N_("Meetings"),
    N_("Subjects"),
    N_("Strategy"),
    N_("People"),
    N_("Glossary"),
    N_("Sources"),
)


def folder(language: str) -> str:
    """The language's folder under the site's root: '' for English, else 'fr/'."""
    return "" if language == SOURCE_LANGUAGE else f"{language}/"


def to_root(url: str, language: str) -> str:
    """The relative path from a page (its site URL in its language) to the root of all
    four sites."""
    depth = url.count("/") + (0 if language == SOURCE_LANGUAGE else 1)
    return "../" * depth


def alternates(
    url: str, language: str, base_url: str | None = None, built: tuple[str, ...] = LANGUAGES
) -> list[dict]:
    """The page at ``url`` in every language built: name, language code, link (relative,
    or absolute under ``base_url``, the root of all four sites, when one is configured)."""
    root = base_url.rstrip("/") + "/" if base_url else to_root(url, language)
    out = []
    for other in (code for code in LANGUAGES if code in built):
        link = f"{root}{folder(other)}{url}" or "./"
        out.append(
            {
                "lang": other,
                "name": AUTONYMS[other],
                "link": link,
                "current": other == language,
                "dir": Language(other).direction,
            }
        )
    return out


def translated_nav(nav, gettext):
    """mkdocs.yml's navigation with its titles in the build's language."""
    if nav is None:
        return None
    out = []
    for item in nav:
        if isinstance(item, dict):
            title, value = next(iter(item.items()))
            value = translated_nav(value, gettext) if isinstance(value, list) else value
            out.append({gettext(title): value})
        else:
            out.append(item)
    return out


# The theme overrides' own words (overrides/*.html read them from config.extra.gceg_strings,
# which define_env fills in the build's language), marked here for the message catalogue.
THEME_STRINGS = {
    "skip": N_("Skip to main content"),
    "classification": N_("Classification:"),
    "members_title": N_("Members' site."),
    "members_text": N_(
        "It contains material marked up to TLP:AMBER+STRICT. "
        "Share each page only as its marking allows."
    ),
    "outdated_title": N_("This is an archived edition of the site."),
    "outdated_text": N_("It is kept unchanged for the record."),
    "outdated_link": N_("Go to the latest edition."),
    "not_found_title": N_("Page not found"),
    "not_found_text": N_(
        "There is no page at this address. It may have moved: use the search above, "
        "or the navigation. A document can always be reached by its number, at {address}."
    ),
    "document_number": N_("document number"),
    "other_formats": N_("Other formats"),
    "feed": N_("Atom feed"),
    "open_data": N_("Open data (JSON)"),
    "compendium": N_("All documents (PDF)"),
}


def theme_strings(gettext) -> dict[str, str]:
    strings = {key: gettext(message) for key, message in THEME_STRINGS.items()}
    # the 404 page writes the address pattern as code where the sentence places it
    before, _, after = strings["not_found_text"].partition("{address}")
    strings["not_found_before"], strings["not_found_after"] = before.rstrip(), after
    return strings
