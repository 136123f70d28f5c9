"""The shipped nginx configuration (deploy/nginx/), run on this machine.

For the local preview and the tests: nginx runs as an ordinary process with a folder of
its own (configuration, logs, temporary files, a copy of the site), on 127.0.0.1, with a
self-signed certificate made for it. The site's file (deploy/nginx/gceg-<site>.conf) is
used as shipped with only the directives that name a machine replaced (MACHINE); the
snippets in deploy/nginx/gceg/ are used unchanged.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .precompress import precompress

NGINX = "nginx"
DEBIAN_MODULES = Path("/usr/lib/nginx/modules")
BROTLI_MODULES = ("ngx_http_brotli_filter_module.so", "ngx_http_brotli_static_module.so")
MACHINE = ("listen", "server_name", "root", "ssl_certificate", "ssl_certificate_key")
INSTALL = (
    "apt-get install -y nginx openssl libnginx-mod-http-brotli-static "
    "libnginx-mod-http-brotli-filter"
)
# An unprivileged account for nginx when this runs as root (CI containers do).
UNPRIVILEGED = "nobody"


class ServingError(RuntimeError):
    """nginx or openssl is missing, or refused to start; the message says which."""


def brotli_available() -> bool:
    return all((DEBIAN_MODULES / name).is_file() for name in BROTLI_MODULES)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for localhost and 127.0.0.1, valid for two days, and its key."""
    if shutil.which("openssl") is None:
        raise ServingError(f"openssl is not installed: {INSTALL}")
    cert, key = folder / "localhost.crt", folder / "localhost.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def localised(conf: str, values: dict[str, str]) -> str:
    """The site's server file with the directives in ``values`` given this machine's values;
    a directive repeated in the file (two ``listen`` lines) keeps its first line only."""
    seen: set[str] = set()

    def replace(match: re.Match) -> str:
        name = match.group(2)
        if name in seen:
            return ""
        seen.add(name)
        rest = match.group(3).split(None, 1)  # listen's options (ssl http2) are kept
        options = f" {rest[1]}" if name == "listen" and len(rest) > 1 else ""
        return f"{match.group(1)}{name} {values[name]}{options};\n"

    pattern = rf"^(\s*)({'|'.join(map(re.escape, values))})\s+([^;]*);[^\n]*\n"
    result = re.sub(pattern, replace, conf, flags=re.M)
    missing = set(values) - seen
    if missing:
        raise ServingError(f"the server file has no {', '.join(sorted(missing))} directive")
    return result


def main_conf(prefix: Path, site_file: str) -> str:
    modules = "".join(
        f"load_module {DEBIAN_MODULES / name};\n" for name in BROTLI_MODULES if brotli_available()
    )
    return f"""{modules}worker_processes 2;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {site_file};
}}
"""


@dataclass
class Running:
    """An nginx serving one site at https://127.0.0.1:<port>/."""

    port: int
    prefix: Path
    site: Path
    certificate: Path
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # nginx's fast shutdown
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.prefix, ignore_errors=True)

    def __enter__(self) -> Running:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def start(
    root: Path, site: Path, which: str, passwords: Path | None = None, port: int | None = None
) -> Running:
    """nginx serving a copy of ``site`` (precompressed) with deploy/nginx/gceg-<which>.conf.

    ``passwords`` (the members' site): the password file, copied to where the shipped
    configuration reads it.
    """
    if shutil.which(NGINX) is None:
        raise ServingError(f"nginx is not installed: {INSTALL}")
    deploy = root / "deploy" / "nginx"
    prefix = Path(tempfile.mkdtemp(prefix=f"gceg-nginx-{which}-"))
    try:
        conf = prefix / "conf"
        shutil.copytree(deploy / "gceg", conf / "gceg", ignore=shutil.ignore_patterns(".keep"))
        if brotli_available():
            (conf / "gceg/brotli/brotli.conf").symlink_to("../brotli-available/brotli.conf")
        shutil.copy(Path("/etc/nginx/mime.types"), conf / "mime.types")
        if passwords is not None:
            shutil.copy(passwords, conf / "gceg-members.htpasswd")
        for folder in ("logs", "temp"):
            (prefix / folder).mkdir()
        served = prefix / "site"
        shutil.copytree(site, served, symlinks=True)
        precompress(served)
        certificate, key = self_signed(conf)
        port = port or free_port()
        values = {
            "listen": f"127.0.0.1:{port}",
            "server_name": "localhost",
            "root": str(served),
            "ssl_certificate": str(certificate),
            "ssl_certificate_key": str(key),
        }
        server = localised((deploy / f"gceg-{which}.conf").read_text(encoding="utf-8"), values)
        (conf / f"gceg-{which}.conf").write_text(server, encoding="utf-8")
        (conf / "nginx.conf").write_text(main_conf(prefix, f"gceg-{which}.conf"))
        account = _unprivileged(prefix)
        command = [
            NGINX,
            "-p",
            str(prefix),
            "-c",
            str(conf / "nginx.conf"),
            "-e",
            str(prefix / "logs/error.log"),
            "-g",
            "daemon off;",
        ]
        test = subprocess.run([*command, "-t", "-q"], capture_output=True, text=True, **account)
        if test.returncode != 0:
            raise ServingError(f"nginx refused the configuration:\n{test.stderr}")
        process = subprocess.Popen(
            command,
            **account,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        running = Running(port, prefix, served, certificate, process)
        try:
            _wait_until_listening(running)
        except BaseException:  # Ctrl-C while it starts, too: stop it and remove its folder
            running.stop()
            raise
        return running
    except BaseException:
        shutil.rmtree(prefix, ignore_errors=True)
        raise


def _unprivileged(prefix: Path) -> dict:
    """As root, nginx runs as UNPRIVILEGED (its user and group, no other group), and its
    folder becomes that account's; the options for subprocess."""
    if os.geteuid() != 0:
        return {}
    account = pwd.getpwnam(UNPRIVILEGED)
    for folder, _, files in os.walk(prefix):
        os.chown(folder, account.pw_uid, account.pw_gid)
        for name in files:
            os.chown(Path(folder) / name, account.pw_uid, account.pw_gid, follow_symlinks=False)
    return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}


def _wait_until_listening(running: Running, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            error = running.process.stderr.read().decode(errors="replace")
            log = running.prefix / "logs/error.log"
            error += log.read_text(errors="replace") if log.exists() else ""
            raise ServingError(f"nginx stopped at start:\n{error}")
        try:
            socket.create_connection(("127.0.0.1", running.port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise ServingError(f"nginx did not listen on 127.0.0.1:{running.port} in {seconds} s")
