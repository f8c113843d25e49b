"""Toponym recognition and resolution on GeoWebNews and LGL, the way the geoparsing literature scores them.

- Recognition (end to end, from raw text): a predicted place mention (any role) and a gold toponym match when
  their character spans overlap; precision over predictions, recall over gold toponyms, F1.
- Resolution given the gold names (geocoding, Gritta et al. 2019, "A pragmatic guide to geoparsing evaluation",
  section 5): every gold toponym *with a GeoNames id* is resolved by the same :class:`Resolver`, with the
  article's other gold toponyms as its context (their spans and the raw text: region and anchor cues are read
  from the text, no parse). Those are the toponyms of GeoWebNews' own geocoding gold (``gwn_full.txt``, 2,401
  of them) and of LGL's gaztags, and the set Mordecai 3 is scored on; GeoWebNews' 200 toponyms that GeoNames
  lacks (streets, buildings, with a point taken from a map) are scored apart, in ``acc_161km_gold_all_points``.
  A prediction whose GeoNames id equals the gold id counts as 0 km (the gold point *is* that entry's GeoNames
  point, and our admin units carry a median-of-towns point instead); otherwise the distance between points. A
  toponym left unresolved counts as 20,039 km (half the Earth's circumference), as in Gritta et al.
  ``acc_161km_gold_points`` repeats the 161 km accuracy with our own points only. ``acc_161km_gold_gpe_loc``
  restricts it further to the gold spans where the spaCy model tags a GPE or LOC token: Mordecai 3's data
  formatter drops the others, so that is the figure its published accuracies (82.7 LGL, 94.1 GWN) compare with.
- End to end: the share of all gold toponyms with a point that are recognized and resolved within 161 km.

GeoWebNews toponym types: Literal, Metonymic, Mixed, Literal_Modifier, Non_Literal_Modifier, Embedded_Literal,
Embedded_Non_Lit, Coercion (Gritta et al. 2019, section 3); demonyms, homonyms, languages and the *_Expression
classes are not toponyms.
"""

from __future__ import annotations

import hashlib
import re
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitroom.config import Config, NlpOptions, eval_cache_dir
from sitroom.eval.metrics import f1
from sitroom.extract.places import Cues, PlacesLexicon, Resolver, ResolverOptions
from sitroom.geo.distance import distance_km
from sitroom.geo.gazetteer import Gazetteer, default_path
from sitroom.nlp import add_component

GWN_TOPONYM_TYPES = frozenset({
    "Literal", "Metonymic", "Mixed", "Literal_Modifier", "Non_Literal_Modifier", "Embedded_Literal",
    "Embedded_Non_Lit", "Coercion",
})
UNRESOLVED_KM = 20039.0
KM_161 = 161.0
KM_25 = 25.0


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    geonameid: str = ""
    lat: float | None = None
    lon: float | None = None
    adjective: bool = False  # GeoWebNews modifier of type Adjective ("Russian troops"): a demonym to sitroom


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


@dataclass
class Prediction:
    start: int
    end: int
    place_id: str = ""
    lat: float | None = None
    lon: float | None = None


# --- readers -------------------------------------------------------------------------------------------------


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def _realign(text: str, start: int, end: int, phrase: str) -> tuple[int, int] | None:
    """Some corpora in LGL's format are off by one or a few characters: find the phrase near its offsets."""
    if text[start:end] == phrase:
        return start, end
    for delta in range(1, 6):
        for s in (start - delta, start + delta):
            if 0 <= s and text[s : s + len(phrase)] == phrase:
                return s, s + len(phrase)
    return None


def read_lgl(path: Path) -> list[GoldArticle]:
    """LGL's XML (and corpora in the same format): <article docid><text/><toponyms><toponym>..."""
    articles: list[GoldArticle] = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        gold = GoldArticle(article.get("docid") or str(len(articles)), text)
        for toponym in article.iter("toponym"):
            phrase = toponym.findtext("phrase") or ""
            start, end = int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0)
            span = _realign(text, start, end, phrase)
            if span is None:
                continue
            gaztag = toponym.find("gaztag")
            gold.toponyms.append(GoldToponym(
                span[0], span[1], phrase,
                gaztag.get("geonameid", "") if gaztag is not None else "",
                _float(gaztag.findtext("lat")) if gaztag is not None else None,
                _float(gaztag.findtext("lon")) if gaztag is not None else None,
            ))
        articles.append(gold)
    return articles


