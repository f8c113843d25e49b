-- PostgreSQL's dialect of sqlite/0007_search.sql: indexed text search (GET /api/search, the lists' `text`
-- filters). A trigram index (pg_trgm's GIN operator class) on each searched column, folded as the "contains"
-- filters fold it, so `folded column LIKE '%value%'` is an index lookup instead of a fold of every row; the
-- planner still picks the list's order index where the value is common enough to fill a page early.
-- Filled in by the store as it applies this file: {fold:COLUMN} is the column folded in the store's dialect (ICU's
-- lowercasing where the server has it, else lower()), {trigram_ops} pg_trgm's operator class in the schema it is
-- installed in (created in `public`, else in the store's schema, where it is missing). A server without pg_trgm
-- skips these statements: search then scans, with the same results.
CREATE INDEX articles_title_search ON articles USING gin ({fold:title} {trigram_ops});
CREATE INDEX articles_outlet_search ON articles USING gin ({fold:outlet} {trigram_ops});
CREATE INDEX claims_content_search ON claims USING gin ({fold:content} {trigram_ops});
CREATE INDEX claims_source_search ON claims USING gin ({fold:source} {trigram_ops});
CREATE INDEX claims_cue_search ON claims USING gin ({fold:cue} {trigram_ops});
CREATE INDEX events_trigger_search ON events USING gin ({fold:trigger} {trigram_ops});
CREATE INDEX events_location_search ON events USING gin ({fold:location} {trigram_ops});
CREATE INDEX events_actor1_search ON events USING gin ({fold:actor1} {trigram_ops});
CREATE INDEX events_actor2_search ON events USING gin ({fold:actor2} {trigram_ops});
CREATE INDEX clusters_label_search ON clusters USING gin ({fold:label} {trigram_ops});
CREATE INDEX clusters_place_search ON clusters USING gin ({fold:place} {trigram_ops});
