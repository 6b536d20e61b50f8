-- 009: attempts on a notification and the chase of an overdue one (SPEC §5).
--
-- Every attempt to reach a contact is an 'attempt' event on the chain (who
-- dialled, when, the outcome: no-answer, busy, wrong-number); the attempt
-- that reached a person stays the 'notified' event that makes it done.
CREATE INDEX event_attempt ON event(json_extract(body, '$.notification'))
  WHERE type = 'attempt';

-- The steps of a chase, as data: step 1 goes to the leader on duty (带班领导,
-- else the leadership group's 组长) when a notification is past due undone;
-- each further step opens when the step before it has gone unanswered for
-- after_minutes past its own deadline.  A step's deadline is the setting
-- chase-minutes after it opens.
CREATE TABLE chase_step (
  step          INTEGER PRIMARY KEY CHECK (step >= 1),
  after_minutes INTEGER NOT NULL CHECK (after_minutes >= 0),
  target        TEXT NOT NULL CHECK (target IN ('duty-leader', 'group-leader')),
  note          TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO chase_step(step, after_minutes, target, note) VALUES
  (1, 0, 'duty-leader', '逾期未报：催带班领导督促'),
  (2, 0, 'group-leader', '催报无果：报领导小组组长');
-- The steps decide who is told: shipped with the schema, never changed by an
-- act, so a change needs a trigger dropped, which `check` names.
CREATE TRIGGER chase_step_no_update BEFORE UPDATE ON chase_step
BEGIN
  SELECT RAISE(ABORT, 'the chase''s steps are part of the schema');
END;
CREATE TRIGGER chase_step_no_delete BEFORE DELETE ON chase_step
BEGIN
  SELECT RAISE(ABORT, 'the chase''s steps are part of the schema');
END;
CREATE TRIGGER chase_step_no_insert BEFORE INSERT ON chase_step
BEGIN
  SELECT RAISE(ABORT, 'the chase''s steps are part of the schema');
END;

-- A chase: one per overdue notification and step, whoever opens it and
-- however often (the UNIQUE makes opening it again a no-op).  It stands
-- while the notification it chases is not done.  Never changed.
CREATE TABLE chase (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  notification_id INTEGER NOT NULL REFERENCES notification(id),
  step            INTEGER NOT NULL,
  person_id       INTEGER REFERENCES person(id),   -- NULL: nobody to chase
  recipient       TEXT NOT NULL,
  number          TEXT NOT NULL DEFAULT '',        -- '' when none is on file
  opened_at       INTEGER NOT NULL,
  due_at          INTEGER NOT NULL,
  drill           INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1)),
  UNIQUE (notification_id, step)
) STRICT;
CREATE INDEX chase_due ON chase(drill, due_at);

CREATE TRIGGER chase_no_update BEFORE UPDATE ON chase
BEGIN
  SELECT RAISE(ABORT, 'chases are append-only');
END;
CREATE TRIGGER chase_no_delete BEFORE DELETE ON chase
BEGIN
  SELECT RAISE(ABORT, 'chases are append-only: they cannot be deleted');
END;
