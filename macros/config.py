"""What one build is configured with, read from the environment in this one place.

Made once where a run starts (``gceg``'s commands in tools/cli.py; the MkDocs hooks in
``define_env``) and handed down. Three settings reach the build through mkdocs.yml's
``!ENV`` tags instead, so that a plain ``mkdocs build`` honours them too: GCEG_AUDIENCE
(``extra.audience``), GCEG_SITE_URL (``site_url``) and GCEG_OFFLINE (the offline plugin);
the hooks take them from the MkDocs configuration (``for_site``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class BuildConfig:
    pdf: bool = True  # GCEG_PDF: "0" leaves the PDFs out (the live preview does)
    pdf_cache: Path | None = None  # GCEG_PDF_CACHE: rendered PDFs, instead of the cache folder
    load_cache: bool = True  # GCEG_CACHE: "0" reads and validates every file again
    incremental: bool = True  # GCEG_INCREMENTAL: "0" makes every page again (macros/incremental)
    cache_base: Path = Path.home() / ".cache"  # GCEG_CACHE_DIR, else XDG_CACHE_HOME
    preview: bool = False  # GCEG_PREVIEW=1: `gceg serve`'s live preview
    versioned: bool = False  # MIKE_DOCS_VERSION: mike is publishing a version
    dump_markdown: Path | None = None  # GCEG_DUMP_MARKDOWN: each page's Markdown (benchmarks)
    # GCEG_MATERIAL_INDEX: a folder that keeps Material's whole-corpus search index, which
    # the online sites leave out (benchmarks compare the two searches on the same pages)
    material_index: Path | None = None
    debug: bool = False  # GCEG_DEBUG: a fault in gceg shows its traceback
    source_date_epoch: str | None = None  # SOURCE_DATE_EPOCH: the date the site states
    git_dir: bool = False  # GIT_DIR is set: git finds the checkout there
    language: str = "en"  # GCEG_LANGUAGE: the language of this site (en, fr, es, ar)
    release: bool = False  # GCEG_RELEASE=1: an untranslated or fuzzy interface string fails
    trial: bool = False  # GCEG_RELEASE=0: `gceg publish` publishes without that check
    # GCEG_LANGUAGES: the languages `gceg build` builds (all four unless told; the
    # language selector offers these only)
    languages: tuple[str, ...] = ("en", "fr", "es", "ar")
    # From the MkDocs configuration (see above); None outside a site build.
    audience: str | None = None
    site_url: str | None = None
    offline: bool = False

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> BuildConfig:
        env = os.environ if environ is None else environ
        return cls(
            pdf=env.get("GCEG_PDF", "1") != "0",
            pdf_cache=Path(env["GCEG_PDF_CACHE"]) if env.get("GCEG_PDF_CACHE") else None,
            load_cache=env.get("GCEG_CACHE", "1") != "0",
            incremental=env.get("GCEG_INCREMENTAL", "1") != "0",
            cache_base=Path(
                env.get("GCEG_CACHE_DIR") or env.get("XDG_CACHE_HOME") or Path.home() / ".cache"
            ),
            preview=env.get("GCEG_PREVIEW") == "1",
            versioned=bool(env.get("MIKE_DOCS_VERSION")),
            dump_markdown=Path(env["GCEG_DUMP_MARKDOWN"])
            if env.get("GCEG_DUMP_MARKDOWN")
            else None,
            material_index=Path(env["GCEG_MATERIAL_INDEX"])
            if env.get("GCEG_MATERIAL_INDEX")
            else None,
            debug=bool(env.get("GCEG_DEBUG")),
            source_date_epoch=env.get("SOURCE_DATE_EPOCH"),
            git_dir="GIT_DIR" in env,
            language=env.get("GCEG_LANGUAGE") or "en",
            release=env.get("GCEG_RELEASE") == "1",
            trial=env.get("GCEG_RELEASE") == "0",
            languages=tuple(env["GCEG_LANGUAGES"].split(","))
            if env.get("GCEG_LANGUAGES")
            else cls.languages,
        )

    def for_site(self, mkdocs_config: Mapping) -> BuildConfig:
        """This configuration with the settings MkDocs read from mkdocs.yml."""
        return replace(
            self,
            audience=mkdocs_config["extra"].get("audience", "public"),
            site_url=mkdocs_config["site_url"] or "/",
            offline=bool(mkdocs_config["plugins"]["material/offline"].config.enabled),
            language=mkdocs_config["theme"]["language"],
        )
