"""Per-article extraction: spaCy components that read a parsed Doc and set ``doc._`` attributes.

Each module registers one factory (``sitroom_times``, ``sitroom_places``, ...) declaring what it requires and
assigns, so ``nlp.analyze_pipes()`` checks the order. :mod:`sitroom.extract.doc` declares the extensions.
"""
