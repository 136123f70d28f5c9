"""mkdocs-macros entry points: the only glue between MkDocs and this package.

mkdocs-macros calls ``define_env`` once per build and the two page hooks
for every page. Its own Jinja rendering stays off (``render_by_default:
false`` in mkdocs.yml); pages are rendered in the sandbox instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

# Every other import is made inside the hook that needs it: `gceg validate` imports this
# package before it runs, and MkDocs, the render stack and the PDF composer cost about
# a second to import, most of the time a validation with nothing changed takes.
if TYPE_CHECKING:
    from .audience import Audience
    from .config import BuildConfig
    from .render.site import SiteBuild


def define_env(env) -> None:
    from mkdocs.exceptions import PluginError

    from .audience import Audience
    from .config import BuildConfig
    from .problems import ValidationFailed
    from .render.i18n import UntranslatedStrings
    from .render.languages import LANGUAGES, translated_nav
    from .render.search_facets import filter_labels
    from .render.site import SiteBuild
    from .tools import preview_problems
    from .tools.offline import OFFLINE_WORKER
    from .verify.csp import POLICY, PREVIEW_POLICY

    config = env.conf
    audience = Audience(config["extra"].get("audience", "public"))
    root = Path(env.project_dir)
    _refuse_wrong_site_dir(root, Path(config["site_dir"]), audience)
    if env.config.get("render_by_default", True) or env.config.get("force_render_paths"):
        raise PluginError(
            "mkdocs.yml: plugins.macros: render_by_default must be false and force_render_paths "
            "empty; pages are rendered in the GCEG sandbox"
        )
    settings = BuildConfig.from_environment().for_site(config)
    preview = settings.preview  # gceg serve: live reload's inline script
    language = _language(settings.language)
    base_url = config["site_url"]  # the root of all four sites (None: a local build)
    if base_url and language != "en":  # this language's site is a folder of it
        config["site_url"] = base_url.rstrip("/") + f"/{language}/"
    try:
        build = SiteBuild(
            root,
            audience,
            language=language,
            site_url=config["site_url"] or "/",
            config=settings,
            base_url=base_url,
        )
    except UntranslatedStrings as error:
        raise PluginError(
            f"a release build needs every interface string translated:\n{error}"
        ) from None
    except ValidationFailed as error:
        if not preview:
            raise PluginError(str(error)) from None
        # The preview shows the problems in the browser instead of hanging on them (and in
        # the terminal, not through MkDocs' log, whose errors would stop a strict serve).
        print(f"gceg: the preview shows these until they are fixed:\n{error}", file=sys.stderr)
        preview_problems.stand_in(config, error)
        env.gceg_build, env.gceg_problems = None, error
        return
    # overrides/main.html writes it as every page's first element (macros/verify/csp.py)
    config["extra"]["content_security_policy"] = PREVIEW_POLICY if preview else POLICY
    config["extra"]["gceg_search"] = filter_labels(build.views.t)  # overrides/partials/search.html
    if settings.offline:
        # Material would load its file:// search shim from unpkg.com; ship our copy instead.
        # Its iframe-worker writes inline scripts, which the site's policy refuses: the
        # bundle runs search with overrides/assets/javascripts/gceg-iframe-worker.js.
        config["extra"]["polyfills"] = [OFFLINE_WORKER]
    if settings.versioned:  # a versioned publication: show the selector
        config["extra"]["version"] = {"provider": "mike", "default": "latest", "alias": True}
    # translations (docs/about.fr.md) are never pages of their own: the build of their
    # language shows them at their English page's address (render/site.py)
    _exclude(config, build.excluded_pages, [f"*.{code}.md" for code in LANGUAGES if code != "en"])
    config["nav"] = translated_nav(
        _without(config["nav"], set(build.excluded_pages)), build.views.t.gettext
    )
    _speak(config, build, settings)
    for name, function in build.macros.items():
        env.macro(function, name)
    env.gceg_build = build


def on_pre_page_macros(env) -> None:
    from mkdocs.exceptions import PluginError

    from .render import allowlist as sanitize
    from .render.sandbox import ContentError

    build: SiteBuild = env.gceg_build
    if build is None:  # the preview's stand-in for content with problems
        return
    page = env.page
    sanitize.current_page = page.file.src_uri
    if "render_macros" in page.meta:
        raise PluginError(f"docs/{page.file.src_uri}: front matter may not set render_macros")
    files = env.variables["files"]
    try:
        env.markdown = build.begin_page(
            page.file.src_uri,
            env.markdown,
            page.meta,
            page.url,
            lambda: {f.src_uri: f.url for f in files.documentation_pages()},
        )
    except (ContentError, PermissionError) as error:
        raise PluginError(str(error)) from None


def on_post_page_macros(env) -> None:
    build: SiteBuild = env.gceg_build
    if build is None:
        return
    env.markdown = build.finish_page(env.page.file.src_uri, env.markdown)
    if dump := build.config.dump_markdown:
        import json

        # The benchmarks build these same pages with plain MkDocs, for a fair floor.
        target = Path(dump) / env.page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        title = json.dumps(str(env.page.title or ""))
        target.write_text(f"---\ntitle: {title}\n---\n\n{env.markdown}", encoding="utf-8")


def on_post_build(env) -> None:
    """The outputs MkDocs does not make: open data, feed, citations, permalinks, PDFs."""
    from mkdocs.exceptions import PluginError

    from .exports import write_exports
    from .tools import preview_problems

    build: SiteBuild = env.gceg_build
    site_dir = Path(env.conf["site_dir"])
    if build is None:
        preview_problems.write_pages(Path(env.project_dir), site_dir, env.gceg_problems)
        return
    # an incremental build may reuse every page, so no page hook has told the addresses
    files = env.variables["files"]
    build.know_pages(lambda: {f.src_uri: f.url for f in files.documentation_pages()})
    report = write_exports(build, site_dir)
    offline = env.conf["plugins"]["material/offline"].config.enabled
    elsewhere = build.config.versioned or build.config.preview
    if elsewhere and not offline:
        # `gceg publish` (mike) and `gceg serve` run MkDocs without `gceg build`'s stages,
        # so the search index (a stage there, macros/tools/cli.py) is written here.
        from .exports.search_index import PREVIEW_INDEX, index_site

        if build.config.preview:  # the page first; its search index a few seconds later
            PREVIEW_INDEX.start(site_dir)
        elif problem := index_site(site_dir):
            raise PluginError(f"search index: {problem}")
    if report:
        import logging

        rendered = sum(1 for state in report.values() if state == "rendered")
        reused = len(report) - rendered
        log = logging.getLogger("mkdocs.plugins.gceg")
        log.info(f"gceg: PDFs: {rendered} rendered, {reused} reused from the cache")


def _speak(config, build: SiteBuild, settings: BuildConfig) -> None:
    """Everything of MkDocs' configuration that speaks the build's language: the theme's
    words, the navigation's and mkdocs.yml's texts, headings' anchors, the language
    selector, and where this language's site finds the search index and the versions."""
    from pymdownx.slugs import slugify

    from .render.languages import SITE_TEXTS, alternates, folder, theme_strings

    language = build.language
    config["extra"]["language"] = language
    if language != "en":
        # Headings' anchors in the language's own letters (Python-Markdown's default keeps
        # ASCII only, so an Arabic heading's anchor was "_2"); English keeps its anchors.
        config["mdx_configs"].setdefault("toc", {})["slugify"] = slugify(case="lower")
    config["extra"]["gceg_folder"] = folder(language)
    for key in SITE_TEXTS:
        config[key] = build.views.t.gettext(config[key])
    config["extra"]["gceg_strings"] = theme_strings(build.views.t.gettext)  # overrides/*.html
    # The header's language selector: Material draws it, overrides/partials/alternate.html
    # makes each entry the same page in that language.
    config["extra"]["alternate"] = alternates("", language, None, settings.languages)
    # The path from this language's site to the root of all four, where `gceg build` puts
    # the one search bundle (Pagefind keeps an index per language in it); the preview and
    # a published version (mike builds each language alone, tools/publish.py) index each
    # language's site by itself.
    alone = settings.preview or settings.versioned
    config["extra"]["gceg_root"] = "" if language == "en" or alone else "../"
    # In a published version, where a language's site finds the version's root, for
    # Material's version selector (overrides/main.html, block config).
    versioned_language = settings.versioned and language != "en"
    config["extra"]["gceg_version_base"] = "/.." if versioned_language else ""


