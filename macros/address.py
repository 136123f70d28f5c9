"""Where the site is served: the one address every absolute link is made from.

It comes from configuration only (GCEG_SITE_URL, read by mkdocs.yml). A build
without it is a local build: pages link relatively, and every output that
would need an absolute address leaves it out or says "local build" instead
of inventing a host. Publishing needs a real address (``publish_problem``).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

LOCAL_BUILD = "local build"
ENVIRONMENT_VARIABLE = "GCEG_SITE_URL"

# Names reserved for documentation and for no host at all (RFC 2606, RFC 6761): an address
# on them is a placeholder, not where readers will find the site.
_PLACEHOLDER_NAMES = (
    "example",
    "example.org",
    "example.com",
    "example.net",
    "invalid",
    "localhost",
    "local",
    "localdomain",
)


def is_published(site_url: str | None) -> bool:
    """Whether the build knows the absolute address it will be served at."""
    return bool(site_url) and urlsplit(site_url).scheme in ("http", "https")


def absolute(site_url: str | None, path: str) -> str | None:
    """``path`` (relative to the site's root) as an absolute address; None in a local build."""
    return site_url.rstrip("/") + "/" + path.lstrip("/") if is_published(site_url) else None


def publish_problem(site_url: str | None) -> str | None:
    """Why ``site_url`` cannot be where a published version lives, or None if it can."""
    if not is_published(site_url):
        return (
            f"no site address: set {ENVIRONMENT_VARIABLE} to the address readers will use, "
            "such as https://<the site host>/"
        )
    host = (urlsplit(site_url).hostname or "").rstrip(".").lower()
    if not host:
        return f"{ENVIRONMENT_VARIABLE} '{site_url}' names no host"
    if any(host == name or host.endswith("." + name) for name in _PLACEHOLDER_NAMES):
        return f"{ENVIRONMENT_VARIABLE} '{site_url}' is a placeholder, not a real site address"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    if address.is_loopback or address.is_unspecified or address.is_private:
        return f"{ENVIRONMENT_VARIABLE} '{site_url}' is a local address, not a public one"
    return None
