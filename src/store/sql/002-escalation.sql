-- 002: escalation contacts (上报联系人), rules and tracked notifications.
--
-- A rule says, for an entry kind, whom to notify, in which order, by which
-- channel, within how many minutes, at which stage of reporting up (初报,
-- 续报, 终报).  Recording an entry opens one notification per rule in the
-- same transaction; marking one done is a 'notified' event on the chain, so a
-- notification row itself never changes.

CREATE TABLE contact (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL UNIQUE CHECK (name <> ''),
  org    TEXT NOT NULL DEFAULT '',
  level  TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'town', 'unit')),
  grp_id INTEGER REFERENCES grp(id),   -- the leaders of a roster group
  unit_id INTEGER REFERENCES unit(id), -- a unit's liaison or deputy in charge
  person_id INTEGER REFERENCES person(id),
  role   TEXT NOT NULL DEFAULT '',     -- 联络员, 分管领导, ...
  seq    INTEGER NOT NULL DEFAULT 0,
  note   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE contact_number (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contact(id),
  number     TEXT NOT NULL CHECK (number <> ''),
  label      TEXT NOT NULL DEFAULT '',
  seq        INTEGER NOT NULL DEFAULT 0,
  UNIQUE (contact_id, number)
) STRICT;

CREATE TABLE rule (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL CHECK (kind IN ('call', 'document', 'report', 'instruction',
             'positive', 'key-person', 'inspection', 'supplies', 'other')),
  seq        INTEGER NOT NULL,
  contact_id INTEGER NOT NULL REFERENCES contact(id),
  stage      TEXT NOT NULL DEFAULT 'initial'
             CHECK (stage IN ('initial', 'continuation', 'final')),
  channel    TEXT NOT NULL DEFAULT 'phone' CHECK (channel IN ('phone', 'written', 'any')),
  minutes    INTEGER NOT NULL CHECK (minutes >= 0),
  required   INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1)),
  note       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX rule_kind ON rule(kind, stage, seq);

CREATE TABLE notification (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  entry_id   INTEGER NOT NULL REFERENCES entry(id),
  contact_id INTEGER NOT NULL REFERENCES contact(id),
  seq        INTEGER NOT NULL,
  stage      TEXT NOT NULL CHECK (stage IN ('initial', 'continuation', 'final')),
  round      INTEGER NOT NULL DEFAULT 0,  -- continuation number (续报一 = 1)
  channel    TEXT NOT NULL,
  required   INTEGER NOT NULL,
  opened_at  INTEGER NOT NULL,
  due_at     INTEGER NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  drill      INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1))
) STRICT;
CREATE INDEX notification_entry ON notification(entry_id);
CREATE INDEX notification_due ON notification(drill, due_at);

CREATE TRIGGER notification_no_update BEFORE UPDATE ON notification
BEGIN
  SELECT RAISE(ABORT, 'notifications are append-only: mark one done instead');
END;
CREATE TRIGGER notification_no_delete BEFORE DELETE ON notification
BEGIN
  SELECT RAISE(ABORT, 'notifications are append-only: they cannot be deleted');
END;

-- Done-ness is derived from the chain: a 'notified' event whose body names
-- the notification.  This index makes "is it done?" one lookup.
CREATE INDEX event_notified ON event(json_extract(body, '$.notification'))
  WHERE type = 'notified';
