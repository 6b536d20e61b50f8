-- 010: entries written without a proven PIN.
--
-- While an admin has relaxed operator PINs (config operator-pin optional), an
-- operator may write without proving who they are; what they write is marked
-- unverified (未核验) wherever it is shown.  The mark of an entry is here; the
-- 'created' event's body and the body of every other event of such an act
-- carry "unverified": 1 on the hash chain.  The default keeps earlier entries
-- as they were: written by people who identified the old way.

ALTER TABLE entry ADD COLUMN unverified INTEGER NOT NULL DEFAULT 0
  CHECK (unverified IN (0, 1));
