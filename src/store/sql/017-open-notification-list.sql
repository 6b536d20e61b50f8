-- 017: each open notification carries what the escalation pane lists.
--
-- The pane lists every open notification with its entry, stage, round,
-- channel and contact; reading them from each one's notification row cost a
-- page a row (1,054 rows, 2.3 ms of the terminal's first frame on a
-- million-entry log).  Copied here as the notification is opened, as 016
-- copied what the counts ask, and listed in due order along its index.

ALTER TABLE open_notification ADD COLUMN entry_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE open_notification ADD COLUMN contact_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE open_notification ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE open_notification ADD COLUMN round INTEGER NOT NULL DEFAULT 0;
ALTER TABLE open_notification ADD COLUMN channel TEXT NOT NULL DEFAULT '';

UPDATE open_notification SET (entry_id, contact_id, stage, round, channel) =
  (SELECT n.entry_id, n.contact_id, n.stage, n.round, n.channel FROM notification n
     WHERE n.id = open_notification.notification_id);

DROP TRIGGER open_notification_add;
CREATE TRIGGER open_notification_add AFTER INSERT ON notification
BEGIN
  INSERT OR IGNORE INTO open_notification (notification_id, drill, due_at, required,
      opened_at, entry_id, contact_id, stage, round, channel)
    VALUES (NEW.id, NEW.drill, NEW.due_at, NEW.required, NEW.opened_at, NEW.entry_id,
      NEW.contact_id, NEW.stage, NEW.round, NEW.channel);
END;