def _language(code: str) -> str:
    from mkdocs.exceptions import PluginError

    from .render.languages import LANGUAGES

    if code not in LANGUAGES:
        raise PluginError(
            f"GCEG_LANGUAGE is {code!r}; the site's languages: {', '.join(LANGUAGES)}"
        )
    return code


def _exclude(config, pages: list[str], patterns: list[str] = ()) -> None:
    """Add pages to MkDocs' exclude_docs, so they are never read, rendered or indexed."""
    from pathspec.gitignore import GitIgnoreSpec

    if not pages and not patterns:
        return
    spec = GitIgnoreSpec.from_lines([*(f"/{page}" for page in pages), *patterns])
    existing = config["exclude_docs"]
    config["exclude_docs"] = existing + spec if existing else spec


def _without(nav, excluded: set[str]):
    """The navigation minus excluded pages (and sections left empty), or None if none was set."""
    if nav is None:
        return None
    kept = []
    for item in nav:
        title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if isinstance(value, list):
            value = _without(value, excluded)
            if not value:
                continue
        elif isinstance(value, str) and value in excluded:
            continue
        kept.append({title: value} if title is not None else value)
    return kept


def _refuse_wrong_site_dir(root: Path, site_dir: Path, audience: Audience) -> None:
    from mkdocs.exceptions import PluginError

    from .audience import Audience

    public = (root / Audience.PUBLIC.site_dir).resolve()
    target = site_dir.resolve()
    if audience is not Audience.PUBLIC and (target == public or public in target.parents):
        raise PluginError(
            f"refusing to build the {audience} site into {public}: that folder is the public site"
        )
