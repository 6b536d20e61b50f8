-- 001: the organisation (roster), the incident log and its chained events.
--
-- Append-only is enforced here, not only in the program: the triggers below
-- reject UPDATE and DELETE on the log (entry) and on its events.  A correction
-- is an 'amended' event, a closure a 'closed' event, a mode change a 'mode'
-- event.  Each event carries a BLAKE2b hash chained to the previous one
-- (src/store/chain.c), which `dutydesk check` verifies.
--
-- Times are whole seconds since the Unix epoch (UTC); dutydesk shows them in
-- local time.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Units: 办, 中心, 站所, 村社 and other bodies that are members of groups.
CREATE TABLE unit (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (name <> ''),
  kind TEXT NOT NULL CHECK (kind IN ('office', 'center', 'station', 'village', 'other'))
) STRICT;

-- People, as they write their names.  `access` is what they may do at the desk.
CREATE TABLE person (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (name <> ''),
  unit_id    INTEGER REFERENCES unit(id),
  access     TEXT NOT NULL DEFAULT 'operator'
             CHECK (access IN ('operator', 'supervisor', 'admin')),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE phone (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person(id),
  number    TEXT NOT NULL CHECK (number <> ''),
  label     TEXT NOT NULL DEFAULT '',
  UNIQUE (person_id, number)
) STRICT;

-- Groups: the leadership group and its office, the 14 standing groups, the
-- task-force groups (each with its standing counterpart) and sub-groups.
CREATE TABLE grp (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE CHECK (name <> ''),
  short          TEXT NOT NULL,
  kind           TEXT NOT NULL
                 CHECK (kind IN ('leadership', 'office', 'standing', 'taskforce', 'subgroup')),
  seq            INTEGER NOT NULL,
  parent_id      INTEGER REFERENCES grp(id),
  counterpart_id INTEGER REFERENCES grp(id),
  note           TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE grp_alias (
  alias  TEXT PRIMARY KEY,
  grp_id INTEGER NOT NULL REFERENCES grp(id)
) STRICT;

CREATE TABLE duty (
  id     INTEGER PRIMARY KEY,
  grp_id INTEGER NOT NULL REFERENCES grp(id),
  phase  TEXT NOT NULL CHECK (phase IN ('standing', 'outbreak')),
  seq    INTEGER NOT NULL,
  text   TEXT NOT NULL CHECK (text <> ''),
  UNIQUE (grp_id, phase, seq)
) STRICT;

CREATE TABLE member_unit (
  grp_id  INTEGER NOT NULL REFERENCES grp(id),
  unit_id INTEGER NOT NULL REFERENCES unit(id),
  seq     INTEGER NOT NULL,
  PRIMARY KEY (grp_id, unit_id)
) STRICT;

-- A post is a seat in a group (组长, 副组长, ...); a tenure says who held it
-- from when until when.  Succession (自然更替) ends one tenure and starts
-- another in one transaction, so the roster as of any past time is known.
CREATE TABLE post (
  id     INTEGER PRIMARY KEY,
  grp_id INTEGER NOT NULL REFERENCES grp(id),
  title  TEXT NOT NULL
         CHECK (title IN ('leader', 'deputy', 'member', 'director', 'deputy_director')),
  seq    INTEGER NOT NULL,
  label  TEXT NOT NULL DEFAULT ''   -- holder named by description only (各包村领导)
) STRICT;
CREATE INDEX post_grp ON post(grp_id, title, seq);

CREATE TABLE tenure (
  id        INTEGER PRIMARY KEY,
  post_id   INTEGER NOT NULL REFERENCES post(id),
  person_id INTEGER NOT NULL REFERENCES person(id),
  since     INTEGER NOT NULL,
  until     INTEGER,                -- NULL while the person holds the post
  CHECK (until IS NULL OR until >= since)
) STRICT;
CREATE INDEX tenure_post ON tenure(post_id, since);
CREATE INDEX tenure_person ON tenure(person_id, until);

CREATE TRIGGER tenure_keep BEFORE DELETE ON tenure
BEGIN
  SELECT RAISE(ABORT, 'the history of who held a post is kept: tenures cannot be deleted');
END;
CREATE TRIGGER tenure_end_only BEFORE UPDATE ON tenure
WHEN OLD.until IS NOT NULL OR NEW.post_id IS NOT OLD.post_id
  OR NEW.person_id IS NOT OLD.person_id OR NEW.since IS NOT OLD.since
BEGIN
  SELECT RAISE(ABORT, 'a tenure can only be ended, never rewritten');
END;

-- The incident log (值班记录).  Follow-ups point at the incident they belong to.
CREATE TABLE entry (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  occurred_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL,
  operator_id INTEGER NOT NULL REFERENCES person(id),
  kind        TEXT NOT NULL CHECK (kind IN ('call', 'document', 'report', 'instruction',
              'positive', 'key-person', 'inspection', 'supplies', 'other')),
  subkind     TEXT NOT NULL DEFAULT '',  -- key person: 密接, 次密接, 健康码异常, ...
  source      TEXT NOT NULL DEFAULT '',  -- calling unit, sender, counterpart
  caller      TEXT NOT NULL DEFAULT '',  -- the person who called
  callback    TEXT NOT NULL DEFAULT '',  -- call-back number
  readback    INTEGER NOT NULL DEFAULT 0 CHECK (readback IN (0, 1)),
  summary     TEXT NOT NULL CHECK (summary <> ''),
  grp_id      INTEGER REFERENCES grp(id),
  parent_id   INTEGER REFERENCES entry(id),
  significant INTEGER NOT NULL DEFAULT 0 CHECK (significant IN (0, 1)),
  drill       INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1))
) STRICT;
CREATE INDEX entry_occurred ON entry(occurred_at);
CREATE INDEX entry_parent ON entry(parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX entry_kind ON entry(kind);
CREATE INDEX entry_grp ON entry(grp_id);
CREATE INDEX entry_operator ON entry(operator_id);

-- Everything that happens to the log, in order, hash-chained.
CREATE TABLE event (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       INTEGER NOT NULL,
  actor_id INTEGER REFERENCES person(id),
  type     TEXT NOT NULL,
  entry_id INTEGER REFERENCES entry(id),
  drill    INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1)),
  body     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(body)),
  hash     BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;
