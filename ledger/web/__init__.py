"""The web as a source: fetching pages and feeds with the provenance a fact-checker needs.

Owns: nothing yet (the package the fetch and feed modules live in).
"""
