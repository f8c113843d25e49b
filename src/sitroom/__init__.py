"""sitroom: war reporting turned into a source-attributed, verifiable record of claims and events."""

__version__ = "0.1.0"
