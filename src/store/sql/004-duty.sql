-- 004: the duty schedule (值班表) and the daily report (日报告、零报告).
--
-- A shift's planned operator never changes in place.  A substitution (替班),
-- a swap (换班) or a cancellation is a row of shift_change; the operator
-- effectively on duty is the latest substitution's or swap's `to_id`, else the
-- planned one.  Both tables are append-only, and every act is also an event
-- on the chain (src/domain/duty.c), with who and when.
--
-- A daily report is filed once per day (the local date); the row keeps the
-- text as filed and the head of the chain at that moment.  Settings live in
-- the meta table (keys 'setting.*', src/domain/settings.c): no table here.

CREATE TABLE shift (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  start_at    INTEGER NOT NULL,
  end_at      INTEGER NOT NULL,
  operator_id INTEGER NOT NULL REFERENCES person(id),  -- as planned
  leader_id   INTEGER REFERENCES person(id),           -- 带班领导; NULL: none named
  note        TEXT NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL,
  created_by  INTEGER REFERENCES person(id),
  CHECK (end_at > start_at)
) STRICT;
CREATE INDEX shift_start ON shift(start_at);

CREATE TABLE shift_change (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  shift_id    INTEGER NOT NULL REFERENCES shift(id),
  kind        TEXT NOT NULL CHECK (kind IN ('substitute', 'swap', 'cancel')),
  from_id     INTEGER REFERENCES person(id),   -- who was on duty before
  to_id       INTEGER REFERENCES person(id),   -- who is on duty after (NULL: cancel)
  other_shift INTEGER REFERENCES shift(id),    -- swap: the shift traded with
  asked_by    INTEGER REFERENCES person(id),
  approved_by INTEGER REFERENCES person(id),
  reason      TEXT NOT NULL DEFAULT '',
  at          INTEGER NOT NULL,
  by_id       INTEGER REFERENCES person(id),   -- who recorded it
  CHECK ((kind = 'cancel' AND to_id IS NULL) OR
         (kind <> 'cancel' AND from_id IS NOT NULL AND to_id IS NOT NULL)),
  CHECK (kind <> 'swap' OR other_shift IS NOT NULL)
) STRICT;
CREATE INDEX shift_change_shift ON shift_change(shift_id, kind, id);

CREATE TRIGGER shift_no_update BEFORE UPDATE ON shift
BEGIN
  SELECT RAISE(ABORT, 'the duty schedule is append-only: record a change or cancel instead');
END;
CREATE TRIGGER shift_no_delete BEFORE DELETE ON shift
BEGIN
  SELECT RAISE(ABORT, 'the duty schedule is append-only: cancel a shift instead');
END;
CREATE TRIGGER shift_change_no_update BEFORE UPDATE ON shift_change
BEGIN
  SELECT RAISE(ABORT, 'the duty schedule''s changes are append-only');
END;
CREATE TRIGGER shift_change_no_delete BEFORE DELETE ON shift_change
BEGIN
  SELECT RAISE(ABORT, 'the duty schedule''s changes are append-only');
END;

CREATE TABLE daily_report (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  day        TEXT NOT NULL UNIQUE CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  day_start  INTEGER NOT NULL,
  filed_at   INTEGER NOT NULL,
  filed_by   INTEGER NOT NULL REFERENCES person(id),
  zero       INTEGER NOT NULL CHECK (zero IN (0, 1)),    -- 零报告
  entries    INTEGER NOT NULL CHECK (entries >= 0),
  chain_head TEXT NOT NULL,                               -- hex, before the filing's event
  event_id   INTEGER NOT NULL REFERENCES event(id),
  text       TEXT NOT NULL                                -- the report as filed
) STRICT;

CREATE TRIGGER daily_report_no_update BEFORE UPDATE ON daily_report
BEGIN
  SELECT RAISE(ABORT, 'a filed daily report cannot be changed');
END;
CREATE TRIGGER daily_report_no_delete BEFORE DELETE ON daily_report
BEGIN
  SELECT RAISE(ABORT, 'a filed daily report cannot be deleted');
END;
