/* county_schema.c — the county's schema, made once and checked at every
 * contact (county.h describes it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "county/county_internal.h"

/* Constant SQL, no data in it.  Version COUNTY_SCHEMA_VERSION. */
static const char schema_sql[] =
	"CREATE SCHEMA county;\n"
	"CREATE TABLE county.version (version integer NOT NULL);\n"
	"INSERT INTO county.version VALUES (1);\n"
	"CREATE TABLE county.towns (\n"
	"  town text PRIMARY KEY CHECK (town <> '' AND octet_length(town) <= 64),\n"
	"  desk_id text NOT NULL CHECK (desk_id ~ '^[0-9a-f]{32}$'),\n"
	"  head_seq bigint NOT NULL DEFAULT 0,\n"
	"  head_hash bytea NOT NULL DEFAULT decode(repeat('00', 32), 'hex'),\n"
	"  first_seen timestamptz NOT NULL DEFAULT now(),\n"
	"  last_sync timestamptz,\n"
	"  diverged_at timestamptz,\n"
	"  reason text);\n"
	"CREATE TABLE county.events (\n"
	"  town text NOT NULL,\n"
	"  seq bigint NOT NULL CHECK (seq > 0),\n"
	"  at bigint NOT NULL,\n"
	"  actor_id bigint,\n"
	"  type text NOT NULL,\n"
	"  entry_id bigint,\n"
	"  drill boolean NOT NULL,\n"
	"  body text NOT NULL,\n"
	"  entry text,\n"
	"  prev bytea NOT NULL CHECK (octet_length(prev) = 32),\n"
	"  hash bytea NOT NULL CHECK (octet_length(hash) = 32),\n"
	"  PRIMARY KEY (town, seq));\n"
	"CREATE INDEX events_entry ON county.events (town, entry_id, seq) "
	"WHERE entry_id IS NOT NULL;\n"
	"CREATE TABLE county.incidents (\n"
	"  town text NOT NULL,\n"
	"  entry_id bigint NOT NULL,\n"
	"  occurred_at bigint NOT NULL,\n"
	"  kind text NOT NULL,\n"
	"  summary text NOT NULL,\n"
	"  source text NOT NULL,\n"
	"  significant boolean NOT NULL,\n"
	"  drill boolean NOT NULL,\n"
	"  parent_id bigint,\n"
	"  created_seq bigint NOT NULL,\n"
	"  closed_at bigint,\n"
	"  closed_seq bigint,\n"
	"  PRIMARY KEY (town, entry_id));\n"
	"CREATE INDEX incidents_time ON county.incidents (town, occurred_at DESC);\n"
	"CREATE INDEX incidents_significant ON county.incidents (town, occurred_at DESC) "
	"WHERE significant;\n"
	"CREATE TABLE county.status (\n"
	"  town text PRIMARY KEY REFERENCES county.towns(town),\n"
	"  head_seq bigint NOT NULL,\n"
	"  at bigint NOT NULL,\n"
	"  mode text NOT NULL,\n"
	"  since bigint NOT NULL,\n"
	"  open integer NOT NULL,\n"
	"  overdue integer NOT NULL,\n"
	"  report_day text NOT NULL,\n"
	"  report_filed boolean NOT NULL);\n"
	/* The chain continues, from the desk that holds the name. */
	"CREATE FUNCTION county.events_continue() RETURNS trigger LANGUAGE plpgsql\n"
	"SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$\n"
	"DECLARE t record; hs bigint; hh bytea; dk text; bad bigint;\n"
	"BEGIN\n"
	"  FOR t IN SELECT DISTINCT n.town FROM new_rows n LOOP\n"
	"    SELECT w.head_seq, w.head_hash, w.desk_id INTO hs, hh, dk\n"
	"      FROM county.towns w WHERE w.town = t.town FOR UPDATE;\n"
	"    IF dk IS DISTINCT FROM current_setting('county.desk', true) THEN\n"
	"      RAISE EXCEPTION USING ERRCODE = 'DDC01',\n"
	"        MESSAGE = format('town %s is held by another desk', t.town);\n"
	"    END IF;\n"
	/* Each row: the next seq, and the hash before it as prev (the
	 * county's head for the first). */
	"    SELECT min(x.seq) INTO bad FROM (SELECT n.seq, n.prev,\n"
	"        row_number() OVER w AS rn, lag(n.hash) OVER w AS lh\n"
	"        FROM new_rows n WHERE n.town = t.town WINDOW w AS (ORDER BY n.seq)) x\n"
	"      WHERE x.seq <> hs + x.rn OR x.prev <> coalesce(x.lh, hh);\n"
	"    IF bad IS NOT NULL THEN\n"
	"      RAISE EXCEPTION USING ERRCODE = 'DDC02', MESSAGE = format(\n"
	"        'town %s: event #%s does not continue the chain the county holds "
	"(up to #%s)', t.town, bad, hs);\n"
	"    END IF;\n"
	"    SELECT n.seq, n.hash INTO hs, hh FROM new_rows n WHERE n.town = t.town\n"
	"      ORDER BY n.seq DESC LIMIT 1;\n"
	"    UPDATE county.towns SET head_seq = hs, head_hash = hh WHERE town = t.town;\n"
	"  END LOOP;\n"
	"  INSERT INTO county.incidents (town, entry_id, occurred_at, kind, summary, source,\n"
	"      significant, drill, parent_id, created_seq)\n"
	"    SELECT n.town, n.entry_id, (e->>'occurred_at')::bigint, e->>'kind', e->>'summary',\n"
	"      e->>'source', (e->>'significant')::int = 1, (e->>'drill')::int = 1,\n"
	"      (e->>'parent_id')::bigint, n.seq\n"
	"    FROM new_rows n CROSS JOIN LATERAL (SELECT n.entry::jsonb AS e) j\n"
	"    WHERE n.type = 'created' AND n.entry IS NOT NULL;\n"
	"  UPDATE county.incidents i SET closed_at = n.at, closed_seq = n.seq\n"
	"    FROM new_rows n WHERE n.type = 'closed' AND i.town = n.town\n"
	"    AND i.entry_id = n.entry_id;\n"
	"  RETURN NULL;\n"
	"END $f$;\n"
	"CREATE TRIGGER events_continue AFTER INSERT ON county.events\n"
	"  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT\n"
	"  EXECUTE FUNCTION county.events_continue();\n"
	"CREATE FUNCTION county.append_only() RETURNS trigger LANGUAGE plpgsql AS $f$\n"
	"BEGIN\n"
	"  RAISE EXCEPTION USING ERRCODE = 'DDC03',\n"
	"    MESSAGE = 'the county''s copy of the towns'' history is append-only';\n"
	"END $f$;\n"
	"CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON county.events\n"
	"  FOR EACH ROW EXECUTE FUNCTION county.append_only();\n"
	"CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON county.events\n"
	"  FOR EACH STATEMENT EXECUTE FUNCTION county.append_only();\n"
	"CREATE FUNCTION county.towns_guard() RETURNS trigger LANGUAGE plpgsql AS $f$\n"
	"BEGIN\n"
	"  IF NEW.town <> OLD.town OR NEW.desk_id <> OLD.desk_id THEN\n"
	"    RAISE EXCEPTION USING ERRCODE = 'DDC03',\n"
	"      MESSAGE = 'a town''s name and desk never change';\n"
	"  END IF;\n"
	"  IF (NEW.head_seq, NEW.head_hash) IS DISTINCT FROM (OLD.head_seq, OLD.head_hash)\n"
	"     AND pg_trigger_depth() < 2 THEN\n"
	"    RAISE EXCEPTION USING ERRCODE = 'DDC03',\n"
	"      MESSAGE = 'a town''s head moves only with its events';\n"
	"  END IF;\n"
	"  RETURN NEW;\n"
	"END $f$;\n"
	"CREATE TRIGGER towns_guard BEFORE UPDATE ON county.towns\n"
	"  FOR EACH ROW EXECUTE FUNCTION county.towns_guard();\n"
	/* A desk's first words: the town as the county holds it.  A second
	 * desk claiming the name flags the town. */
	"CREATE FUNCTION county.claim(p_town text, p_desk text, OUT held_by text,\n"
	"    OUT head_seq bigint, OUT head_hash bytea, OUT diverged boolean, OUT reason text)\n"
	"LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$\n"
	"BEGIN\n"
	"  INSERT INTO county.towns (town, desk_id) VALUES (p_town, p_desk)\n"
	"    ON CONFLICT (town) DO NOTHING;\n"
	"  UPDATE county.towns w SET diverged_at = now(), reason = format(\n"
	"      'a second desk (%s…) claimed the name of this town', left(p_desk, 8))\n"
	"    WHERE w.town = p_town AND w.desk_id <> p_desk AND w.diverged_at IS NULL;\n"
	"  SELECT w.desk_id, w.head_seq, w.head_hash, w.diverged_at IS NOT NULL,\n"
	"         coalesce(w.reason, '')\n"
	"    INTO held_by, head_seq, head_hash, diverged, reason\n"
	"    FROM county.towns w WHERE w.town = p_town;\n"
	"END $f$;\n"
	"CREATE FUNCTION county.flag(p_town text, p_desk text, p_reason text) RETURNS void\n"
	"LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$\n"
	"  UPDATE county.towns SET diverged_at = now(), reason = p_reason\n"
	"    WHERE town = p_town AND desk_id = p_desk AND diverged_at IS NULL;\n"
	"$f$;\n"
	"CREATE FUNCTION county.report(p_town text, p_desk text, p_seq bigint, p_at bigint,\n"
	"    p_mode text, p_since bigint, p_open integer, p_overdue integer, p_day text,\n"
	"    p_filed boolean) RETURNS void\n"
	"LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$\n"
	"BEGIN\n"
	"  PERFORM 1 FROM county.towns WHERE town = p_town AND desk_id = p_desk\n"
	"    AND head_seq >= p_seq FOR UPDATE;\n"
	"  IF NOT FOUND THEN\n"
	"    RAISE EXCEPTION USING ERRCODE = 'DDC01',\n"
	"      MESSAGE = format('town %s is held by another desk', p_town);\n"
	"  END IF;\n"
	"  INSERT INTO county.status VALUES (p_town, p_seq, p_at, p_mode, p_since, p_open,\n"
	"      p_overdue, p_day, p_filed)\n"
	"    ON CONFLICT (town) DO UPDATE SET head_seq = excluded.head_seq, at = excluded.at,\n"
	"      mode = excluded.mode, since = excluded.since, open = excluded.open,\n"
	"      overdue = excluded.overdue, report_day = excluded.report_day,\n"
	"      report_filed = excluded.report_filed;\n"
	"  UPDATE county.towns SET last_sync = now() WHERE town = p_town;\n"
	"END $f$;\n";

