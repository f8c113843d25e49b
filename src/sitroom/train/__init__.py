"""Trainers: commands that rebuild sitroom's learned data files from the evaluation data in ../shared.

Each is ``python -m sitroom.train.NAME --data ...``, reproducible (fixed order, no randomness), and writes the
packaged file by default. Run-time code never imports this package.
"""
