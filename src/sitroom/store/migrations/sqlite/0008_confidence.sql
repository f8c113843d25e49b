-- How sure the reader is of each event (Event.confidence) and of each event cluster (Cluster.confidence), kept as
-- columns so the lists filter on them (?min_confidence=). Backfilled from the stored JSON: rows whose record or
-- body was written before the extractor or fusion scored them stay NULL (not scored).
ALTER TABLE events ADD COLUMN confidence REAL;
UPDATE events SET confidence = (
    SELECT json_extract(e.value, '$.confidence') FROM records r, json_each(r.body, '$.events') e
    WHERE r.article_id = events.article_id AND json_extract(e.value, '$.id') = events.event_id);
ALTER TABLE clusters ADD COLUMN confidence REAL;
UPDATE clusters SET confidence = json_extract(body, '$.confidence');
