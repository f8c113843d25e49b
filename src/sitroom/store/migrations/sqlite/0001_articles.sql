-- Articles as ingested (one row per article id, the current version), earlier versions, and the items that
-- failed or were skipped (with their reason).
CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    url           TEXT NOT NULL DEFAULT '',
    outlet        TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    published     TEXT,
    language      TEXT NOT NULL DEFAULT '',
    content_hash  TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    ingested_at   TEXT NOT NULL,
    body          TEXT NOT NULL          -- the Article as the data model's JSON
);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_hash ON articles(content_hash);

CREATE TABLE article_versions (
    id            TEXT NOT NULL,
    version       INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    superseded_at TEXT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE ingest_log (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    run      TEXT NOT NULL,
    at       TEXT NOT NULL,
    status   TEXT NOT NULL CHECK (status IN ('error', 'skipped')),
    source   TEXT NOT NULL,
    item     TEXT NOT NULL DEFAULT '',
    reason   TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT '',
    article_id TEXT NOT NULL DEFAULT '',
    UNIQUE (source, item)              -- the latest outcome per input item, so re-ingesting adds no rows
);
CREATE INDEX ingest_log_run ON ingest_log(run);
