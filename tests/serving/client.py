"""A small HTTPS client for the tests: one kept-alive connection, the test's certificate
trusted (and checked), answers as status, headers and body, nothing decoded."""

from __future__ import annotations

import base64
import http.client
import ssl
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


def basic(name: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{name}:{password}".encode()).decode("ascii")


class Client:
    def __init__(self, port: int, certificate: Path) -> None:
        self.port = port
        self.context = ssl.create_default_context(cafile=str(certificate))
        self.connection: http.client.HTTPSConnection | None = None

    def get(self, path: str, **headers: str) -> Answer:
        headers = {name.replace("_", "-"): value for name, value in headers.items()}
        for attempt in (1, 2):  # the server may close a kept-alive connection between requests
            if self.connection is None:
                self.connection = http.client.HTTPSConnection(
                    "localhost", self.port, context=self.context, timeout=30
                )
            try:
                self.connection.request("GET", path, headers=headers)
                answer = self.connection.getresponse()
                return Answer(answer.status, answer.headers, answer.read())
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()


COPIES = (".gz", ".br")


def site_files(site: Path) -> list[Path]:
    """Every file of a built site (not the copies precompress adds), relative."""
    return sorted(
        path.relative_to(site)
        for path in site.rglob("*")
        if path.is_file() and not (path.suffix in COPIES and path.with_suffix("").is_file())
    )


def url_path(relative: Path) -> str:
    return "/" + quote(relative.as_posix())
