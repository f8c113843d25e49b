-- The articles' list order (store.sql.ARTICLE_KEY: publication date, then id), so a page of a large archive is a
-- range of this index rather than a sort of every article's body.
CREATE INDEX articles_list ON articles((coalesce(published, '')), id);