def read_gwn(path: Path) -> tuple[list[GoldArticle], list[list[tuple[int, int]]]]:
    """GeoWebNews' GWN.xml: the toponyms, and per article the spans of its non-toponym annotations."""
    articles: list[GoldArticle] = []
    others: list[list[tuple[int, int]]] = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        gold = GoldArticle(article.get("file") or str(len(articles)), text)
        rest: list[tuple[int, int]] = []
        for toponym in article.iter("toponym"):
            start, end = int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0)
            if toponym.findtext("type") in GWN_TOPONYM_TYPES:
                gold.toponyms.append(GoldToponym(
                    start, end, text[start:end], toponym.findtext("geonamesID") or "",
                    _float(toponym.findtext("latitude")), _float(toponym.findtext("longitude")),
                    toponym.findtext("modifierType") == "Adjective",
                ))
            else:
                rest.append((start, end))
        gold.toponyms.sort(key=lambda t: t.start)
        articles.append(gold)
        others.append(rest)
    return articles, others


# Fixed halves of a corpus that has no split of its own, by the sha256 of the article id: even is the half rules are
# calibrated on ("dev-half"), odd the half they are only reported on ("test-half").
HASH_HALVES = {"dev-half": 0, "test-half": 1}


def hash_half(article_id: str) -> int:
    """0 or 1: the parity of the sha256 of an article's id (a split that no reordering of the corpus changes)."""
    return int(hashlib.sha256(article_id.encode("utf-8")).hexdigest(), 16) % 2


def read_corpus(corpus: Path, split: str | None = None) -> list[GoldArticle]:
    """GeoWebNews (a folder holding GWN.xml, or the file) or LGL-format XML (a folder holding one, or the file);
    ``split`` a subfolder, or one of ``HASH_HALVES``."""
    corpus = Path(corpus)
    if split in HASH_HALVES:
        return [a for a in read_corpus(corpus) if hash_half(a.id) == HASH_HALVES[split]]
    if split:
        corpus = corpus / split
    if corpus.is_dir():
        found = sorted(corpus.rglob("GWN.xml")) or sorted(corpus.rglob("*.xml"))
        if not found:
            raise FileNotFoundError(f"no GWN.xml or LGL-format .xml under {corpus}")
        corpus = found[0]
    if corpus.name == "GWN.xml":
        return read_gwn(corpus)[0]
    return read_lgl(corpus)


# --- scoring -------------------------------------------------------------------------------------------------


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def error_km(gold: GoldToponym, prediction: Prediction | None) -> float:
    """Distance from the gold point; 0 when the GeoNames ids agree; 20,039 km when nothing was resolved."""
    if prediction is None:
        return UNRESOLVED_KM
    if gold.geonameid and prediction.place_id == f"geonames:{gold.geonameid}":
        return 0.0
    return point_error_km(gold, prediction)


def point_error_km(gold: GoldToponym, prediction: Prediction | None) -> float:
    if prediction is None or prediction.lat is None or prediction.lon is None or gold.lat is None:
        return UNRESOLVED_KM
    return distance_km(gold.lat, gold.lon, prediction.lat, prediction.lon)


