-- 012: the town this desk is, and how its history last reached the county.
--
-- A desk is one town's: its name (马剑镇 for the shipped organisation, else
-- named once by `dutydesk init --town`) and a random desk id made when the
-- file is made, so that the county tells apart two desks that claim one name
-- (or one desk copied).  Naming is recorded on the chain ('town' event).
--
-- county_sync is what `dutydesk sync` last found: when it last tried, when
-- it last succeeded (after the county's commit), how far the county holds
-- the chain, and why the last try failed ('' when it did not).  It is no
-- record of the office: the sync rewrites its one row.
CREATE TABLE town (
  one     INTEGER PRIMARY KEY CHECK (one = 1),
  name    TEXT NOT NULL CHECK (name <> '' AND length(CAST(name AS BLOB)) <= 64),
  desk_id TEXT NOT NULL CHECK (length(desk_id) = 32),
  named   INTEGER NOT NULL DEFAULT 0 CHECK (named IN (0, 1))
) STRICT;
INSERT INTO town(one, name, desk_id) VALUES (1, '马剑镇', lower(hex(randomblob(16))));
CREATE TRIGGER town_no_delete BEFORE DELETE ON town
BEGIN
  SELECT RAISE(ABORT, 'a desk is always some town''s');
END;
CREATE TRIGGER town_once BEFORE UPDATE ON town
  WHEN OLD.named = 1 OR NEW.desk_id <> OLD.desk_id
BEGIN
  SELECT RAISE(ABORT, 'a desk''s town is named once, and its desk id never changes');
END;

CREATE TABLE county_sync (
  one        INTEGER PRIMARY KEY CHECK (one = 1),
  tried_at   INTEGER NOT NULL DEFAULT 0,
  ok_at      INTEGER NOT NULL DEFAULT 0,
  county_seq INTEGER NOT NULL DEFAULT 0,
  error      TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO county_sync(one) VALUES (1);
