-- Articles extraction could not read (a component raised, memory ran out), with the text and pipeline that
-- failed, so a rerun does not stop on them again and a changed text or pipeline tries them anew.
-- PostgreSQL's dialect of sqlite/0003_extract_log.sql.
CREATE TABLE extract_log (
    article_id    TEXT COLLATE "C" PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    content_hash  TEXT COLLATE "C" NOT NULL,
    pipeline      TEXT COLLATE "C" NOT NULL,
    at            TEXT COLLATE "C" NOT NULL,
    reason        TEXT COLLATE "C" NOT NULL,
    component     TEXT COLLATE "C" NOT NULL DEFAULT '',
    detail        TEXT COLLATE "C" NOT NULL DEFAULT ''
);
