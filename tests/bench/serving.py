"""Both sites behind nginx under load: requests per second and latency percentiles, into
the "Serving with nginx" section of BENCHMARKS.md (`make bench-serving`).

The sites are built as `make build` and `make build-members` build them, served with the
shipped configuration (macros/tools/serving/nginx.py, as the tests serve them), and loaded with
wrk from this machine to 127.0.0.1: the public site by 50 clients; the members' site by 40
clients with a member's password and 10 without, at the same time, once per bcrypt cost.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from macros.tools.serving import nginx
from macros.tools.serving.passwords import set_password
from tests.conftest import ROOT, build
from tests.serving import load
from tests.serving.client import basic, site_files, url_path

HEADING = "## Serving with nginx"
MEMBER, PASSWORD = "bench.member", "a long pass phrase for the benchmark"


def _row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _figures(label: str, clients: int, run: load.Load, expected: int) -> str:
    ok = run.statuses.get(expected, 0)
    other = run.requests - ok + sum(run.errors.values())
    lat = run.latency_ms
    return _row(
        [
            label,
            clients,
            run.requests,
            f"{run.per_second:.0f}",
            f"{lat['p50']:.1f}",
            f"{lat['p90']:.1f}",
            f"{lat['p99']:.1f}",
            f"{lat['max']:.0f}",
            f"{ok} x {expected}",
            other,
        ]
    )


def measure(seconds: int, clients: int, costs: list[int], pdf: bool, work: Path) -> list[str]:
    public = build(ROOT, work / "site", "public", pdf=pdf)
    members = build(ROOT, work / "site-members", "members", pdf=pdf)
    rows = []
    with nginx.start(ROOT, public, "public") as server:
        paths = [url_path(f) for f in site_files(public)]
        print("public ...", flush=True)
        rows.append(_figures("public", clients, load.run(server.url, paths, seconds, clients), 200))
    paths = [url_path(f) for f in site_files(members)]
    others = clients // 5
    for cost in costs:
        passwords = work / f"members-{cost}.htpasswd"
        set_password(passwords, MEMBER, PASSWORD, cost)
        with nginx.start(ROOT, members, "members", passwords=passwords) as server:
            print(f"members, bcrypt cost {cost} ...", flush=True)
            login = load.start(
                server.url, paths, seconds, clients - others, basic(MEMBER, PASSWORD)
            )
            refused = load.start(server.url, paths, seconds, others)
            login_run, refused_run = load.result(login), load.result(refused)
        rows.append(
            _figures(f"members, cost {cost}, with password", clients - others, login_run, 200)
        )
        rows.append(
            _figures(f"members, cost {cost}, without (same time)", others, refused_run, 401)
        )
    return rows


def section(rows: list[str], seconds: int, pdf: bool, command: str) -> str:
    machine = f"{os.cpu_count()} cores; {platform.system()} {platform.release()}"
    return "\n".join(
        [
            HEADING,
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M UTC} on {machine}, by `{command}`",
            "(`make bench-serving`): nginx 1.22 (Debian) with `deploy/nginx/` as shipped, TLS",
            f"with a self-signed P-256 certificate, 2 workers; wrk with 2 threads for {seconds} s",
            "per run, from this machine to 127.0.0.1, cycling through every file of the site",
            f"(PDFs {'included' if pdf else 'left out'}), accepting gzip and brotli. nginx and wrk",
            "share the same cores with each other (and here with other work), so the figures are",
            "a floor for a dedicated server. Latencies in milliseconds.",
            "",
            _row(
                [
                    "site",
                    "clients",
                    "requests",
                    "per second",
                    "p50",
                    "p90",
                    "p99",
                    "max",
                    "expected answers",
                    "other answers or socket errors",
                ]
            ),
            _row(["---"] * 10),
            *rows,
            "",
            "nginx checks a member's bcrypt hash on every request (it keeps no session), in its",
            "event loop: while a worker hashes it answers nothing else, so the cost sets the",
            "members' site's throughput, for requests without a password too. Each step of cost",
            "doubles the work; `gceg member-password` uses cost 5 (htpasswd's default) unless told",
            "otherwise. A single-sign-on proxy in front (README, Deploying both sites) checks a",
            "session cookie instead.",
            "",
        ]
    )


def _bounds(text: str) -> tuple[int, int] | None:
    start = text.find(HEADING)
    if start < 0:
        return None
    end = text.find("\n## ", start + len(HEADING))
    return start, (end + 1 if end >= 0 else len(text))


def section_of(text: str) -> str | None:
    bounds = _bounds(text)
    return text[bounds[0] : bounds[1]] if bounds else None


def replace_section(text: str, new: str) -> str:
    """BENCHMARKS.md with this section replaced (or added at the end)."""
    bounds = _bounds(text)
    if bounds is None:
        return text.rstrip("\n") + "\n\n" + new
    rest = text[bounds[1] :]
    return text[: bounds[0]] + new.rstrip("\n") + "\n" + ("\n" + rest if rest else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--costs", default="5,10", help="bcrypt costs to measure")
    parser.add_argument("--no-pdf", action="store_true", help="build the sites without PDFs")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    args = parser.parse_args(argv)
    costs = [int(c) for c in args.costs.split(",")]
    with tempfile.TemporaryDirectory(prefix="gceg-bench-serving-") as work:
        rows = measure(args.seconds, args.clients, costs, not args.no_pdf, Path(work))
    new = section(
        rows,
        args.seconds,
        not args.no_pdf,
        " ".join(["python -m tests.bench.serving", *sys.argv[1:]]),
    )
    old = args.output.read_text(encoding="utf-8") if args.output.exists() else "# Benchmarks\n"
    args.output.write_text(replace_section(old, new), encoding="utf-8")
    print("\n".join(rows))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
