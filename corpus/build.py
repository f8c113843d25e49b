"""Rebuild the bundled demo corpus from the evaluation copy of the source corpora (../shared/corpus).

Selection, stable and documented: the 200 president.gov.ua / kremlin.ru items of 2022 with the highest
``war_score`` (ties broken by id), plus the 20 video-address transcripts that are near-duplicates of a selected
item (kept so deduplication and fusion have real wire-copy-like pairs to work on). Texts are CC BY 4.0; see NOTICE.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHARED_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
OUT = Path(__file__).resolve().parent / "demo.jsonl"
MAIN_ITEMS = 200
NEAR_DUPLICATES = 20
KEPT_FIELDS = ("id", "outlet", "url", "title", "published", "text", "license", "origin_repo", "extra")


def main() -> int:
    if not SHARED_CORPUS.exists():
        print(f"source corpora not found at {SHARED_CORPUS}", file=sys.stderr)
        return 1
    official = _read(SHARED_CORPUS / "peiyizhuo_kremlin_presidentgovua_2022.jsonl")
    addresses = _read(SHARED_CORPUS / "resistinua_ukrainian_official_addresses_2022.jsonl")
    official.sort(key=lambda r: (-((r.get("extra") or {}).get("war_score") or 0), r["id"]))
    chosen = official[:MAIN_ITEMS]
    chosen_ids = {r["id"] for r in chosen}
    twins = [r for r in addresses if (r.get("extra") or {}).get("near_duplicate_of") in chosen_ids]
    chosen += sorted(twins, key=lambda r: r["id"])[:NEAR_DUPLICATES]
    chosen.sort(key=lambda r: (r["published"], r["id"]))
    with OUT.open("w", encoding="utf-8") as out:
        for row in chosen:
            out.write(json.dumps({k: row[k] for k in KEPT_FIELDS if k in row}, ensure_ascii=False) + "\n")
    print(f"wrote {len(chosen)} items to {OUT}")
    return 0


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


if __name__ == "__main__":
    raise SystemExit(main())
