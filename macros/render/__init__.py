"""Rendering: the catalog cut to one audience, as page fragments and whole pages. Views and
their templates, the sandbox for contributor Markdown, escaping, the HTML allowlist, the
Markdown extensions, the one description of a document, languages."""
