"""The ``gceg`` command: validate, build and serve the site.

gceg validate                      check every record and page
gceg build --audience public       strict build into site/
gceg build --audience members      strict build into site-members/
gceg serve                         live preview at http://127.0.0.1:8000
gceg report --base REV             what a change does to the published sites
gceg member-password --file F NAME a member's password entry for the members' site
gceg precompress DIR               .gz and .br copies beside a site's text files
gceg preview-nginx --audience A    the built site behind nginx, as deployed
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from ..audience import Audience
from ..config import BuildConfig
from ..problems import ValidationFailed


def project_root(start: Path | None = None) -> Path:
    """The folder holding mkdocs.yml, from the current folder upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "data").is_dir():
            return folder
    raise SystemExit("gceg: no mkdocs.yml with a data/ folder here or above; run it in the project")


def validate(root: Path, changed_against: str | None = None, leave: bool = False) -> int:
    """Every problem of the project (answered from the last run when nothing changed).
    ``leave``: the command itself, which ends the process as soon as the answer is out."""
    from .validation import validate as run

    code = run(root, changed_against)
    if leave:
        _leave_at_once(code)
    return code


def _leave_at_once(code: int) -> None:
    """End the process without the interpreter's teardown: a validation's catalog is a
    million objects in reference cycles, and collecting them at exit took 1-1.6 s at
    10,000 records. Validation has written and closed every file it writes; what it
    printed is flushed here (if that fails, the ordinary exit reports it)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    os._exit(code)


def build_environment(root: Path, audience: Audience) -> dict[str, str]:
    env = dict(os.environ, GCEG_AUDIENCE=audience.value, NO_MKDOCS_2_WARNING="1")
    env.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    return env


def source_date_epoch(root: Path) -> str:
    """The date the site states: SOURCE_DATE_EPOCH when given, else the last commit's time,
    so that two builds of one commit are byte-identical.

    There is no fallback date: a made-up one would be published as the site's. Inside a git
    checkout a git failure (git missing, a checkout git does not trust, no commit yet) stops the
    build; outside any checkout there is no commit to go by, so SOURCE_DATE_EPOCH must be given.
    """
    given = BuildConfig.from_environment().source_date_epoch
    if given is not None:
        if not (given.isascii() and given.isdigit()):
            raise SystemExit(f"gceg: SOURCE_DATE_EPOCH is {given!r}, not seconds since 1970")
        return given
    if not _in_git_checkout(root):
        raise SystemExit(
            f"gceg: {root} is not in a git checkout, so no commit dates the site; "
            "set SOURCE_DATE_EPOCH (seconds since 1970) to build it"
        )
    command = ["git", "log", "-1", "--format=%ct"]
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True)
    except OSError as error:
        raise SystemExit(f"gceg: cannot run git to date the site: {error}") from None
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(
            f"gceg: `{' '.join(command)}` failed in {root}, so the site cannot be dated "
            f"(set SOURCE_DATE_EPOCH to date it yourself):\n{result.stderr.strip()}"
        )
    return result.stdout.strip()


def _in_git_checkout(root: Path) -> bool:
    """Where git itself would look (GIT_DIR, or a .git up the tree), without asking git: a git
    that refuses the checkout must not make it look like a plain folder."""
    return BuildConfig.from_environment().git_dir or any(
        (d / ".git").exists() for d in (root, *root.parents)
    )


def build(
    root: Path, audience: Audience, site_dir: Path | None = None, extra_env: dict | None = None
) -> int:
    """Build into a fresh folder beside the target, then swap it in: a failed
    build leaves the previous site exactly as it was, and writes nothing else."""
    target = (site_dir or root / audience.site_dir).resolve()
    public = (root / Audience.PUBLIC.site_dir).resolve()
    if audience is not Audience.PUBLIC and (target == public or public in target.parents):
        print(
            f"gceg: refusing to build the {audience} site into {public}, the public site's folder",
            file=sys.stderr,
        )
        return 1
    from ..audience import restrict
    from ..audience.staging import stage_docs
    from ..render.languages import folder
    from ..render.site import preload
    from ..rules import load

    os.environ.update({**build_environment(root, audience), **(extra_env or {})})
    settings = BuildConfig.from_environment()
    if problem := _languages_problem(settings):
        print(f"gceg: {problem}\ngceg: build failed; {target} is unchanged.", file=sys.stderr)
        return 1
    try:
        everything = load(root, config=settings)  # as the build's env says
    except ValidationFailed as error:
        print(f"ERROR   -  {error}\ngceg: build failed; {target} is unchanged.", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(target.parent, f".{target.name}.old-")
    staging = _staging_folder(target.parent, f".{target.name}.building-")
    docs = _staging_folder(target.parent, f".{target.name}.docs-")
    try:
        # The engine reads only this audience's docs tree (staging.py); the catalog
        # already loaded is handed to each language's build rather than read again.
        # English is the root site and each other language a complete site in its folder
        # (render/languages.py); English first, as MkDocs empties the folder it builds in.
        stage_docs(restrict(everything, audience), docs)
        built = True
        for language in settings.languages:
            os.environ["GCEG_LANGUAGE"] = language
            preload(root, everything)
            out = staging / folder(language)
            built = built and _mkdocs_build(root / "mkdocs.yml", out, docs)
        built = built and _verified(root, staging, target)
        offline = (extra_env or {}).get("GCEG_OFFLINE") == "true"
        built = built and (offline or _indexed(staging, settings.material_index))
        if built:
            _swap_in(staging, target)
    finally:
        with contextlib.suppress(KeyError):  # the variable is this function's own
            del os.environ["GCEG_LANGUAGE"]
        shutil.rmtree(staging, ignore_errors=True)  # gone after the swap; a failure leaves nothing
        shutil.rmtree(docs, ignore_errors=True)
    if not built:
        print(f"gceg: build failed; {target} is unchanged.", file=sys.stderr)
        return 1
    print(f"gceg: {audience} site built in {target}")
    return 0


def _languages_problem(settings: BuildConfig) -> str | None:
    """Why the languages asked for cannot be built (English is the root: always first)."""
    from ..render.i18n import untranslated
    from ..render.languages import LANGUAGES

    asked = settings.languages
    known = set(asked) <= set(LANGUAGES) and len(set(asked)) == len(asked)
    if not known or asked[0] != "en":
        others = ", ".join(LANGUAGES[1:])
        return f"GCEG_LANGUAGES is {','.join(asked)!r}: en first, then any of {others}"
    if settings.release:  # a release publishes no interface string in English by mistake
        missing = [line for language in asked[1:] for line in untranslated(language)]
        if missing:
            return "a release needs every interface string translated:\n" + "\n".join(missing)
    return None


def stage(root: Path, audience: Audience, dest: Path) -> int:
    """Write the docs tree one audience's build hands to the engine (for other engines)."""
    from ..audience import restrict
    from ..audience.staging import stage_docs
    from ..rules import load

    if dest.exists():
        print(f"gceg stage: {dest} exists; name a new folder", file=sys.stderr)
        return 1
    try:
        stage_docs(restrict(load(root), audience), dest)
    except ValidationFailed as error:
        print(error, file=sys.stderr)
        return 1
    print(f"gceg: the {audience} docs tree is in {dest}")
    return 0


