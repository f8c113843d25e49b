"""The HTTP API (FastAPI): create_app(config, store), named limits, response schemas; no domain logic. Not built yet."""
