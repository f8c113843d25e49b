"""Fusion across articles: pure functions over model objects (dedup, sources, event and claim clusters). Not built yet."""
