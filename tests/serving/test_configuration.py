"""The shipped configuration: the policy header generated from the one policy, and the
members' door set for the whole server."""

from __future__ import annotations

import re

from macros.tools.serving import headers
from macros.tools.serving.nginx import MACHINE, localised
from macros.verify.csp import POLICY
from tests.conftest import ROOT, gceg

DEPLOY = ROOT / "deploy/nginx"


def test_the_policy_header_is_the_policy_the_pages_carry():
    assert not headers.stale(ROOT), "run `gceg nginx-snippets` and commit the result"
    assert f'add_header Content-Security-Policy "{POLICY}" always;' in (
        (DEPLOY / "gceg/csp.conf").read_text()
    )
    assert gceg(ROOT, "nginx-snippets", "--check").returncode == 0


def test_a_stale_policy_header_is_found(tmp_path):
    (tmp_path / headers.SNIPPET).parent.mkdir(parents=True)
    (tmp_path / headers.SNIPPET).write_text(headers.csp_snippet().replace("'none'", "*", 1))
    assert headers.stale(tmp_path)


def test_the_members_door_is_not_opened_anywhere():
    """auth_basic is set once, for the whole server; nothing turns it off or bypasses it."""
    members = (DEPLOY / "gceg/members-site.conf").read_text()
    everything = "\n".join(p.read_text() for p in sorted(DEPLOY.rglob("*.conf")))
    assert re.search(r'^auth_basic "GCEG members";$', members, re.M)
    assert not re.search(r"^\s*location\b", members, re.M)  # no location to escape into
    assert not re.search(r"auth_basic\s+off|satisfy\s+any|\ballow\b|error_page\s+401", everything)


def test_only_the_machine_directives_are_replaced():
    shipped = (DEPLOY / "gceg-members.conf").read_text()
    values = {name: f"LOCAL-{name}" for name in MACHINE}
    result = localised(shipped, values)
    assert "listen LOCAL-listen ssl http2;" in result
    kept = [
        line for line in shipped.splitlines() if not re.match(rf"\s*({'|'.join(MACHINE)})\s", line)
    ]
    assert [line for line in result.splitlines() if "LOCAL-" not in line] == kept
