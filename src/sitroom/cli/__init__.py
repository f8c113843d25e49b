"""The `sitroom` command: thin typer commands (app.py) over the stages; printing apart (render.py)."""

from sitroom.cli.app import app, eval_app

__all__ = ["app", "eval_app"]