def score_resolution(articles: list[GoldArticle], predictions: list[list[Prediction | None]],
                     keep: Callable[[int, int], bool] | None = None) -> dict[str, float]:
    """Given-gold-names metrics over the toponyms with a GeoNames id; ``predictions[a][t]`` answers
    ``articles[a].toponyms[t]``; ``keep(a, t)``, when given, adds ``acc_161km_gold_gpe_loc`` over the kept ones."""
    errors: list[float] = []
    point_errors: list[float] = []
    all_points: list[float] = []
    kept: list[float] = []
    exact = 0
    for a, (article, answers) in enumerate(zip(articles, predictions)):
        for t, (gold, answer) in enumerate(zip(article.toponyms, answers)):
            if gold.lat is None:
                continue
            all_points.append(error_km(gold, answer))
            if not gold.geonameid:
                continue
            errors.append(all_points[-1])
            point_errors.append(point_error_km(gold, answer))
            exact += answer is not None and answer.place_id == f"geonames:{gold.geonameid}"
            if keep is not None and keep(a, t):
                kept.append(errors[-1])
    n = len(errors) or 1
    metrics = {
        "exact_gold": 100.0 * exact / n,
        "acc_161km_gold": 100.0 * sum(e <= KM_161 for e in errors) / n,
        "acc_25km_gold": 100.0 * sum(e <= KM_25 for e in errors) / n,
        "mean_error_km_gold": statistics.fmean(errors) if errors else 0.0,
        "acc_161km_gold_points": 100.0 * sum(e <= KM_161 for e in point_errors) / n,
        "acc_161km_gold_all_points": 100.0 * sum(e <= KM_161 for e in all_points) / (len(all_points) or 1),
        "toponyms_resolved": float(len(errors)),
    }
    if keep is not None:
        metrics["acc_161km_gold_gpe_loc"] = 100.0 * sum(e <= KM_161 for e in kept) / (len(kept) or 1)
        metrics["toponyms_gpe_loc"] = float(len(kept))
    return metrics


def score_end_to_end(articles: list[GoldArticle], predictions: list[list[Prediction]],
                     is_demonym: Callable[[GoldToponym], bool] | None = None) -> dict[str, float]:
    """Recognition P/R/F1 by span overlap, and the share of gold toponyms recognized and resolved within 161 km.

    ``is_demonym`` marks gold toponyms sitroom deliberately reads as actors; recall is also given without them."""
    tp_pred = n_pred = tp_gold = n_gold = hits = n_points = 0
    for article, predicted in zip(articles, predictions):
        gold_spans = [(t.start, t.end) for t in article.toponyms]
        n_pred += len(predicted)
        tp_pred += sum(any(_overlaps((p.start, p.end), g) for g in gold_spans) for p in predicted)
        for gold in article.toponyms:
            matched = [p for p in predicted if _overlaps((p.start, p.end), (gold.start, gold.end))]
            n_gold += 1
            tp_gold += bool(matched)
            if gold.lat is not None:
                n_points += 1
                hits += any(error_km(gold, p) <= KM_161 for p in matched)
    precision = 100.0 * tp_pred / (n_pred or 1)
    recall = 100.0 * tp_gold / (n_gold or 1)
    metrics = {
        "recognition_precision": precision,
        "recognition_recall": recall,
        "recognition_f1": f1(precision, recall),
        "acc_161km_e2e": 100.0 * hits / (n_points or 1),
    }
    is_demonym = is_demonym or (lambda t: t.adjective)
    nouns = [[t for t in a.toponyms if not is_demonym(t)] for a in articles]
    if sum(map(len, nouns)) < n_gold:
        # sitroom reads "Russian troops" as an actor, not a place: recall without demonyms and adjectives.
        found = sum(any(_overlaps((p.start, p.end), (t.start, t.end)) for p in predicted)
                    for kept, predicted in zip(nouns, predictions) for t in kept)
        recall_nouns = 100.0 * found / (sum(map(len, nouns)) or 1)
        metrics["recognition_recall_no_demonyms"] = recall_nouns
        metrics["recognition_f1_no_demonyms"] = f1(precision, recall_nouns)
    return metrics


# --- running sitroom -----------------------------------------------------------------------------------------


def resolve_gold(articles: list[GoldArticle], gazetteer: Gazetteer,
                 options: ResolverOptions | None = None) -> list[list[Prediction | None]]:
    """Resolve each gold span with the article's other gold toponyms as context (cues read from the raw text)."""
    resolver = Resolver(gazetteer, options or ResolverOptions())
    cues = Cues(PlacesLexicon.load())
    result: list[list[Prediction | None]] = []
    for article in articles:
        mentions = cues.mentions(article.text, [(t.start, t.end) for t in article.toponyms])
        answers: list[Prediction | None] = []
        for m, r in zip(mentions, resolver.resolve(mentions)):
            place = r.place
            answers.append(Prediction(m.start, m.end, place.id, place.lat, place.lon) if place else None)
        result.append(answers)
    return result


