-- PostgreSQL's dialect of sqlite/0008_confidence.sql: Event.confidence and Cluster.confidence as columns the
-- lists filter on, backfilled from the stored JSON (NULL where it was written before they were scored).
ALTER TABLE events ADD COLUMN confidence DOUBLE PRECISION;
UPDATE events SET confidence = (
    SELECT (e ->> 'confidence')::double precision FROM records r, jsonb_array_elements(r.body::jsonb -> 'events') e
    WHERE r.article_id = events.article_id AND e ->> 'id' = events.event_id);
ALTER TABLE clusters ADD COLUMN confidence DOUBLE PRECISION;
UPDATE clusters SET confidence = (body::jsonb ->> 'confidence')::double precision;
