-- Indexed text search (GET /api/search, the lists' `text` filters): each table's searched columns, case-folded
-- with Python's casefold (the filters' own folding), in an FTS5 table with the trigram tokenizer, so "contains
-- this substring" is an index lookup instead of a casefold of every row (at 100,000 claims a search with no match
-- took about 0.9 s: bench/api.py). The index only narrows: the exact "contains" test still runs on the rows it
-- keeps, so results are the same as a full scan's. A row's entry in the index is its `search_id` (not its rowid,
-- which VACUUM may renumber in tables without an INTEGER PRIMARY KEY); the store keeps both in step as it writes.
CREATE VIRTUAL TABLE articles_search USING fts5(title, outlet, tokenize = 'trigram case_sensitive 1', detail = none);
ALTER TABLE articles ADD COLUMN search_id INTEGER;
UPDATE articles SET search_id = rowid;
INSERT INTO articles_search (rowid, title, outlet) SELECT search_id, casefold(title), casefold(outlet) FROM articles;
CREATE INDEX articles_search_id ON articles(search_id);

CREATE VIRTUAL TABLE claims_search USING fts5(content, source, cue, tokenize = 'trigram case_sensitive 1', detail = none);
ALTER TABLE claims ADD COLUMN search_id INTEGER;
UPDATE claims SET search_id = rowid;
INSERT INTO claims_search (rowid, content, source, cue)
    SELECT search_id, casefold(content), casefold(source), casefold(cue) FROM claims;
CREATE INDEX claims_search_id ON claims(search_id);

CREATE VIRTUAL TABLE events_search USING fts5("trigger", location, actor1, actor2,
                                              tokenize = 'trigram case_sensitive 1', detail = none);
ALTER TABLE events ADD COLUMN search_id INTEGER;
UPDATE events SET search_id = rowid;
INSERT INTO events_search (rowid, "trigger", location, actor1, actor2)
    SELECT search_id, casefold("trigger"), casefold(location), casefold(actor1), casefold(actor2) FROM events;
CREATE INDEX events_search_id ON events(search_id);

CREATE VIRTUAL TABLE clusters_search USING fts5(label, place, tokenize = 'trigram case_sensitive 1', detail = none);
ALTER TABLE clusters ADD COLUMN search_id INTEGER;
UPDATE clusters SET search_id = rowid;
INSERT INTO clusters_search (rowid, label, place) SELECT search_id, casefold(label), casefold(place) FROM clusters;
CREATE INDEX clusters_search_id ON clusters(search_id);
