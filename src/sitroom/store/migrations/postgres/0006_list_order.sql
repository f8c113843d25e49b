-- PostgreSQL's dialect of sqlite/0006_list_order.sql: the lists' orders as indexes, so a page is read in index
-- order from its cursor on instead of sorting the whole table. A claim is listed by its article's publication day
-- and an event by its own date (else that day); both are kept beside the row (set by put_records) because an
-- index cannot reach into the articles table. (The articles' own order is 0005's articles_list.)
ALTER TABLE claims ADD COLUMN sort_published TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE claims SET sort_published = coalesce((SELECT published FROM articles WHERE articles.id = claims.article_id), '');
CREATE INDEX claims_order ON claims(sort_published, article_id, start, claim_id);
CREATE INDEX claims_stance_order ON claims(stance, sort_published, article_id, start, claim_id);

ALTER TABLE events ADD COLUMN sort_date TEXT COLLATE "C" NOT NULL DEFAULT '';
UPDATE events SET sort_date = coalesce(event_date, (SELECT published FROM articles WHERE articles.id = events.article_id), '');
CREATE INDEX events_order ON events(sort_date, article_id, start, event_id);
-- The tally of events by country (GET /api/places, `sitroom run`'s summary) from an index, as by admin1.
CREATE INDEX events_country ON events(country);

CREATE INDEX clusters_order ON clusters((-independent_sources), (-size), id);
CREATE INDEX clusters_kind_order ON clusters(kind, (-independent_sources), (-size), id);
