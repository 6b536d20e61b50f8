-- 011: fewer pages written for each entry.
--
-- An entry's commit writes every index of entry and event and a segment of
-- the search index.  entry_grp answers no question: the log's group filter
-- asks for an incident's current group (its last 'assigned' event, else
-- grp_id), which no index on grp_id can serve, and a group is never deleted,
-- so the foreign key never looks for its entries.  Dropped.
--
-- The search index merges its small segments of one entry each when 8 of
-- them are on a level instead of 4: each text is rewritten fewer times on its
-- way up, at the cost of a few more segments to read per query.
DROP INDEX entry_grp;
INSERT INTO entry_fts(entry_fts, rank) VALUES ('automerge', 8);
