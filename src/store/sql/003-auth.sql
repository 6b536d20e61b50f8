-- 003: PINs for signing in at the shared terminal.
--
-- Only a slow salted hash is stored (libsodium crypto_pwhash_str, Argon2id).
-- Wrong PINs are counted here, so that the count holds across processes;
-- five in a row lock the person out for a while.

CREATE TABLE credential (
  person_id    INTEGER PRIMARY KEY REFERENCES person(id),
  pin_hash     TEXT NOT NULL CHECK (pin_hash LIKE '$argon2id$%'),
  set_at       INTEGER NOT NULL,
  set_by       INTEGER REFERENCES person(id),
  failures     INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER NOT NULL DEFAULT 0
) STRICT;
