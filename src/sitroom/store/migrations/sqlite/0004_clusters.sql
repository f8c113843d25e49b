-- Fusion: event and claim clusters across articles, their members (with the evidence that put each there, in
-- the body), and a log of what fusion changed (create, join, merge, remove), so a cluster's history is kept.
CREATE TABLE clusters (
    id                  TEXT PRIMARY KEY,     -- stable: fixed when the cluster is made, kept as it grows
    kind                TEXT NOT NULL CHECK (kind IN ('event', 'claim')),
    status              TEXT NOT NULL,
    independent_sources INTEGER NOT NULL DEFAULT 0,
    size                INTEGER NOT NULL DEFAULT 0,
    event_type          TEXT NOT NULL DEFAULT '',
    date                TEXT,
    place               TEXT NOT NULL DEFAULT '',
    admin1              TEXT NOT NULL DEFAULT '',
    country             TEXT NOT NULL DEFAULT '',
    fatalities          INTEGER,
    label               TEXT NOT NULL DEFAULT '',
    updated_at          TEXT NOT NULL,
    body                TEXT NOT NULL         -- the Cluster as the data model's JSON
);
CREATE INDEX clusters_kind_status ON clusters(kind, status);
CREATE INDEX clusters_date ON clusters(date);

CREATE TABLE cluster_members (
    cluster_id  TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    member      TEXT NOT NULL,                -- "<article id>/<event or claim id>"
    article_id  TEXT NOT NULL,
    PRIMARY KEY (cluster_id, member)
);
CREATE INDEX cluster_members_member ON cluster_members(member);
CREATE INDEX cluster_members_article ON cluster_members(article_id);

CREATE TABLE cluster_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    action      TEXT NOT NULL,                -- create, join, merge, remove
    cluster_id  TEXT NOT NULL,
    other       TEXT NOT NULL DEFAULT '',     -- merge: the cluster absorbed
    member      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cluster_log_cluster ON cluster_log(cluster_id);
