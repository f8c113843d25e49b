"""The learned ACLED typer in the events component: it retypes the rules' ACLED events where the encoder read the
Doc, leaves them where it abstains or no encoding exists, and never types an event the rules did not code."""

from __future__ import annotations

import numpy as np
from spacy.language import Language

from sitroom.extract.events import EventExtractor

TEXT = "Russian forces shelled the village of Bilohorivka on Monday, killing two civilians."


class FixedTyper:
    """Stands in for AcledTyper: always the same reading (or an abstention)."""

    def __init__(self, reading: tuple[str, str, float] | None) -> None:
        self.reading = reading
        self.calls = 0

    def classify(self, vector: np.ndarray, tokens: list[str]) -> tuple[str, str, float] | None:
        self.calls += 1
        assert vector.ndim == 1 and tokens
        return self.reading


def events_with(nlp: Language, typer: FixedTyper, encoded: bool):
    with nlp.select_pipes(disable=["sitroom_events"]):
        doc = nlp(TEXT)
    doc._.encoding = np.ones((len(doc), 384), dtype=np.float32) if encoded else None
    rules = nlp.get_pipe("sitroom_events")
    return EventExtractor(rules.lex, rules.merge_window, typer=typer)(doc)._.events  # type: ignore[arg-type]


def test_the_typer_retypes_an_acled_event_where_the_encoder_read_the_doc(nlp_base: Language) -> None:
    (event,) = [e for e in events_with(nlp_base, FixedTyper(None), encoded=True) if e.event_type]
    typer = FixedTyper(("Air/drone strike", "Explosions/Remote violence", 0.9))
    (retyped,) = [e for e in events_with(nlp_base, typer, encoded=True) if e.event_type]
    assert typer.calls >= 1
    assert (retyped.event_type, retyped.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert retyped.disorder_type == "Political violence"
    assert retyped.trigger == event.trigger


def test_without_an_encoding_or_when_it_abstains_the_rules_type_stays(nlp_base: Language) -> None:
    rules = [(e.event_type, e.sub_event_type) for e in events_with(nlp_base, FixedTyper(None), encoded=False)]
    typer = FixedTyper(("Peaceful protest", "Protests", 0.9))
    assert [(e.event_type, e.sub_event_type) for e in events_with(nlp_base, typer, encoded=False)] == rules
    assert typer.calls == 0
    assert [(e.event_type, e.sub_event_type) for e in events_with(nlp_base, FixedTyper(None), encoded=True)] == rules