/* In one transaction, under a lock that two towns' first syncs share: the
 * schema made when there is none; its version read. */
static int ensure(struct county *c, int *version, struct dd_err *err)
{
	PGresult *res;
	int have;

	if (!(res = county_exec(c, "SELECT pg_advisory_xact_lock(4242001), "
			       "to_regclass('county.version') IS NOT NULL", 0, NULL,
			       PGRES_TUPLES_OK, _("reading the county's schema"), err)))
		return -1;
	have = strcmp(PQgetvalue(res, 0, 1), "t") == 0;
	PQclear(res);
	if (!have) {
		res = PQexec(c->conn, schema_sql);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			return county_fail(c, res, DD_EDENIED, _("making the county's schema"), err);
		PQclear(res);
	}
	if (!(res = county_exec(c, "SELECT max(version) FROM county.version", 0, NULL,
			       PGRES_TUPLES_OK, _("reading the county's schema"), err)))
		return -1;
	*version = PQgetisnull(res, 0, 0) ? 0 : atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return 0;
}

int county_schema_check(struct county *c, struct dd_err *err)
{
	PGresult *res;
	int version = 0, rc;

	if (!(res = county_exec(c, "BEGIN", 0, NULL, PGRES_COMMAND_OK,
			       _("reading the county's schema"), err)))
		return -1;
	PQclear(res);
	rc = ensure(c, &version, err);
	res = PQexec(c->conn, rc == 0 ? "COMMIT" : "ROLLBACK");
	if (rc == 0 && PQresultStatus(res) != PGRES_COMMAND_OK)
		return county_fail(c, res, DD_EIO, _("making the county's schema"), err);
	PQclear(res);
	if (rc < 0)
		return -1;
	if (version != COUNTY_SCHEMA_VERSION)
		return dd_fail(err, DD_EDENIED, _("the county database is at schema version %d; "
						  "this dutydesk speaks version %d: nothing was "
						  "sent (the county upgrades its server, or the "
						  "desk its dutydesk)"), version,
			       COUNTY_SCHEMA_VERSION);
	return 0;
}
