"""The situation report and the exports over HTTP: each the same call the CLI makes (brief.build and render,
EXPORTERS[name].stream), its bad parameters a 422 with the package's own message."""

# No `from __future__ import annotations`: FastAPI reads the routes' annotations, some of them local names.
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response, StreamingResponse

from sitroom.api.read import BAD_INPUT
from sitroom.api.schemas import ErrorBody, IsoDay
from sitroom.api.service import Service
from sitroom.brief import BriefError, BriefRequest, build, render
from sitroom.export import EXPORTERS, ExportError, ExportFilter, exporter

BRIEF_MEDIA_TYPES = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}
# The briefing page styles itself inline and runs nothing: its own policy, stricter than the API's on scripts.
BRIEF_HTML_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none';"
                     " form-action 'none'; frame-ancestors 'self'")


def outputs_router(service: Service) -> APIRouter:
    options = service.options
    store = service.store
    router = APIRouter(prefix="/api", responses={**BAD_INPUT, 503: {"model": ErrorBody,
                                                                     "description": "The store cannot be read"}})
    Day = Annotated[IsoDay | None, Query(description="An ISO day (YYYY-MM-DD), inclusive.")]

    @router.get("/brief", response_class=Response, summary="The situation report of a period", responses={
        200: {"content": {t: {"schema": {"type": "string"}} for t in BRIEF_MEDIA_TYPES.values()},
              "description": "The report, every line citing its evidence"}})
    def brief(
        date_from: Annotated[IsoDay, Query(alias="from", description="First day (YYYY-MM-DD), inclusive.")],
        date_to: Annotated[IsoDay, Query(alias="to", description="Last day (YYYY-MM-DD), inclusive.")],
        region: Annotated[str | None, Query(min_length=1, max_length=options.max_query_chars, description=(
            "Only this region: part of a place, admin1 or country name, or an ISO code."))] = None,
        format: Literal["md", "html"] = "md",
    ) -> Response:
        days = (date_to - date_from).days + 1
        if days > options.max_brief_days:
            raise HTTPException(422, f"to: the period is {days} days, over {options.max_brief_days}"
                                     " ([api] max_brief_days; `sitroom brief` takes any period)")
        request = BriefRequest(date_from.isoformat(), date_to.isoformat(), region, service.config.brief)
        try:
            request.period()
            briefing = service.call(build, store, request)
            text = render(briefing, format)
        except BriefError as error:
            raise HTTPException(422, str(error)) from None
        except OverflowError:  # the briefing looks some days before and after the period, past year 1 or 9999
            raise HTTPException(422, f"from, to: {date_from} to {date_to} is too near the ends of the calendar"
                                     " for a briefing (it reads reports some days either side)") from None
        headers = {"Content-Security-Policy": BRIEF_HTML_POLICY} if format == "html" else None
        return Response(text, media_type=BRIEF_MEDIA_TYPES[format], headers=headers)

    media_types = sorted({e.media_type for e in EXPORTERS.values()})

    @router.get("/export/{name}", response_class=StreamingResponse, summary="An export, streamed", responses={
        200: {"content": {t: {"schema": {"type": "string", "format": "binary"}} for t in media_types},
              "description": "The export's bytes, as `sitroom export NAME` writes them"},
        404: {"model": ErrorBody, "description": "No such exporter"}},
        description="The exporters: " + "; ".join(f"{e.name}: {e.description}" for e in EXPORTERS.values()))
    def export(
        name: Annotated[str, Path(max_length=40, description="One of: " + ", ".join(EXPORTERS))],
        since: Day = None, until: Day = None,
        country: Annotated[str | None, Query(min_length=1, max_length=80,
                                             description="ISO alpha-2 code or ACLED's name.")] = None,
        admin1: Annotated[str | None, Query(min_length=1, max_length=options.max_query_chars,
                                            description="Part of the region's name.")] = None,
        kind: Annotated[Literal["event", "claim"] | None, Query(description="The clusters export only.")] = None,
        min_confidence: Annotated[float | None, Query(
            ge=0.0, le=1.0, description="Event clusters of at least this confidence (not jsonl).")] = None,
    ) -> StreamingResponse:
        if name not in EXPORTERS:
            raise HTTPException(404, f"no exporter {name!r}; the exporters are: {', '.join(EXPORTERS)}")
        chosen = exporter(name, service.config.export)
        where = ExportFilter(since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                             country=country, admin1=admin1, kind=kind, min_confidence=min_confidence)
        try:
            chunks = chosen.stream(store, where)  # the filter is checked here, before any byte is sent
        except ExportError as error:
            raise HTTPException(422, str(error)) from None
        filename = f"sitroom-{name}{chosen.suffix}"
        return StreamingResponse(service.stream(iter(chunks)), media_type=chosen.media_type,
                                 headers={"Content-Disposition": f'attachment; filename="{filename}"'})

    return router

