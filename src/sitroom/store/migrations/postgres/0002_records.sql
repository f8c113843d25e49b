-- What extraction read in each article (the Record JSON), plus flat tables for listing and filtering.
-- PostgreSQL's dialect of sqlite/0002_records.sql.
CREATE TABLE records (
    article_id    TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    content_hash  TEXT COLLATE "C" NOT NULL,         -- the article text the record was read from
    pipeline      TEXT COLLATE "C" NOT NULL,         -- model + components, so a changed pipeline can re-extract
    extracted_at  TEXT COLLATE "C" NOT NULL,
    body          TEXT NOT NULL
);

CREATE TABLE claims (
    article_id    TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id      TEXT COLLATE "C" NOT NULL,
    source        TEXT COLLATE "C" NOT NULL DEFAULT '',
    source_kind   TEXT COLLATE "C" NOT NULL DEFAULT '',
    cue           TEXT COLLATE "C" NOT NULL DEFAULT '',
    kind          TEXT COLLATE "C" NOT NULL DEFAULT '',
    stance        TEXT COLLATE "C" NOT NULL DEFAULT '',
    verification  TEXT COLLATE "C" NOT NULL DEFAULT '',
    target_claim  TEXT COLLATE "C",
    said_on       TEXT COLLATE "C",
    content       TEXT COLLATE "C" NOT NULL DEFAULT '',
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    PRIMARY KEY (article_id, claim_id)
);
CREATE INDEX claims_source ON claims(source);
CREATE INDEX claims_stance ON claims(stance);

CREATE TABLE events (
    article_id     TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id       TEXT COLLATE "C" NOT NULL,
    event_type     TEXT COLLATE "C" NOT NULL DEFAULT '',
    sub_event_type TEXT COLLATE "C" NOT NULL DEFAULT '',
    plover         TEXT COLLATE "C" NOT NULL DEFAULT '',
    actor1         TEXT COLLATE "C" NOT NULL DEFAULT '',
    actor2         TEXT COLLATE "C" NOT NULL DEFAULT '',
    event_date     TEXT COLLATE "C",
    country        TEXT COLLATE "C" NOT NULL DEFAULT '',
    admin1         TEXT COLLATE "C" NOT NULL DEFAULT '',
    location       TEXT COLLATE "C" NOT NULL DEFAULT '',
    status         TEXT COLLATE "C" NOT NULL DEFAULT '',
    fatalities     INTEGER,
    trigger        TEXT COLLATE "C" NOT NULL DEFAULT '',
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_id)
);
CREATE INDEX events_type ON events(event_type);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_admin1 ON events(admin1);
