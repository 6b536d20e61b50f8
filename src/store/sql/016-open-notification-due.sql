-- 016: each open notification carries what its counts ask.
--
-- The status line counts the open notifications past due at every second
-- of the terminal, and the rule of the chase counts those still required.
-- Through open_notification alone each count still read every open one's
-- notification row, a page each: on a desk that left a thousand open over
-- two years, some 860 pages a second.  A notification is never updated
-- (002), so its drill, due time, whether it is required and when it was
-- opened are copied here as it is opened, and one index answers the counts.
-- `dutydesk check` holds the copies to the notifications.

ALTER TABLE open_notification ADD COLUMN drill INTEGER NOT NULL DEFAULT 0;
ALTER TABLE open_notification ADD COLUMN due_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE open_notification ADD COLUMN required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE open_notification ADD COLUMN opened_at INTEGER NOT NULL DEFAULT 0;

UPDATE open_notification SET (drill, due_at, required, opened_at) =
  (SELECT n.drill, n.due_at, n.required, n.opened_at FROM notification n
     WHERE n.id = open_notification.notification_id);

DROP TRIGGER open_notification_add;
CREATE TRIGGER open_notification_add AFTER INSERT ON notification
BEGIN
  INSERT OR IGNORE INTO open_notification (notification_id, drill, due_at, required, opened_at)
    VALUES (NEW.id, NEW.drill, NEW.due_at, NEW.required, NEW.opened_at);
END;

CREATE INDEX open_notification_due ON open_notification(drill, due_at);
