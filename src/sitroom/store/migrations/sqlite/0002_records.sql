-- What extraction read in each article (the Record JSON), plus flat tables for listing and filtering.
CREATE TABLE records (
    article_id    TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    content_hash  TEXT NOT NULL,         -- the article text the record was read from
    pipeline      TEXT NOT NULL,         -- model + components, so a changed pipeline can re-extract
    extracted_at  TEXT NOT NULL,
    body          TEXT NOT NULL
);

CREATE TABLE claims (
    article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    claim_id      TEXT NOT NULL,
    source        TEXT NOT NULL DEFAULT '',
    source_kind   TEXT NOT NULL DEFAULT '',
    cue           TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL DEFAULT '',
    stance        TEXT NOT NULL DEFAULT '',
    verification  TEXT NOT NULL DEFAULT '',
    target_claim  TEXT,
    said_on       TEXT,
    content       TEXT NOT NULL DEFAULT '',
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    PRIMARY KEY (article_id, claim_id)
);
CREATE INDEX claims_source ON claims(source);
CREATE INDEX claims_stance ON claims(stance);

CREATE TABLE events (
    article_id     TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    event_id       TEXT NOT NULL,
    event_type     TEXT NOT NULL DEFAULT '',
    sub_event_type TEXT NOT NULL DEFAULT '',
    plover         TEXT NOT NULL DEFAULT '',
    actor1         TEXT NOT NULL DEFAULT '',
    actor2         TEXT NOT NULL DEFAULT '',
    event_date     TEXT,
    country        TEXT NOT NULL DEFAULT '',
    admin1         TEXT NOT NULL DEFAULT '',
    location       TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL DEFAULT '',
    fatalities     INTEGER,
    trigger        TEXT NOT NULL DEFAULT '',
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_id)
);
CREATE INDEX events_type ON events(event_type);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_admin1 ON events(admin1);
