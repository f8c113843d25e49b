"""`sitroom serve`: the HTTP API and the web page over a store, with uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import click
import typer

from sitroom.cli.render import console
from sitroom.config import Config, load_config
from sitroom.store import open_store


def serve(
    ctx: typer.Context,
    db: Annotated[Optional[str], typer.Option("--db", help="SQLite file (default: the config's, sitroom.db).")] = None,
    host: Annotated[Optional[str], typer.Option(
        help="Address to listen on (default: \\[api] host, 127.0.0.1).")] = None,
    port: Annotated[Optional[int], typer.Option(help="Port (default: \\[api] port, 8000).", min=0, max=65535)] = None,
    config: Annotated[Optional[Path], typer.Option(
        "--config", help="TOML file of options (\\[api] limits, ingest_token); default: sitroom --config's.")] = None,
) -> None:
    """Serve the API (/api/..., its schema at /openapi.json) and the web page (/) until interrupted."""
    import uvicorn

    from sitroom.api import create_app

    options = load_config(config) if config else _root_config(ctx)
    location = db or options.db
    store = open_store(location, options.store)
    try:
        app = create_app(options, store)
        bind_host, bind_port = host or options.api.host, options.api.port if port is None else port
        ingest = "on" if options.api.ingest_token else "off"
        console.print(f"sitroom: serving {location} at http://{bind_host}:{bind_port}/"
                      f" (API under /api, schema at /openapi.json; ingest {ingest})")
        # One worker process: the store is one SQLite connection, taken in turns by the worker's threads.
        uvicorn.run(app, host=bind_host, port=bind_port, timeout_keep_alive=options.api.keep_alive_s,
                    log_level="info", server_header=False)
    finally:
        store.close()


def _root_config(ctx: click.Context) -> Config:
    """The options `sitroom --config FILE` (or $SITROOM_CONFIG) gave the whole command line."""
    path = ctx.find_root().params.get("config")
    return load_config(path) if path else Config()
