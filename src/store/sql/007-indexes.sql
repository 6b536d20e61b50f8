-- 007: indexes that keep notifications cheap at any volume.
--
-- In real use about four entries in ten open notifications, so a busy desk
-- holds thousands of them and as many 'notified' events.  Every question
-- asked of them must be answered through an index:
--
-- * removing a contact (a contacts import) asks whether any rule or
--   notification still names it: one lookup each, not a pass over all of them;
-- * the daily report counts the notifications done in its day: a range of
--   'notified' events by time.
CREATE INDEX notification_contact ON notification(contact_id);
CREATE INDEX rule_contact ON rule(contact_id);
CREATE INDEX event_notified_at ON event(drill, at) WHERE type = 'notified';
