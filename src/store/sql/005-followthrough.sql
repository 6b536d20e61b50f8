-- 005: the work the notice hands out and the desk follows through (SPEC §6a):
-- meetings (联席会议, 情况通报会) and their numbered decisions, assigned tasks
-- (交办事项, 跟踪问效), zones (封控区, 管控区, 防范区) and checkpoints (卡点),
-- and statistics entered by one person and reviewed by another (严格统计制度).
--
-- Every table here is append-only (the triggers below).  What happens later
-- to a row is an event on the chain (src/domain/task.c, zone.c, stats.c):
-- a task's progress notes ('task-noted') and closure ('task-closed'), a
-- checkpoint's removal ('checkpoint-closed').  A zone's change is a new
-- zone_change row and an event on the outbreak's timeline.  A review is a
-- row of stat_review, one per figure, never by the person who entered it.

-- Meetings: held at a time, of a kind, attended by people on the roster.
CREATE TABLE meeting (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL CHECK (kind IN ('joint', 'briefing')),
  held_at     INTEGER NOT NULL,
  title       TEXT NOT NULL CHECK (title <> ''),
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES person(id)
) STRICT;
CREATE INDEX meeting_held ON meeting(held_at);

CREATE TABLE meeting_attendee (
  meeting_id INTEGER NOT NULL REFERENCES meeting(id),
  seq        INTEGER NOT NULL,
  person_id  INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (meeting_id, person_id)
) STRICT;

-- A meeting's decisions, numbered from 1 within the meeting.
CREATE TABLE decision (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
  seq         INTEGER NOT NULL CHECK (seq >= 1),
  text        TEXT NOT NULL CHECK (text <> ''),
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES person(id),
  UNIQUE (meeting_id, seq)
) STRICT;

-- Assigned tasks: who assigned it, the responsible group, the deadline, and
-- where it came from (a meeting's decision or a log entry; neither for a
-- leader's word passed on by the desk).
CREATE TABLE task (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  summary     TEXT NOT NULL CHECK (summary <> ''),
  grp_id      INTEGER NOT NULL REFERENCES grp(id),
  due_at      INTEGER NOT NULL,
  assigned_by INTEGER NOT NULL REFERENCES person(id),
  recorded_at INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES person(id),
  decision_id INTEGER REFERENCES decision(id),
  entry_id    INTEGER REFERENCES entry(id),
  CHECK (decision_id IS NULL OR entry_id IS NULL)
) STRICT;
CREATE INDEX task_due ON task(due_at);
CREATE INDEX task_grp ON task(grp_id, due_at);
CREATE INDEX task_decision ON task(decision_id) WHERE decision_id IS NOT NULL;

-- A task is closed by its 'task-closed' event: one lookup, and only once.
-- Its progress notes are 'task-noted' events.
CREATE INDEX event_task_closed ON event(json_extract(body, '$.task'))
  WHERE type = 'task-closed';
CREATE INDEX event_task_noted ON event(json_extract(body, '$.task'))
  WHERE type = 'task-noted';
CREATE TRIGGER task_closed_once BEFORE INSERT ON event
WHEN NEW.type = 'task-closed' AND EXISTS (SELECT 1 FROM event c WHERE c.type = 'task-closed'
  AND json_extract(c.body, '$.task') = json_extract(NEW.body, '$.task'))
BEGIN
  SELECT RAISE(ABORT, 'the task is already closed');
END;

-- Zones: each change of a village's (community's) classification, during one
-- outbreak (the entry of its first positive case), effective from a time, on
-- a stated source (根据市专家组研判).  The place's classification is its
-- latest change in effect; a new outbreak starts from none.
CREATE TABLE zone_change (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id      INTEGER NOT NULL REFERENCES unit(id),
  level        TEXT NOT NULL CHECK (level IN ('closed', 'controlled', 'precaution', 'none')),
  effective_at INTEGER NOT NULL,
  source       TEXT NOT NULL CHECK (source <> ''),
  outbreak_id  INTEGER NOT NULL REFERENCES entry(id),
  recorded_at  INTEGER NOT NULL,
  recorded_by  INTEGER NOT NULL REFERENCES person(id)
) STRICT;
CREATE INDEX zone_change_outbreak ON zone_change(outbreak_id, unit_id, effective_at);

-- Checkpoints (卡点): a place, the zoned village it serves (NULL: the town's
-- perimeter, 市镇外围), the hours kept and the staff on post.
CREATE TABLE checkpoint (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  place       TEXT NOT NULL CHECK (place <> ''),
  unit_id     INTEGER REFERENCES unit(id),
  hours       TEXT NOT NULL CHECK (hours <> ''),
  outbreak_id INTEGER REFERENCES entry(id),
  opened_at   INTEGER NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES person(id)
) STRICT;

CREATE TABLE checkpoint_staff (
  checkpoint_id INTEGER NOT NULL REFERENCES checkpoint(id),
  seq           INTEGER NOT NULL,
  person_id     INTEGER NOT NULL REFERENCES person(id),
  PRIMARY KEY (checkpoint_id, person_id)
) STRICT;

CREATE INDEX event_checkpoint_closed ON event(json_extract(body, '$.checkpoint'))
  WHERE type = 'checkpoint-closed';

