"""The HTTP API: ``create_app(config, store)`` composes store calls into routes; no domain logic here."""

from sitroom.api.app import create_app

__all__ = ["create_app"]
