"""Places without spaCy: name keys, the gazetteer build and its read-only queries, distances."""
