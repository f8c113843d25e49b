"""pure helpers, no spaCy"""
