-- 016: entries by the time they were recorded.
--
-- The handover sheet holds what was recorded in its shift (the time of the
-- entry's 'created' event on the chain, kept as recorded_at), whatever time
-- the entry claims to have happened (--at): an entry written late goes on
-- the sheet of the shift that wrote it, not back onto one already handed
-- over.  A shift is a range of recorded_at, read through this index.
CREATE INDEX entry_recorded ON entry(recorded_at);
