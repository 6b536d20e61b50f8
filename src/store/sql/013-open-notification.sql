-- 013: the notifications not done yet, found without reading the rest.
--
-- A busy desk opens a notification for about four entries in ten, and marks
-- nearly all of them done within the hour: after two years a log of a
-- million entries holds some 400,000 notifications, a few hundred of them
-- open.  The escalation pane, the status line's overdue count and the chase
-- ask for the open ones; walking every notification ever opened to find
-- them made the terminal's first frame grow with the whole history.
-- open_notification holds the notifications not done, one row each: added
-- with the notification, removed by its 'notified' event, both by trigger
-- in the same transaction, so it can never disagree with the log.  Like
-- open_incident it is derived, not a record.

CREATE TABLE open_notification (
  notification_id INTEGER PRIMARY KEY REFERENCES notification(id)
) STRICT;

INSERT INTO open_notification (notification_id)
  SELECT n.id FROM notification n WHERE NOT EXISTS
    (SELECT 1 FROM event d WHERE d.type = 'notified'
       AND json_extract(d.body, '$.notification') = +n.id);

CREATE TRIGGER open_notification_add AFTER INSERT ON notification
BEGIN
  INSERT OR IGNORE INTO open_notification (notification_id) VALUES (NEW.id);
END;

CREATE TRIGGER open_notification_done AFTER INSERT ON event
WHEN NEW.type = 'notified'
BEGIN
  DELETE FROM open_notification
    WHERE notification_id = json_extract(NEW.body, '$.notification');
END;
