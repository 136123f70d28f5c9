"""Incremental builds: each page's reads of the catalog are recorded (reads.py), digested
(digest.py) and kept with its HTML (state.py); the next build makes again only the pages
whose inputs changed (plugin.py, the MkDocs plugin ``gceg-incremental``)."""
