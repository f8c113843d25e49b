"""Places without spaCy: name keys (names), the gazetteer build (build) and its read-only file (gazetteer), and
geometry (distance). Data files are read through :mod:`sitroom.lexicons`."""
