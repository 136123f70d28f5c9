"""The data model: closed vocabularies, typed fields, the record models and the table of
record kinds. Imports nothing else of the package but the shared limits and problems."""
