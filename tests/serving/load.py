"""Bounded load runs with wrk (Debian's package) against 127.0.0.1 only."""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("load.lua")


@dataclass
class Load:
    requests: int
    seconds: float
    statuses: dict[int, int]
    errors: dict[str, int]  # sockets: connect, read, write, timeout
    latency_ms: dict[str, float]  # p50, p90, p99, max, mean

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


def start(
    url: str, paths: list[str], seconds: int, connections: int, authorization: str = ""
) -> subprocess.Popen:
    """wrk running against ``url`` (https://127.0.0.1:<port>/), cycling through ``paths``."""
    assert url.startswith("https://127.0.0.1:"), "load runs go to this machine only"
    listing = tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False)  # noqa: SIM115
    listing.write("\n".join(paths) + "\n")
    listing.close()
    command = [
        "wrk",
        "--threads",
        "2",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        str(SCRIPT),
        url,
        "--",
        listing.name,
        authorization,
    ]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def result(process: subprocess.Popen) -> Load:
    out, err = process.communicate(timeout=300)
    Path(process.args[-2]).unlink(missing_ok=True)
    assert process.returncode == 0, out + err
    line = next(line for line in out.splitlines() if line.startswith("WRK-RESULT "))
    data = json.loads(line.removeprefix("WRK-RESULT "))
    return Load(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        statuses={int(status): n for status, n in data["statuses"].items()},
        errors=data["errors"],
        latency_ms={name: us / 1000 for name, us in data["latency_us"].items()},
    )


def run(
    url: str, paths: list[str], seconds: int, connections: int, authorization: str = ""
) -> Load:
    return result(start(url, paths, seconds, connections, authorization))