def _mkdocs_build(config_file: Path, site_dir: Path, docs_dir: Path) -> bool:
    """MkDocs' own build, strict, in this process (one start-up, one catalog load)."""
    import logging

    from mkdocs import exceptions
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    try:
        config = load_config(
            str(config_file), site_dir=str(site_dir), docs_dir=str(docs_dir), strict=True
        )
        # MkDocs' dirty mode lets the incremental plugin reuse unchanged pages
        # (macros/incremental/plugin.py, which empties the folder as a clean build does).
        dirty = BuildConfig.from_environment().incremental and "gceg-incremental" in config.plugins
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            mkdocs_build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
        return True
    except exceptions.MkDocsException as error:
        print(f"ERROR   -  {error}", file=sys.stderr)
        return False
    except SystemExit:  # mkdocs-macros exits when a page fails to render
        return False
    except Exception as error:  # anything else: report it, and publish nothing
        print(f"ERROR   -  {type(error).__name__}: {error}", file=sys.stderr)
        return False
    finally:
        logger.removeHandler(handler)


class Terminated(BaseException):
    """SIGTERM, raised where the build is so that its clean-up runs (not an Exception:
    nothing on the way may mistake it for a failed page)."""


def _terminate(signum, frame) -> None:
    raise Terminated


def _staging_folder(parent: Path, prefix: str) -> Path:
    """A new working folder named after this process, once those of builds that were
    killed (SIGKILL leaves no chance to clean up) are gone."""
    _remove_stale(parent, prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def _remove_stale(parent: Path, prefix: str) -> None:
    for folder in parent.glob(f"{prefix}*"):
        pid = folder.name.removeprefix(prefix).split("-", 1)[0]
        if not pid.isdigit() or not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _verified(root: Path, staging: Path, target: Path) -> bool:
    """The finished output, checked as a browser reads it (macros/verify)."""
    from ..problems import ValidationFailed
    from ..verify import verify_site

    shown = target.relative_to(root) if target.is_relative_to(root) else target
    problems = verify_site(root, staging, _site_url(root), shown.as_posix())
    if problems:
        print(ValidationFailed(problems), file=sys.stderr)
    return not problems


def _indexed(staging: Path, keep: Path | None) -> bool:
    """The online sites' search index, from the verified pages (macros/exports/search_index.py);
    the offline bundle (never given to this) keeps Material's search, which works from file://.
    ``keep``: where Material's index goes instead of away (benchmarks)."""
    from ..exports.search_index import index_site

    if keep and (staging / "search").is_dir():
        keep.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(keep / "search", ignore_errors=True)
        shutil.move(staging / "search", keep / "search")
    problem = index_site(staging)
    if problem:
        print(f"ERROR   -  search index: {problem}", file=sys.stderr)
    return problem is None


def _swap_in(staging: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def offline(root: Path, audience: Audience, output: Path | None) -> int:
    """Build the site for reading from disk and zip it (dist/gceg-offline.zip)."""
    from .offline import zip_site

    name = "gceg-offline" if audience is Audience.PUBLIC else f"gceg-offline-{audience.value}"
    output = (output or root / "dist" / f"{name}.zip").resolve()
    staging = _staging_folder(root, ".offline-")
    try:
        code = build(root, audience, staging / name, {"GCEG_OFFLINE": "true"})
        if code:
            return code
        output.parent.mkdir(parents=True, exist_ok=True)
        zip_site(
            staging / name, output, int(build_environment(root, audience)["SOURCE_DATE_EPOCH"])
        )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    print(f"gceg: offline bundle written to {output}")
    return 0


def translations(root: Path) -> int:
    """Print the translation coverage table (macros/tools/coverage.py)."""
    from ..rules import load
    from .coverage import table

    try:
        everything = load(root)
    except ValidationFailed as error:
        print(error, file=sys.stderr)
        return 1
    print(table(everything))
    return 0


def serve(root: Path, host: str, port: int, audience: Audience, language: str = "en") -> int:
    """Become MkDocs' live-reload server (exec, not a child process): a SIGTERM or
    Ctrl-C then reaches the server itself, and nothing is left holding the port."""
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--strict",
        # only the pages whose inputs changed are made again (macros/incremental)
        "--dirty",
        "--config-file",
        str(root / "mkdocs.yml"),
        "--dev-addr",
        f"{host}:{port}",
    ]
    code = Path(__file__).parents[1]
    if code.is_relative_to(root):  # a developer's checkout: reload on code changes too
        command += ["--watch", str(code)]
    # PDFs take seconds per document: the live preview leaves them out.
    env = {
        **build_environment(root, audience),
        "GCEG_PDF": "0",
        "GCEG_PREVIEW": "1",
        "GCEG_LANGUAGE": language,  # one language's site, at the preview's root
    }
    sys.stdout.flush()
    sys.stderr.flush()
    os.chdir(root)
    os.execve(sys.executable, command, env)


def publish(root: Path, version: str, title: str | None, push: bool) -> int:
    import re

    from ..address import publish_problem
    from ..render.site import SiteBuild
    from . import publish as publishing

    if not re.match(r"^[0-9]+\.[0-9]+(?:\.[0-9]+)?$", version):
        print(f"gceg publish: '{version}' is not a version like 1.0 or 2.1", file=sys.stderr)
        return 1
    config_url = _site_url(root)
    refused = publish_problem(config_url)
    if refused:  # a published version must not carry a placeholder host or relative-only links
        print(f"gceg publish: {refused}; nothing was published", file=sys.stderr)
        return 1
    # A release: every interface string translated in every language, none fuzzy
    # (GCEG_RELEASE=0 publishes anyway, for a trial of the publication itself).
    settings = BuildConfig.from_environment()
    if problem := _languages_problem(replace(settings, release=not settings.trial)):
        print(f"gceg publish: {problem}\nnothing was published", file=sys.stderr)
        return 1
    try:
        build = SiteBuild(root, Audience.PUBLIC)
    except ValidationFailed as error:
        print(error, file=sys.stderr)
        return 1
    del build
    try:
        publishing.publish(
            root,
            version,
            # a publication is a clean build: nothing reused from earlier ones
            {**build_environment(root, Audience.PUBLIC), "GCEG_INCREMENTAL": "0"},
            config_url,
            title=title,
            push=push,
        )
    except subprocess.CalledProcessError as error:
        print(f"gceg publish: {' '.join(map(str, error.cmd))} failed", file=sys.stderr)
        return 1
    print(f"gceg: version {version} published to {publishing.BRANCH} as {publishing.LATEST}")
    return 0


def _site_url(root: Path) -> str:
    from mkdocs.config import load_config

    return load_config(str(root / "mkdocs.yml")).site_url or "/"


def schema(root: Path, check: bool) -> int:
    from . import schema_files as schemas

    if check:
        outdated = schemas.stale(root)
        if outdated:
            print("Out of date in schemas/: " + ", ".join(outdated), file=sys.stderr)
            print("Run `gceg schema` and commit the result.", file=sys.stderr)
            return 1
        print("schemas/ is up to date.")
        return 0
    for path in schemas.write(root):
        print(f"wrote {path.relative_to(root)}")
    return 0


def new(root: Path, args: argparse.Namespace) -> int:
    from . import scaffold

    options = {
        k: v for k, v in vars(args).items() if k not in ("command", "what", "id", "leave") and v
    }
    try:
        made = getattr(scaffold, args.what)(root, args.id, **options)
        paths = made.write(root)
    except scaffold.ScaffoldError as error:
        print(f"gceg new {args.what}: {error}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"created {path.relative_to(root)}")
    if made.kind == "paper":
        print("The paper is marked members-only; preview it with `gceg serve --audience members`.")
    return validate(root)


def member_password(path: Path, name: str, from_stdin: bool, cost: int) -> int:
    """Read the password without echoing it (twice at a terminal), or as one line of
    standard input for scripts, and store the member's bcrypt entry."""
    import getpass

    from .serving.passwords import PasswordError, set_password

    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {name}: ")
        if getpass.getpass("The same again: ") != password:
            print(
                "gceg member-password: the two passwords differ; nothing changed", file=sys.stderr
            )
            return 1
    try:
        new = set_password(path, name, password, cost)
    except PasswordError as error:
        print(f"gceg member-password: {error}; nothing changed", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"gceg member-password: {error}", file=sys.stderr)
        return 1
    print(f"gceg: {'added' if new else 'changed the password of'} {name} in {path}")
    return 0


def precompress(site: Path) -> int:
    from .serving.precompress import precompress as write_copies

    if not site.is_dir():
        print(f"gceg precompress: {site} is not a folder", file=sys.stderr)
        return 1
    print(f"gceg: {write_copies(site)} compressed copies written in {site}")
    return 0


def nginx_snippets(root: Path, check: bool) -> int:
    from .serving import headers

    if check:
        if headers.stale(root):
            print(
                f"{headers.SNIPPET} does not send the site's policy: run `gceg "
                "nginx-snippets` and commit the result.",
                file=sys.stderr,
            )
            return 1
        print(f"{headers.SNIPPET} is up to date.")
        return 0
    print(f"wrote {headers.write(root).relative_to(root)}")
    return 0


def preview_nginx(root: Path, audience: Audience, port: int, passwords: Path | None) -> int:
    """Serve the built site with the shipped nginx configuration until Ctrl-C."""
    from .serving import nginx

    site = root / audience.site_dir
    if not (site / "index.html").is_file():
        print(f"gceg preview-nginx: {site} has no built site; build it first", file=sys.stderr)
        return 1
    if audience is not Audience.PUBLIC and (passwords is None or not passwords.is_file()):
        print(
            "gceg preview-nginx: the members' site needs a password file: make one with "
            "`gceg member-password --file FILE NAME` and pass --passwords FILE",
            file=sys.stderr,
        )
        return 1
    which = "public" if audience is Audience.PUBLIC else "members"
    try:
        server = nginx.start(root, site, which, passwords=passwords, port=port)
    except nginx.ServingError as error:
        print(f"gceg preview-nginx: {error}", file=sys.stderr)
        return 1
    with server, contextlib.suppress(KeyboardInterrupt, Terminated):
        print(
            f"gceg: {audience} site at {server.url} (self-signed certificate: "
            "your browser will ask); Ctrl-C stops it",
            flush=True,
        )
        server.process.wait()
    return 0


def _serving_parsers(commands) -> None:
    password_cmd = commands.add_parser(
        "member-password",
        help="add a member to the members' site's password file, or change "
        "their password (asked for, never echoed; or one line on standard input)",
    )
    password_cmd.add_argument("--file", type=Path, required=True, help="the password file")
    password_cmd.add_argument("--stdin", action="store_true", help="read it from standard input")
    password_cmd.add_argument(
        "--cost",
        type=int,
        choices=range(4, 16),
        default=5,
        metavar="4-15",
        help="bcrypt's cost (default 5: nginx checks it on every request)",
    )
    password_cmd.add_argument("name", help="the member's user name")
    compress_cmd = commands.add_parser(
        "precompress", help="write .gz and .br copies beside a built site's text files"
    )
    compress_cmd.add_argument("site", type=Path)
    snippets_cmd = commands.add_parser(
        "nginx-snippets", help="write deploy/nginx/gceg/csp.conf from the site's policy"
    )
    snippets_cmd.add_argument("--check", action="store_true", help="only check it is current")
    preview_cmd = commands.add_parser(
        "preview-nginx", help="serve the built site with the shipped nginx configuration"
    )
    preview_cmd.add_argument("--audience", choices=[a.value for a in Audience], default="members")
    preview_cmd.add_argument("--port", type=int, default=8443)
    preview_cmd.add_argument("--passwords", type=Path, help="the members' password file")


def _new_parsers(commands) -> None:
    new_cmd = commands.add_parser("new", help="create a record and its page, valid as created")
    kinds = new_cmd.add_subparsers(dest="what", required=True)
    meeting = kinds.add_parser("meeting", help="a meeting of the group")
    meeting.add_argument("id", help="e.g. 2016-second-meeting")
    for name in ("title", "start", "end", "city", "country", "source"):
        meeting.add_argument(f"--{name}", required=True)
    meeting.add_argument("--venue-organisation", help="an id from data/organisations.yaml")
    meeting.add_argument("--venue-name", help="the venue, when it is not an organisation on file")
    paper = kinds.add_parser("paper", help="a strategy paper (starts as a members-only draft)")
    paper.add_argument("id")
    paper.add_argument("--title", required=True)
    paper.add_argument("--summary", required=True)
    paper.add_argument("--classification", default="TLP:AMBER")
    programme = kinds.add_parser("programme", help="a subject the meetings discussed")
    programme.add_argument("id")
    for name in ("title", "topic", "summary", "source"):
        programme.add_argument(f"--{name}", required=True)
    source = kinds.add_parser("source", help="a source that facts cite")
    source.add_argument("id")
    source.add_argument("--title", required=True)
    source.add_argument("--url", required=True)
    source.add_argument("--kind", default="news-article")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gceg", description="GCEG strategy site tools")
    commands = parser.add_subparsers(dest="command", required=True)
    validate_cmd = commands.add_parser(
        "validate", help="check every record and page; exit 1 on any problem"
    )
    validate_cmd.add_argument(
        "--changed",
        nargs="?",
        const="HEAD",
        metavar="REV",
        help="only if a record, page or include differs from REV (default HEAD); "
        "then everything is checked, as a change can break another file",
    )
    build_cmd = commands.add_parser("build", help="strict, atomic build of one audience's site")
    build_cmd.add_argument("--audience", choices=[a.value for a in Audience], default="public")
    build_cmd.add_argument(
        "--site-dir", type=Path, help="build here instead of the audience's folder"
    )
    build_cmd.add_argument(
        "--release",
        action="store_true",
        help="fail on any interface string left untranslated or fuzzy in a language",
    )
    build_cmd.add_argument(
        "--clean",
        action="store_true",
        help="make every page again instead of reusing the unchanged ones of the last build",
    )
    commands.add_parser(
        "translations", help="how much of the site each language translates (a table)"
    )
    stage_cmd = commands.add_parser(
        "stage", help="copy one audience's docs tree (all that the site engine is given) to DEST"
    )
    stage_cmd.add_argument("--audience", choices=[a.value for a in Audience], default="public")
    stage_cmd.add_argument("dest", type=Path, help="a folder that does not exist yet")
    serve_cmd = commands.add_parser("serve", help="live preview")
    serve_cmd.add_argument("--host", default="127.0.0.1")
    serve_cmd.add_argument("--port", type=int, default=8000)
    serve_cmd.add_argument("--audience", choices=[a.value for a in Audience], default="public")
    serve_cmd.add_argument(
        "--language", choices=["en", "fr", "es", "ar"], default="en", help="the one to preview"
    )
    schema_cmd = commands.add_parser("schema", help="write the JSON Schemas into schemas/")
    schema_cmd.add_argument("--check", action="store_true", help="only check they are current")
    _new_parsers(commands)
    _serving_parsers(commands)
    offline_cmd = commands.add_parser("offline", help="zip the site built for reading from disk")
    offline_cmd.add_argument("--audience", choices=[a.value for a in Audience], default="public")
    offline_cmd.add_argument("--output", type=Path, help="default: dist/gceg-offline.zip")
    publish_cmd = commands.add_parser("publish", help="deploy a version to gh-pages with mike")
    publish_cmd.add_argument("--version", required=True, help="e.g. 1.0")
    publish_cmd.add_argument("--title", help="a title for the version selector")
    publish_cmd.add_argument("--push", action="store_true", help="push gh-pages to origin")
    report_cmd = commands.add_parser("report", help="what this change does to the published sites")
    report_cmd.add_argument("--base", required=True, help="the revision to compare with")
    report_cmd.add_argument("--format", choices=["markdown", "json"], default="markdown")
    report_cmd.add_argument("--output", type=Path, help="write here instead of standard output")
    args = parser.parse_args(argv)
    args.leave = argv is None  # run as the `gceg` command, not called from Python
    # these two work on a server, away from the project: they need no project folder
    root = Path.cwd() if args.command in ("member-password", "precompress") else project_root()
    if args.command in ("build", "serve", "offline", "publish"):  # fail before writing anything
        os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return _run(args, root)
    except Terminated:
        print("gceg: stopped (SIGTERM); nothing was published", file=sys.stderr)
        return 143
    except Exception as error:  # a bug in gceg, not in the files: say so, without a traceback
        if BuildConfig.from_environment().debug:
            raise
        print(
            f"gceg: internal error ({type(error).__name__}: {error}). This is a fault in gceg, "
            "not in your files; please report it with the command you ran "
            "(GCEG_DEBUG=1 shows where it happened).",
            file=sys.stderr,
        )
        return 2


def _run(args: argparse.Namespace, root: Path) -> int:
    if args.command == "validate":
        return validate(root, args.changed, leave=args.leave)
    if args.command == "schema":
        return schema(root, args.check)
    if args.command == "new":
        return new(root, args)
    if args.command == "offline":
        return offline(root, Audience(args.audience), args.output)
    if args.command == "publish":
        return publish(root, args.version, args.title, args.push)
    if args.command == "build":
        settings = {
            **({"GCEG_RELEASE": "1"} if args.release else {}),
            **({"GCEG_INCREMENTAL": "0"} if args.clean else {}),
        }
        return build(root, Audience(args.audience), args.site_dir, settings or None)
    if args.command == "translations":
        return translations(root)
    if args.command == "stage":
        return stage(root, Audience(args.audience), args.dest)
    if args.command == "member-password":
        return member_password(args.file, args.name, args.stdin, args.cost)
    if args.command == "precompress":
        return precompress(args.site)
    if args.command == "nginx-snippets":
        return nginx_snippets(root, args.check)
    if args.command == "preview-nginx":
        return preview_nginx(root, Audience(args.audience), args.port, args.passwords)
    if args.command == "report":
        from .report import run

        return run(root, args.base, args.format, args.output)
    return serve(root, args.host, args.port, Audience(args.audience), args.language)


if __name__ == "__main__":
    sys.exit(main())
