"""A bounded load run against each site (wrk, 50 clients, 10 s each, 127.0.0.1 only):
every answer as expected, and the members' door shut to everyone without a password
the whole time. The figures for BENCHMARKS.md come from tests/bench/serving.py."""

from __future__ import annotations

from tests.serving import load
from tests.serving.client import site_files, url_path
from tests.serving.conftest import MEMBER_LOGIN

SECONDS, CLIENTS = 10, 50
NO_SOCKET_ERRORS = {"connect": 0, "read": 0, "write": 0, "timeout": 0}


def test_the_public_site_under_load_answers_every_request(public_site, public_server):
    paths = [url_path(f) for f in site_files(public_site)]
    run = load.run(public_server.url, paths, SECONDS, CLIENTS)
    assert run.errors == NO_SOCKET_ERRORS
    assert set(run.statuses) == {200} and run.statuses[200] == run.requests > 0


def test_the_members_site_under_load_serves_members_and_refuses_everyone_else(
    members_site, members_server
):
    paths = [url_path(f) for f in site_files(members_site)]
    unauthenticated = CLIENTS // 5
    with_login = load.start(
        members_server.url, paths, SECONDS, CLIENTS - unauthenticated, MEMBER_LOGIN
    )
    without = load.start(members_server.url, paths, SECONDS, unauthenticated)
    members, others = load.result(with_login), load.result(without)
    assert members.errors == others.errors == NO_SOCKET_ERRORS
    assert set(members.statuses) == {200} and members.statuses[200] == members.requests > 0
    assert set(others.statuses) == {401} and others.statuses[401] == others.requests > 0
