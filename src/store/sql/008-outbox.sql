-- 008: the outbox (SPEC §5): what an act sets off outside the database, such
-- as a text message to the leader on duty's phone, carried out after the act
-- commits, so that the act never waits on a gateway.
--
-- An item is written in the transaction of the act that sets it off: an act
-- rolled back leaves none.  Each attempt to carry it out is an 'outbox' event
-- on the chain, whose body names the item, the result (sent, failed,
-- given-up) and the reason, so who was told what, and when, is evidence.  An
-- item's row never changes: its state is derived from its events, as a
-- notification's is from its 'notified' events.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind <> ''),     -- what carries it out: 'sms'
  recipient TEXT NOT NULL,                   -- whom: a person, a contact
  number TEXT NOT NULL,                      -- where: a phone number
  text TEXT NOT NULL,
  entry_id INTEGER REFERENCES entry(id),     -- the entry that set it off, if any
  created_at INTEGER NOT NULL
);
CREATE TRIGGER outbox_no_update BEFORE UPDATE ON outbox
BEGIN
  SELECT RAISE(ABORT, 'the outbox is append-only: an attempt is an event');
END;
CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox
BEGIN
  SELECT RAISE(ABORT, 'the outbox is append-only: items cannot be deleted');
END;

-- An item's attempts, newest last, in one lookup.
CREATE INDEX event_outbox ON event(json_extract(body, '$.outbox')) WHERE type = 'outbox';
