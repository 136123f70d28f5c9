"""The site's Content-Security-Policy: one policy, in one place.

Every page carries it as the first element of its head (a ``<meta
http-equiv>``, which works on any static host and on file://); a web server
in front of the site can send ``POLICY`` as a header too. The verifier
checks that every page carries exactly this policy.

Why these sources:

- ``script-src 'self'``: the theme's inline scripts were moved into files
  (overrides/assets/javascripts/gceg-*.js), so no inline script needs a hash
  and none from content can run; ``'wasm-unsafe-eval'`` lets search compile
  Pagefind's WebAssembly (a file of this site, pagefind/), and allows no
  ``eval`` of script text;
- ``img-src 'self' data:``: the theme's stylesheet draws its icons as
  ``data:`` SVG images; an image cannot run script, and the verifier refuses
  ``data:`` URLs in the HTML itself;
- ``style-src``: the theme's stylesheets, plus the table-cell alignments
  Markdown writes as ``style`` attributes, allowed by their hashes only;
- ``worker-src 'self'``: the search worker, Pagefind's on the online sites
  (pagefind/pagefind-worker.js) and the theme's in the offline bundle, which
  runs it in a hidden ``about:blank`` frame instead
  (overrides/assets/javascripts/gceg-iframe-worker.js), which loads the same
  files from the bundle as scripts of this site.
"""

from __future__ import annotations

import base64
import hashlib

# What Markdown's tables extension writes on aligned cells; macros/render/allowlist.py
# keeps these and nothing else.
STYLE_ATTRIBUTES = tuple(
    f"text-align: {side}{end}" for side in ("left", "right", "center") for end in ("", ";")
)


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


DIRECTIVES = {
    "default-src": ["'none'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-hashes'", *map(_hash, STYLE_ATTRIBUTES)],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "frame-src": ["'self'"],
    "manifest-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}

POLICY = "; ".join(f"{name} {' '.join(sources)}" for name, sources in DIRECTIVES.items())

# `gceg serve` only: MkDocs' live reload injects an inline script into every page
# it serves (with a changing number, so no hash can allow it). The preview is
# read on the contributor's own machine; a built site never carries this.
PREVIEW_POLICY = POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'", 1)
