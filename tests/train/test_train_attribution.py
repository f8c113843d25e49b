"""The attribution trainer's gold tags: PolNeAR's relations as BIO tags over the tokens the component tags (torch is
not needed for this part)."""

from __future__ import annotations

from spacy.language import Language

from sitroom.extract.claims.tagger import TAGS
from sitroom.train.attribution import gold_tags


def test_gold_relations_become_bio_tags_and_a_second_relation_begins_anew(nlp_base: Language) -> None:
    doc = nlp_base.make_doc("Kyiv said it held . Moscow said it fell .")
    text = doc.text
    first = {"source": [(0, 4)], "cue": [(5, 9)], "content": [(10, text.index(" ."))]}
    second = {"source": [(text.index("Moscow"), text.index("Moscow") + 6)],
              "cue": [(text.index("said it fell"), text.index("said it fell") + 4)],
              "content": [(text.index("it fell"), text.index("it fell") + 7)]}
    tags = [TAGS[t] for t in gold_tags(doc, [first, second])]
    assert tags == ["B-source", "B-cue", "B-content", "I-content", "O",
                    "B-source", "B-cue", "B-content", "I-content", "O"]


def test_adjacent_spans_of_two_relations_do_not_merge(nlp_base: Language) -> None:
    doc = nlp_base.make_doc("it held it fell")
    one = {"content": [(0, 7)]}
    two = {"content": [(8, 15)]}
    assert [TAGS[t] for t in gold_tags(doc, [one, two])] == ["B-content", "I-content", "B-content", "I-content"]