-- Statistics: the metrics are data (assets/stats/metrics.csv; an admin adds
-- more), each reported by a group.  A figure is one group's value of one
-- metric for one day; it counts once a different person has reviewed it.
-- A later figure for the same group, metric and day corrects an earlier one
-- once it is reviewed in turn.
CREATE TABLE stat_metric (
  id     INTEGER PRIMARY KEY,
  key    TEXT NOT NULL UNIQUE CHECK (key GLOB '[a-z]*' AND key NOT GLOB '*[^a-z0-9-]*'),
  name   TEXT NOT NULL UNIQUE CHECK (name <> ''),
  grp_id INTEGER NOT NULL REFERENCES grp(id),
  unit   TEXT NOT NULL DEFAULT '',
  seq    INTEGER NOT NULL,
  note   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE stat_figure (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  metric_id  INTEGER NOT NULL REFERENCES stat_metric(id),
  grp_id     INTEGER NOT NULL REFERENCES grp(id),
  day        TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  day_start  INTEGER NOT NULL,
  value      INTEGER NOT NULL CHECK (value >= 0),
  entered_at INTEGER NOT NULL,
  entered_by INTEGER NOT NULL REFERENCES person(id)
) STRICT;
CREATE INDEX stat_figure_day ON stat_figure(day, metric_id, grp_id);
CREATE INDEX stat_figure_metric ON stat_figure(metric_id, day);

CREATE TABLE stat_review (
  figure_id   INTEGER PRIMARY KEY REFERENCES stat_figure(id),
  reviewed_at INTEGER NOT NULL,
  reviewed_by INTEGER NOT NULL REFERENCES person(id),
  event_id    INTEGER NOT NULL REFERENCES event(id)
) STRICT;

CREATE TRIGGER stat_review_by_another BEFORE INSERT ON stat_review
WHEN NEW.reviewed_by = (SELECT entered_by FROM stat_figure WHERE id = NEW.figure_id)
BEGIN
  SELECT RAISE(ABORT, 'a figure is reviewed by someone other than the person who entered it');
END;

-- Append-only, all of it.
CREATE TRIGGER meeting_no_update BEFORE UPDATE ON meeting
BEGIN SELECT RAISE(ABORT, 'meetings are append-only'); END;
CREATE TRIGGER meeting_no_delete BEFORE DELETE ON meeting
BEGIN SELECT RAISE(ABORT, 'meetings are append-only'); END;
CREATE TRIGGER meeting_attendee_no_update BEFORE UPDATE ON meeting_attendee
BEGIN SELECT RAISE(ABORT, 'a meeting''s attendance is append-only'); END;
CREATE TRIGGER meeting_attendee_no_delete BEFORE DELETE ON meeting_attendee
BEGIN SELECT RAISE(ABORT, 'a meeting''s attendance is append-only'); END;
CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision
BEGIN SELECT RAISE(ABORT, 'a meeting''s decisions are append-only'); END;
CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision
BEGIN SELECT RAISE(ABORT, 'a meeting''s decisions are append-only'); END;
CREATE TRIGGER task_no_update BEFORE UPDATE ON task
BEGIN SELECT RAISE(ABORT, 'tasks are append-only: add a note or close the task instead'); END;
CREATE TRIGGER task_no_delete BEFORE DELETE ON task
BEGIN SELECT RAISE(ABORT, 'tasks are append-only: close the task instead'); END;
CREATE TRIGGER zone_change_no_update BEFORE UPDATE ON zone_change
BEGIN SELECT RAISE(ABORT, 'zone changes are append-only: record a new change'); END;
CREATE TRIGGER zone_change_no_delete BEFORE DELETE ON zone_change
BEGIN SELECT RAISE(ABORT, 'zone changes are append-only: record a new change'); END;
CREATE TRIGGER checkpoint_no_update BEFORE UPDATE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only: close one and add another'); END;
CREATE TRIGGER checkpoint_no_delete BEFORE DELETE ON checkpoint
BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only: close one instead'); END;
CREATE TRIGGER checkpoint_staff_no_update BEFORE UPDATE ON checkpoint_staff
BEGIN SELECT RAISE(ABORT, 'a checkpoint''s staff is append-only'); END;
CREATE TRIGGER checkpoint_staff_no_delete BEFORE DELETE ON checkpoint_staff
BEGIN SELECT RAISE(ABORT, 'a checkpoint''s staff is append-only'); END;
CREATE TRIGGER stat_metric_no_update BEFORE UPDATE ON stat_metric
BEGIN SELECT RAISE(ABORT, 'metrics cannot be changed: figures refer to them'); END;
CREATE TRIGGER stat_metric_no_delete BEFORE DELETE ON stat_metric
BEGIN SELECT RAISE(ABORT, 'metrics cannot be deleted: figures refer to them'); END;
CREATE TRIGGER stat_figure_no_update BEFORE UPDATE ON stat_figure
BEGIN SELECT RAISE(ABORT, 'figures are append-only: enter a corrected figure'); END;
CREATE TRIGGER stat_figure_no_delete BEFORE DELETE ON stat_figure
BEGIN SELECT RAISE(ABORT, 'figures are append-only: enter a corrected figure'); END;
CREATE TRIGGER stat_review_no_update BEFORE UPDATE ON stat_review
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER stat_review_no_delete BEFORE DELETE ON stat_review
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
