"""`gceg preview-nginx` (make preview-members): the built members' site behind the shipped
configuration until stopped, and nothing left behind once it is."""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import sys

import pytest

from macros.tools.serving.nginx import free_port
from tests.conftest import ROOT
from tests.serving.client import Client
from tests.serving.conftest import MEMBER_LOGIN, make_password_file


def test_the_preview_serves_the_members_site_and_stops_cleanly(
    serving_tools, project, members_site
):
    (project / "deploy").symlink_to(ROOT / "deploy")
    (project / "site-members").symlink_to(members_site)
    passwords = make_password_file(project / "members.htpasswd")
    port = free_port()
    preview = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "macros.tools.cli",
            "preview-nginx",
            "--audience",
            "members",
            "--port",
            str(port),
            "--passwords",
            str(passwords),
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )
    try:
        line = preview.stdout.readline()
        assert f"members site at https://127.0.0.1:{port}/" in line, line + preview.stdout.read()
        # the certificate the preview made in its own folder, as nginx presents it
        certificate = project / "preview.pem"
        certificate.write_text(ssl.get_server_certificate(("127.0.0.1", port)))
        client = Client(port, certificate)
        assert client.get("/").status == 401
        assert client.get("/", Authorization=MEMBER_LOGIN).status == 200
        client.close()
    finally:
        preview.send_signal(signal.SIGTERM)
        assert preview.wait(timeout=60) == 0
    with pytest.raises(ConnectionRefusedError):  # nginx stopped with it
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
