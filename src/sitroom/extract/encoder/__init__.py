"""The shared encoder: one pretrained transformer run once per Doc, its vectors offered to every component.

``sitroom_encoder`` (:mod:`.component`) sets ``doc._.encoding``, a float32 array [len(doc), hidden] aligned to
spaCy's tokens, as spacy-transformers' listeners offer one transformer to many components; the ``accurate``
profile adds it before the sitroom components. :mod:`.runtime` is the spaCy-free core (onnxruntime + tokenizers).
"""