CREATE INDEX event_entry ON event(entry_id, type) WHERE entry_id IS NOT NULL;
CREATE INDEX event_type ON event(type, drill);

CREATE TRIGGER entry_no_update BEFORE UPDATE ON entry
BEGIN
  SELECT RAISE(ABORT, 'the log is append-only: entries cannot be changed (amend instead)');
END;
CREATE TRIGGER entry_no_delete BEFORE DELETE ON entry
BEGIN
  SELECT RAISE(ABORT, 'the log is append-only: entries cannot be deleted');
END;
CREATE TRIGGER event_no_update BEFORE UPDATE ON event
BEGIN
  SELECT RAISE(ABORT, 'the log is append-only: events cannot be changed');
END;
CREATE TRIGGER event_no_delete BEFORE DELETE ON event
BEGIN
  SELECT RAISE(ABORT, 'the log is append-only: events cannot be deleted');
END;

-- Substring search over summaries, sources and later texts (amendments,
-- notes, resolutions).  Contentless: the text lives in entry and event.  Row
-- ids are entry id * 1024 + n, n = 0 for the entry and 1, 2, ... for its later
-- texts, so that rowid order is entry order (src/domain/log.c).  The ddbigram
-- tokenizer (src/store/cjkfts.c) indexes every character and every pair of
-- characters, so one- and two-character Chinese words are found as quickly
-- as longer ones.
CREATE VIRTUAL TABLE entry_fts USING fts5(body, later, content = '', tokenize = 'ddbigram');
