"""Compiled templates kept for the next build in the same process.

``gceg serve`` rebuilds in one process, and ``gceg build`` builds each language in turn
in one: without this, every build compiled the theme's and the views' templates again
(about a second and a half per build at N = 1,000 on this machine). Jinja checks each
entry against its template's source checksum, so an edited template is compiled anew.
One cache per environment, as the compiled code depends on its settings.
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class CompiledTemplates(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


VIEWS = CompiledTemplates()  # the views' own templates (render/templates)
THEME = CompiledTemplates()  # the theme's, with overrides/
