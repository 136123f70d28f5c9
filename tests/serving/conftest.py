"""nginx with the shipped configuration (deploy/nginx/), serving the sites the other
tests build, on 127.0.0.1 with a certificate made for the run. Skipped, with the command
that installs them, where nginx, openssl or wrk is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from macros.tools.serving import nginx
from tests.conftest import ROOT
from tests.serving.client import Client, basic

INSTALL = (
    "apt-get install -y nginx openssl wrk libnginx-mod-http-brotli-static "
    "libnginx-mod-http-brotli-filter"
)
MEMBER, PASSWORD = "ada.member", "a long pass phrase for tests"


def require_tools() -> None:
    missing = [tool for tool in ("nginx", "openssl", "wrk") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed: {INSTALL}")


def make_password_file(path, name: str = MEMBER, password: str = PASSWORD):
    """The entry made as a secretariat would: `gceg member-password`, password on stdin."""
    result = subprocess.run(
        [sys.executable, "-m", "macros.tools.cli", "member-password", "--file", str(path), name],
        input=password + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture(scope="session")
def serving_tools() -> None:
    """First among a server's fixtures: skip before the site is built for nothing."""
    require_tools()


@pytest.fixture(scope="session")
def public_server(serving_tools, public_site):
    with nginx.start(ROOT, public_site, "public") as server:
        yield server


@pytest.fixture(scope="session")
def members_server(serving_tools, members_site, tmp_path_factory):
    passwords = make_password_file(tmp_path_factory.mktemp("passwords") / "members.htpasswd")
    with nginx.start(ROOT, members_site, "members", passwords=passwords) as server:
        yield server


@pytest.fixture
def public(public_server):
    client = Client(public_server.port, public_server.certificate)
    yield client
    client.close()


@pytest.fixture
def members(members_server):
    client = Client(members_server.port, members_server.certificate)
    yield client
    client.close()


MEMBER_LOGIN = basic(MEMBER, PASSWORD)
