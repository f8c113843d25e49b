"""The two endpoints that take documents: annotate (read one, store nothing) and ingest (store a batch, behind
a token, off unless configured). Reading goes through the ingest readers and the pipeline exactly as the CLI's
`annotate` and `ingest` do; writing goes through the run layer."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations, some of them local names.
import hmac
import io
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sitroom.api.schemas import AnnotateRequest, ErrorBody, IngestRequest, IngestResult, Problem
from sitroom.api.service import Service
from sitroom.ingest import normalize_published
from sitroom.ingest.html import read_html
from sitroom.ingest.jsonl import read_jsonl
from sitroom.ingest.text import read_text
from sitroom.model import Article, ExtractionFailure, IngestError, Record, Skipped
from sitroom.run.batch import ingest_items
from sitroom.run.local import new_run_id
from sitroom.store.base import StoreError

ANNOTATE_SOURCE = "api:annotate"
TOO_LARGE: dict[int | str, dict[str, Any]] = {413: {"model": ErrorBody, "description": "The body is over the limit"}}


def _unreadable(item: IngestError | Skipped | ExtractionFailure) -> HTTPException:
    """Why a document gave no record, as the client's error: the reader's or the pipeline's own reason."""
    if isinstance(item, ExtractionFailure):
        where = f" in {item.component}" if item.component else ""
        return HTTPException(422, f"text: the pipeline could not read it{where}: {item.reason}: {item.detail}")
    what = "skipped" if isinstance(item, Skipped) else "not read"
    return HTTPException(422, f"text: {what}: {item.reason}" + (f" ({item.detail})" if item.detail else ""))


def write_router(service: Service) -> APIRouter:
    options = service.options
    router = APIRouter(prefix="/api")
    bearer = HTTPBearer(auto_error=False, description="POST /api/ingest: [api] ingest_token")

    @router.post("/annotate", response_model=Record, responses={
        **TOO_LARGE, 422: {"model": ErrorBody, "description": "Not a document the pipeline reads"},
        503: {"model": ErrorBody, "description": "The pipeline is not installed"}},
        summary=f"Read one document (at most {options.max_annotate_bytes:,} bytes) and return its record")
    def annotate(body: AnnotateRequest) -> Record:
        article = _article(body, service)
        try:
            nlp, lock = service.pipeline()
        except (OSError, RuntimeError, ValueError) as error:
            raise HTTPException(503, f"the pipeline cannot be loaded: {error}") from None
        from sitroom.nlp import annotate as run_pipeline

        with lock:
            outcome = next(iter(run_pipeline(nlp, [article], service.config.nlp)))
        if isinstance(outcome, ExtractionFailure):
            raise _unreadable(outcome)
        return outcome

    def gate(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
        """404 while ingest is off; 401 without a bearer token; 403 with a wrong one."""
        token = options.ingest_token
        if not token:
            raise HTTPException(404, "ingest is off: set [api] ingest_token in the config to turn it on")
        if credentials is None:
            raise HTTPException(401, "ingest needs the header Authorization: Bearer <[api] ingest_token>",
                                headers={"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(credentials.credentials.encode("utf-8"), token.encode("utf-8")):
            raise HTTPException(403, "ingest: the bearer token is not [api] ingest_token")

    @router.post("/ingest", response_model=IngestResult, dependencies=[Depends(gate)], responses={
        **TOO_LARGE, 401: {"model": ErrorBody, "description": "No bearer token"},
        403: {"model": ErrorBody, "description": "A wrong bearer token"},
        422: {"model": ErrorBody, "description": "Not a body of documents"},
        404: {"model": ErrorBody, "description": "Ingest is off ([api] ingest_token unset)"},
        503: {"model": ErrorBody, "description": "The store cannot be written"}},
        summary="Store documents (the corpus JSONL's fields), each bad one with its reason")
    def ingest(body: IngestRequest) -> IngestResult:
        run = new_run_id()
        lines = b"".join(json.dumps(doc.model_dump(exclude_none=True), ensure_ascii=False).encode("utf-8") + b"\n"
                         for doc in body.documents)
        items = list(read_jsonl(io.BytesIO(lines), source=f"api:{run}", options=service.config.ingest))
        try:
            result = service.call(ingest_items, service.store, items, service.config, run)
        except StoreError as error:
            raise HTTPException(503, f"ingest: {error}") from None
        problems = [Problem(status="skipped" if isinstance(p, Skipped) else "error", source=p.source,
                            reason=p.reason, detail=p.detail) for p in result.problems]
        return IngestResult(run=run, stored=result.stored, updated=result.updated, unchanged=result.unchanged,
                            skipped=result.skipped, failed=result.failed, problems=problems)

    return router


def _article(body: AnnotateRequest, service: Service) -> Article:
    """The request's document read as `sitroom annotate` reads a file, with the metadata it was given."""
    published = None
    if body.published is not None:
        published = normalize_published(body.published)
        if published is None:
            raise HTTPException(422, f"published: not an ISO 8601 date or datetime: {body.published[:40]!r}")
    ingest_options = service.config.ingest
    url = body.url or ""
    if body.format == "html":
        item = read_html(body.text, source=ANNOTATE_SOURCE, url=url, options=ingest_options)
    else:
        item = read_text(body.text, source=ANNOTATE_SOURCE, url=url, outlet=body.outlet or "", options=ingest_options)
    if not isinstance(item, Article):
        raise _unreadable(item)
    if body.title is not None:
        item.title = body.title.strip()
    if published and not item.published:
        item.published = published
    if body.outlet and not item.outlet:
        item.outlet = body.outlet.strip()
    return item
