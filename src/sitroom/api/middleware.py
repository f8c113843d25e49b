"""What every request passes through: a body-size limit (413 before the body is read whole), a timeout (504
when no reply has started in time) and the security headers of every reply. Plain ASGI, so a streamed export
is passed through untouched."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


async def send_error(send: Send, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
    """A JSON error reply in the API's one error shape ({"detail": ...}), sent from below the routes."""
    body = json.dumps({"detail": detail}).encode("utf-8")
    raw_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode("ascii"))]
    raw_headers += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Refuses a request body over the limit of its path with 413: at once when Content-Length says so; a body
    sent without a length (chunked) is gathered up to the limit, refused as soon as it passes it, and handed
    on whole (nothing over the limit is held)."""

    def __init__(self, app: ASGIApp, limit_of: Callable[[str], tuple[int, str]]) -> None:
        self.app = app
        self.limit_of = limit_of  # path -> (bytes, the setting's name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, setting = self.limit_of(scope["path"])
        message = f"the request body is over {limit:,} bytes ([api] {setting})"
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > limit
            except ValueError:
                await send_error(send, 400, f"Content-Length is not a number: {declared[:40]!r}")
                return
            if too_large:
                await send_error(send, 413, message)
                return
            await self.app(scope, receive, send)  # the server holds the body to its declared length
            return
        parts: list[bytes] = []
        seen = 0
        while True:
            incoming = await receive()
            if incoming["type"] != "http.request":
                break  # the client went away: let the app see it as usual
            seen += len(incoming.get("body", b""))
            if seen > limit:
                await send_error(send, 413, message)
                return
            parts.append(incoming.get("body", b""))
            if not incoming.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(parts), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class Timeout:
    """504 when the reply has not started within the limit of its path. The work itself is not killed (a thread
    cannot be); what it sends after the 504 is dropped. A reply that has started (a streamed export) runs on."""

    def __init__(self, app: ASGIApp, seconds_of: Callable[[str], float]) -> None:
        self.app = app
        self.seconds_of = seconds_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        seconds = self.seconds_of(scope["path"])
        started = asyncio.Event()
        timed_out = False

        async def guarded_send(message: Message) -> None:
            if timed_out:
                return
            if message["type"] == "http.response.start":
                started.set()
            await send(message)

        work = asyncio.ensure_future(self.app(scope, receive, guarded_send))
        begun = asyncio.ensure_future(started.wait())
        done, _ = await asyncio.wait({work, begun}, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        if not done:
            timed_out = True
            work.cancel()
            begun.cancel()
            await send_error(send, 504, f"no reply within {seconds:g} s ([api] request_timeout_s or write_timeout_s)")
            return
        begun.cancel()
        await work


class SecurityHeaders:
    """Headers on every reply: the Content-Security-Policy (no inline scripts: article text is untrusted),
    nosniff, no framing, no referrer."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.headers: list[tuple[bytes, bytes]] = [
            (b"content-security-policy", policy.encode("latin-1")),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", [])}
                extra: list[Any] = [h for h in self.headers if h[0] not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
