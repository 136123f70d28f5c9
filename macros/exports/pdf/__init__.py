"""Per-document PDFs and a compendium, rendered by WeasyPrint from the built pages.

A step after the MkDocs build: it reads the built HTML of each document's
page, lays it out for print (cover, contents with page numbers, running
markings, page X of Y), and renders PDF/A-3a files in parallel, reusing any
PDF whose inputs have not changed (a content-hash cache).
"""

from .build import render_all

__all__ = ["render_all"]
