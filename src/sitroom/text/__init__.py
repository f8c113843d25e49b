"""Pure text helpers shared by the stages: no spaCy, no I/O (quotes, numbers, windows, ...)."""
