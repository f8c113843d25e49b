"""evidence() reads a per-Doc copy of the text; a Doc built from another's user data must not reuse it."""

from __future__ import annotations

import spacy

from sitroom.extract.doc import doc_text, evidence


def test_evidence_text_and_copied_user_data() -> None:
    nlp = spacy.blank("en")
    doc = nlp("Hello world. Second one here.")
    assert doc_text(doc) == doc.text
    assert evidence(doc, 6, 11).text == "world"
    part = doc[3:].as_doc(copy_user_data=True)
    assert doc_text(part) == part.text
    assert evidence(part, 0, 6).text == "Second"
