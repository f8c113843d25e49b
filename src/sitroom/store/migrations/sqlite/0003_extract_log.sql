-- Articles extraction could not read (a component raised, memory ran out), with the text and pipeline that
-- failed, so a rerun does not stop on them again and a changed text or pipeline tries them anew.
CREATE TABLE extract_log (
    article_id    TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    content_hash  TEXT NOT NULL,
    pipeline      TEXT NOT NULL,
    at            TEXT NOT NULL,
    reason        TEXT NOT NULL,
    component     TEXT NOT NULL DEFAULT '',
    detail        TEXT NOT NULL DEFAULT ''
);
