-- 006: the handover (交接班).
--
-- A signed handover is a 'handover' event on the chain (src/docs/handover.c),
-- with both operators, the period and a hash of the sheet: no table of its
-- own.
--
-- The sheet lists every incident still open.  In a log of a million entries
-- almost all incidents are closed, and finding the few open ones by going
-- through every incident takes seconds.  open_incident holds the real
-- incidents not closed yet, one row each: added with the incident, removed
-- by its 'closed' event, both by trigger in the same transaction, so it can
-- never disagree with the log.  It is derived, not a record: the log stays
-- the truth, and the rows here are the only ones in the store that are ever
-- deleted.  An incident closed after a past moment is found through
-- event_closed_at.

CREATE TABLE open_incident (
  entry_id INTEGER PRIMARY KEY REFERENCES entry(id)
) STRICT;

INSERT INTO open_incident (entry_id)
  SELECT e.id FROM entry e WHERE e.parent_id IS NULL AND e.drill = 0 AND NOT EXISTS
    (SELECT 1 FROM event c WHERE c.entry_id = e.id AND c.type = 'closed');

CREATE TRIGGER open_incident_add AFTER INSERT ON entry
WHEN NEW.parent_id IS NULL AND NEW.drill = 0
BEGIN
  INSERT OR IGNORE INTO open_incident (entry_id) VALUES (NEW.id);
END;

CREATE TRIGGER open_incident_closed AFTER INSERT ON event
WHEN NEW.type = 'closed' AND NEW.entry_id IS NOT NULL
BEGIN
  DELETE FROM open_incident WHERE entry_id = NEW.entry_id;
END;

-- Closures by time: the incidents closed after a moment were open then.
CREATE INDEX event_closed_at ON event(at) WHERE type = 'closed';