def base_pipeline(model: str = "") -> Any:
    """The spaCy model alone (default: the configured one; the sitroom components are left out: only places is
    scored)."""
    import spacy

    from sitroom.extract.doc import register_extensions

    register_extensions()
    return spacy.load(model or NlpOptions().model)


def parse_cached(articles: list[GoldArticle], nlp: Any, cache_dir: Path) -> list[Any]:
    """The base model's Docs, cached on disk by model and text hash so the end-to-end run can iterate quickly."""
    from spacy.tokens import DocBin

    digest = hashlib.sha256("\0".join(a.text for a in articles).encode()).hexdigest()[:16]
    path = cache_dir / f"{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '')}-{digest}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def predict_end_to_end(articles: list[GoldArticle], component_config: dict[str, Any] | None = None,
                       progress: Callable[[int], None] | None = None,
                       docs: list[Any] | None = None, model: str = "") -> list[list[Prediction]]:
    """Parse (cached; or the given base-model Docs) and run the places component over each article's raw text."""
    nlp = base_pipeline(model)
    docs = docs if docs is not None else parse_cached(articles, nlp, eval_cache_dir())
    add_component(nlp, "sitroom_places", component_config or {})
    component = nlp.get_pipe("sitroom_places")
    result: list[list[Prediction]] = []
    for article, doc in zip(articles, docs):
        doc._.article_id = article.id
        component(doc)
        predicted = []
        for m in doc._.places or []:
            place = m.place
            predicted.append(Prediction(m.evidence.start, m.evidence.end, place.id if place else "",
                                        place.lat if place else None, place.lon if place else None))
        result.append(predicted)
        if progress:
            progress(1)
    return result


def evaluate(
    corpus: Path, *, config: Config | None = None, split: str | None = None, gazetteer_path: Path | None = None
) -> dict[str, float]:
    """All metrics of one corpus (GeoWebNews or LGL format) as a flat dict of percentages and km; both the gold-name
    resolution and the component read ``gazetteer_path`` (default: the cache folder's); the model and the places
    component's options are the configured ones."""
    config = config or Config()
    articles = read_corpus(Path(corpus), split)
    path = Path(gazetteer_path) if gazetteer_path else default_path()
    gazetteer = Gazetteer.open(path)
    metrics: dict[str, float] = {"articles": float(len(articles)),
                                 "toponyms": float(sum(len(a.toponyms) for a in articles))}
    docs = parse_cached(articles, base_pipeline(config.nlp.model), eval_cache_dir())
    metrics.update(score_resolution(articles, resolve_gold(articles, gazetteer), gpe_loc_test(articles, docs)))
    places = {**config.nlp.components.get("sitroom_places", {}), "gazetteer_path": str(path)}
    predicted = predict_end_to_end(articles, places, docs=docs, model=config.nlp.model)
    metrics.update(score_end_to_end(articles, predicted, demonym_test(gazetteer)))
    return metrics


def gpe_loc_test(articles: list[GoldArticle], docs: list[Any]) -> Callable[[int, int], bool]:
    """Whether the spaCy model tags a token of gold toponym ``t`` of article ``a`` GPE or LOC (Mordecai 3's filter)."""
    def keep(a: int, t: int) -> bool:
        gold = articles[a].toponyms[t]
        span = docs[a].char_span(gold.start, gold.end, alignment_mode="expand")
        return span is not None and any(token.ent_type_ in ("GPE", "LOC") for token in span)
    return keep


_DEMONYM_ENDING = re.compile(r"(?:an|ans|ese|i|is|ish|ch|ic)$")


def demonym_test(gazetteer: Gazetteer) -> Callable[[GoldToponym], bool]:
    """GeoWebNews' adjectival modifiers, and gold phrases with a demonym ending that name a country or region."""
    return lambda t: t.adjective or bool(_DEMONYM_ENDING.search(t.text) and gazetteer.demonym(t.text))


def iter_errors(articles: Iterable[GoldArticle], predictions: Iterable[list[Prediction | None]]
                ) -> Iterable[tuple[str, GoldToponym, Prediction | None, float]]:
    """(article id, gold, prediction, km) for each gold toponym with a point; for error analysis."""
    for article, answers in zip(articles, predictions):
        for gold, answer in zip(article.toponyms, answers):
            if gold.lat is not None:
                yield article.id, gold, answer, error_km(gold, answer)
