"""The shared encoder (sitroom_encoder) and the two profiles: vectors aligned to every spaCy token, a word's vector
the mean of its pieces, long sentences chunked, the same arrays however a Doc is read, a clear error when the model
package is missing, and a fast profile without the encoder whose records match the accurate one's but for the name."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from spacy.language import Language
from spacy.tokens import Doc

from sitroom.config import ENCODER_COMPONENT, ConfigError, NlpOptions, load_config
from sitroom.extract.encoder import runtime
from sitroom.extract.encoder.runtime import (
    MODEL_DISTRIBUTION, MODEL_PACKAGE, EncoderMissing, EncoderOptions, SentenceEncoder, chunk_bounds,
)
from sitroom.lexicons import LexiconError
from sitroom.model import Article, Record, from_json, to_dict, to_json
from sitroom.nlp import annotate, load_pipeline
from sitroom.run.identity import fingerprint

HIDDEN = 384  # all-MiniLM-L6-v2
TEXTS = [
    "Russian forces shelled Zaporizhzhia overnight, the regional governor said.\n\nHe gave no figures.",
    "The U.S. State Department said it could not verify the claim. Kyiv did not comment.",
    "Ukraine's air force said it shot down 27 of 31 drones launched from Kursk and Bryansk.",
]
ARTICLE = Article(id="a1", url="", outlet="Test", published="2024-05-02", title="Strikes",
                  text=" ".join(TEXTS[:2]) + " Officials in Kharkiv said three people were killed.")


@pytest.fixture(scope="module")
def accurate() -> Language:
    return load_pipeline(NlpOptions(profile="accurate"))


@pytest.fixture(scope="module")
def parsed(nlp_model: Language) -> list[Doc]:
    return list(nlp_model.pipe(TEXTS))


def _encoded(accurate: Language, doc: Doc) -> np.ndarray:
    return accurate.get_pipe(ENCODER_COMPONENT)(doc.copy())._.encoding


def test_every_token_gets_a_vector_and_whitespace_gets_zeros(accurate: Language, parsed: list[Doc]) -> None:
    doc = parsed[0]
    encoding = _encoded(accurate, doc)
    assert encoding.shape == (len(doc), HIDDEN) and encoding.dtype == np.float32
    for token in doc:
        norm = float(np.linalg.norm(encoding[token.i]))
        assert (norm == 0.0) if token.is_space else (norm > 1.0), (token.text, norm)
    assert any(token.is_space for token in doc)  # the paragraph break


def test_a_word_of_several_pieces_gets_their_mean(accurate: Language, parsed: list[Doc]) -> None:
    doc = parsed[0]
    sentence = next(iter(doc.sents))
    encoder = accurate.get_pipe(ENCODER_COMPONENT).encoder
    words = [token.text for token in sentence]
    pieces = encoder.tokenizer.encode(words, is_pretokenized=True)  # with [CLS] and [SEP]
    ids = np.array([pieces.ids], dtype=np.int64)
    states = encoder.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                        "token_type_ids": np.zeros_like(ids)})[0][0]
    word = words.index("Zaporizhzhia")
    rows = [i for i, w in enumerate(pieces.word_ids) if w == word]
    assert len(rows) > 1  # the place name is several WordPiece pieces
    assert np.allclose(_encoded(accurate, doc)[sentence.start + word], states[rows].mean(0), atol=1e-5)


def test_chunks_cover_every_piece_and_cut_at_word_boundaries() -> None:
    word_of_piece = [0, 0, 1, 2, 2, 2, 3, 4, 4, 4, 4, 4, 4, 5]
    bounds = chunk_bounds(word_of_piece, 4)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(word_of_piece)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= 4 for start, end in bounds)
    assert bounds[:3] == [(0, 3), (3, 7), (7, 11)]  # word 4 (6 pieces) is longer than a chunk: cut inside it


def test_a_long_sentence_is_chunked_and_every_word_has_a_vector(accurate: Language) -> None:
    short = SentenceEncoder(EncoderOptions(max_length=16))
    words = ("The ministry said on Monday that drones were shot down overnight near Kharkiv and Sumy , but "
             "the claim could not be independently verified by reporters in the region on Tuesday .").split()
    assert len(short.tokenizer.encode(words, is_pretokenized=True, add_special_tokens=False).ids) > 14 * 2
    (vectors,) = short.encode([words])
    assert vectors.shape == (len(words), HIDDEN)
    assert (np.linalg.norm(vectors, axis=1) > 1.0).all()
    (whole,) = accurate.get_pipe(ENCODER_COMPONENT).encoder.encode([words])
    assert not np.array_equal(vectors, whole)  # the chunks were read apart


def test_the_same_text_twice_and_a_doc_alone_or_in_a_batch_give_the_same_arrays(
        accurate: Language, parsed: list[Doc]) -> None:
    component = accurate.get_pipe(ENCODER_COMPONENT)
    alone = [_encoded(accurate, doc) for doc in parsed]
    again = [_encoded(accurate, doc) for doc in parsed]
    batched = [doc._.encoding for doc in component.pipe([doc.copy() for doc in parsed], batch_size=3)]
    for first, second, third in zip(alone, again, batched):
        assert np.array_equal(first, second) and np.array_equal(first, third)


def test_two_threads_on_one_encoder_give_the_serial_arrays(accurate: Language, parsed: list[Doc]) -> None:
    serial = [_encoded(accurate, doc) for doc in parsed]
    results: dict[int, list[np.ndarray]] = {}
    start = threading.Barrier(2)

    def run(worker: int) -> None:
        start.wait()
        results[worker] = [_encoded(accurate, doc) for doc in parsed * 2]

    threads = [threading.Thread(target=run, args=(worker,)) for worker in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for worker in range(2):
        assert all(np.array_equal(a, b) for a, b in zip(serial * 2, results[worker])), worker
    assert not vars(accurate.get_pipe(ENCODER_COMPONENT)).keys() - {"encoder"}  # no per-Doc state kept


def test_a_missing_model_package_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real = runtime.importlib.util.find_spec
    monkeypatch.setattr(runtime.importlib.util, "find_spec", lambda name: None if name == MODEL_PACKAGE else real(name))
    with pytest.raises(EncoderMissing) as missing:
        SentenceEncoder()
    assert MODEL_DISTRIBUTION in str(missing.value) and "requirements/encoder.txt" in str(missing.value)
    assert isinstance(missing.value, LexiconError)  # the CLI's error boundary: one line, exit 2


def test_a_model_file_that_is_not_the_pinned_one_is_refused() -> None:
    with pytest.raises(EncoderMissing, match="not the pinned file"):
        SentenceEncoder(EncoderOptions(model_sha256="0" * 64))


def test_fast_has_no_encoder_and_accurate_runs_it_before_the_sitroom_components(
        nlp_base: Language, accurate: Language) -> None:
    assert ENCODER_COMPONENT not in nlp_base.pipe_names
    names = accurate.pipe_names
    assert names.index("ner") < names.index(ENCODER_COMPONENT) < names.index("sitroom_times")
    assert fingerprint(nlp_base) != fingerprint(accurate)


def test_the_profiles_differ_only_in_what_the_encoder_reads(nlp_base: Language, accurate: Language) -> None:
    """Today the claims (and the actors and events that lean on them) read the encoder, through the attribution
    tagger; times, places and quantities are the rules' in both profiles."""
    (fast,) = annotate(nlp_base, [ARTICLE])
    (slow,) = annotate(accurate, [ARTICLE])
    assert isinstance(fast, Record) and isinstance(slow, Record)
    assert (fast.profile, slow.profile) == ("fast", "accurate")
    assert fast.claims and slow.claims
    reads_encoder = {"profile", "claims", "actors", "events"}
    assert {k: v for k, v in to_dict(fast).items() if k not in reads_encoder} == \
        {k: v for k, v in to_dict(slow).items() if k not in reads_encoder}
    assert all(claim.confidence is not None for claim in slow.claims)


def test_a_record_stored_before_profiles_reads_as_fast() -> None:
    data = to_dict(Record(article=ARTICLE, id="a1", profile="accurate"))
    del data["profile"]
    assert from_json(Record, to_json(data)).profile == "fast"


def test_the_profile_is_checked(tmp_path) -> None:
    with pytest.raises(ValueError, match="unknown profile"):
        load_pipeline(NlpOptions(profile="slow"))
    path = tmp_path / "sitroom.toml"
    path.write_text('[nlp]\nprofile = "slow"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="nlp.profile: must be one of accurate, fast"):
        load_config(path)
    path.write_text('[nlp]\nprofile = "accurate"\n', encoding="utf-8")
    assert load_config(path).nlp.profile == "accurate"
