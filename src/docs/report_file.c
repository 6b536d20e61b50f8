/* report_file.c — filing the daily report, and correcting it (补报).
 *
 * The report as first filed is a row of daily_report bound to its
 * 'report-filed' event (the event holds the hash of the text; `check`
 * compares them).  A correction is a 'report-corrected' event that holds the
 * whole document: the day, the event and text hash of the document it
 * corrects (the report, or the correction before it), its own text and its
 * hash, the counts and the chain's head before it.  The chain covers what it
 * says; the corrections of a day form one line, each naming the one before. */
#include "docs/report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/i18n.h"
#include "base/jsonw.h"
#include "docs/textdoc.h"
#include "domain/act.h"
#include "domain/settings.h"
#include "store/chain.h"
#include "store/store_sql.h"

#define REASON_MAX 1000

int report_daily_may_file(const struct report_daily *r, int correction, struct dd_err *err)
{
	char when[DDTIME_BUFSZ];

	if (r->drill)
		return dd_fail(err, DD_EDENIED,
			       _("a drill's report (演练) is not filed: it is for the exercise "
				 "alone"));
	if (correction && !r->filing.filed)
		return dd_fail(err, DD_EDENIED,
			       _("the daily report of %s is not filed yet: there is nothing to "
				 "correct (file it first)"), r->date);
	if (!correction && r->filing.filed)
		return dd_fail(err, DD_EDENIED,
			       _("the daily report of %s was already filed at %s by %s; a day "
				 "has one report (a correction, 补报, is filed as such)"), r->date,
			       ddtime_format(r->filing.at, DDTIME_MINUTE, when), r->filing.by);
	if (r->zero && r->entries > 0)
		return dd_fail(err, DD_EDENIED,
			       _("no zero report (零报告) for %s: the day has %lld entries"),
			       r->date, r->entries);
	if (r->zero && r->taskforce_during)
		return dd_fail(err, DD_EDENIED,
			       _("no zero report (零报告) for %s: the task force (疫情处置专班) "
				 "ran that day (started %s); record the day's situation in the "
				 "log first"), r->date,
			       ddtime_format(r->taskforce_since, DDTIME_MINUTE, when));
	return 0;
}

int report_daily_filed(struct store *st, dd_time day, struct report_filing *out,
		       struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT r.id, r.event_id, r.filed_at, p.name, r.zero, r.entries, r.chain_head "
		"FROM daily_report r JOIN person p ON p.id = r.filed_by WHERE r.day = ?1", err);
	char date[DDTIME_BUFSZ];
	int rc;

	memset(out, 0, sizeof *out);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, ddtime_format(ddtime_day_start(day), DDTIME_DATE, date));
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		out->filed = 1;
		out->id = sqlite3_column_int64(stmt, 0);
		out->event_id = sqlite3_column_int64(stmt, 1);
		out->at = sqlite3_column_int64(stmt, 2);
		snprintf(out->by, sizeof out->by, "%s", sqlite3_column_text(stmt, 3));
		out->zero = sqlite3_column_int(stmt, 4);
		out->entries = sqlite3_column_int64(stmt, 5);
		snprintf(out->chain_head, sizeof out->chain_head, "%s",
			 sqlite3_column_text(stmt, 6));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(st, err, rc, _("reading the daily reports"));
	return 0;
}

int report_daily_filed_text(struct store *st, dd_time day, char **text, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st, "SELECT text FROM daily_report WHERE day = ?1",
					   err);
	char date[DDTIME_BUFSZ];
	int rc;

	*text = NULL;
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, ddtime_format(ddtime_day_start(day), DDTIME_DATE, date));
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		*text = store_col_text(stmt, 0);
	sqlite3_reset(stmt);
	if (rc == SQLITE_DONE)
		return dd_fail(err, DD_ENOTFOUND, _("the daily report of %s is not filed"), date);
	return rc == SQLITE_ROW ? 0 : store_fail(st, err, rc, _("reading the daily reports"));
}

int report_daily_due(struct store *st, dd_time now, int *filed, int *warn, struct dd_err *err)
{
	struct report_filing f;
	time_t tt = (time_t)now;
	struct tm tm;
	int hour = 20;

	*filed = *warn = 0;
	if (report_daily_filed(st, now, &f, err) < 0 ||
	    settings_get_int(st, SETTING_REPORT_WARN_HOUR, &hour, err) < 0)
		return -1;
	localtime_r(&tt, &tm);
	*filed = f.filed;
	*warn = !f.filed && tm.tm_hour >= hour;
	return 0;
}

static int record_filing(struct store *st, const struct actor *by, struct report_daily *r,
			 const char *text, struct dd_err *err)
{
	char hex[2 * CHAIN_HASH_LEN + 1], what[128];
	struct jsonw body;
	sqlite3_stmt *stmt;

	textdoc_hash(text, hex);
	snprintf(what, sizeof what, "%s %s 已报送", r->date, r->zero ? "零报告" : "日报告");
	jsonw_init(&body);
	jsonw_str(&body, "day", r->date);
	jsonw_int(&body, "zero", r->zero);
	jsonw_int(&body, "entries", r->entries);
	jsonw_str(&body, "chain_head", r->filing.chain_head);
	jsonw_str(&body, "text_hash", hex);
	jsonw_str(&body, "text", what);
	if (act_event_at(st, by, "report-filed", r->filing.at, &body, &r->filing.event_id,
			 err) < 0)
		return -1;
	stmt = store_prepare(st,
		"INSERT INTO daily_report(day, day_start, filed_at, filed_by, zero, entries, "
		"chain_head, event_id, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, r->date);
	sqlite3_bind_int64(stmt, 2, r->day);
	sqlite3_bind_int64(stmt, 3, r->filing.at);
	sqlite3_bind_int64(stmt, 4, by->id);
	sqlite3_bind_int(stmt, 5, r->zero);
	sqlite3_bind_int64(stmt, 6, r->entries);
	store_bind_text(stmt, 7, r->filing.chain_head);
	sqlite3_bind_int64(stmt, 8, r->filing.event_id);
	store_bind_text(stmt, 9, text);
	if (store_exec_stmt(st, stmt, _("filing the daily report"), err) < 0)
		return -1;
	r->filing.id = sqlite3_last_insert_rowid(store_db(st));
	return 0;
}

static int file_in(struct store *st, const struct actor *by, dd_time day, unsigned how,
		   struct report_daily *r, char **text, struct dd_err *err)
{
	if (report_build_in(st, day, 0, r, err) < 0)
		return -1;
	if (how & REPORT_AS_ZERO) {
		/* Asked for as a zero report: the rule of one. */
		int zero = r->zero;
		r->zero = 1;
		if (report_daily_may_file(r, 0, err) < 0)
			return -1;
		r->zero = zero;
	}
	if (report_daily_may_file(r, 0, err) < 0)
		return -1;
	r->filing.filed = 1;
	r->filing.at = ddtime_now();
	snprintf(r->filing.by, sizeof r->filing.by, "%s", by->name);
	r->filing.zero = r->zero;
	r->filing.entries = r->entries;
	if (chain_head_hex(st, 0, CHAIN_HASH_LEN, r->filing.chain_head, err) < 0)
		return -1;
	*text = report_daily_text(r);
	return record_filing(st, by, r, *text, err);
}

/* A filed document's report and text to the caller, or released when the
 * caller wants neither. */
static void hand_out(struct report_daily *r, char *t, struct report_daily *out, char **text)
{
	if (out)
		*out = *r;
	else
		report_daily_clear(r);
	if (text)
		*text = t;
	else
		free(t);
}

int report_daily_file_as(struct store *st, const struct actor *by, dd_time day, unsigned how,
			 struct report_daily *out, char **text, struct dd_err *err)
{
	struct report_daily r;
	char *t = NULL;

	if (!by || !by->id)
		return dd_fail(err, DD_EDENIED, _("who is filing the daily report?"));
	if (store_begin(st, err) < 0)
		return -1;
	if (file_in(st, by, day, how, &r, &t, err) < 0 || store_commit(st, err) < 0) {
		store_rollback(st);
		report_daily_clear(&r);
		free(t);
		return -1;
	}
	hand_out(&r, t, out, text);
	return 0;
}

int report_daily_file(struct store *st, const struct actor *by, dd_time day,
		      struct report_daily *out, char **text, struct dd_err *err)
{
	return report_daily_file_as(st, by, day, 0, out, text, err);
}

/* ---- documents filed: the report and its corrections ---- */

void report_docs_free(struct report_doc *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].reason);
		free(v[i].text);
	}
	free(v);
}

static int read_docs(struct store *st, sqlite3_stmt *stmt, struct report_doc **out, int *n,
		     struct dd_err *err)
{
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		struct report_doc *d;
		*out = dd_xrealloc(*out, (size_t)(*n + 1) * sizeof **out);
		d = &(*out)[(*n)++];
		memset(d, 0, sizeof *d);
		d->event_id = sqlite3_column_int64(stmt, 0);
		d->correction = sqlite3_column_int(stmt, 1);
		d->corrects = sqlite3_column_int64(stmt, 2);
		snprintf(d->corrects_hash, sizeof d->corrects_hash, "%s",
			 sqlite3_column_text(stmt, 3));
		d->at = sqlite3_column_int64(stmt, 4);
		snprintf(d->by, sizeof d->by, "%s", sqlite3_column_text(stmt, 5));
		d->zero = sqlite3_column_int(stmt, 6);
		d->entries = sqlite3_column_int64(stmt, 7);
		snprintf(d->chain_head, sizeof d->chain_head, "%s", sqlite3_column_text(stmt, 8));
		snprintf(d->text_hash, sizeof d->text_hash, "%s", sqlite3_column_text(stmt, 9));
		d->reason = store_col_text(stmt, 10);
		d->text = store_col_text(stmt, 11);
		snprintf(d->day, sizeof d->day, "%s", sqlite3_column_text(stmt, 12));
	}
	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE) {
		report_docs_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(st, err, rc, _("reading the daily reports"));
	}
	return 0;
}

int report_daily_history(struct store *st, dd_time day, struct report_doc **out, int *n,
			 struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT * FROM (SELECT e.id, 0, 0, '', r.filed_at, p.name, r.zero, r.entries, "
		"r.chain_head, coalesce(json_extract(e.body, '$.text_hash'), ''), '', r.text, r.day "
		"FROM daily_report r JOIN event e ON e.id = r.event_id JOIN person p ON "
		"p.id = r.filed_by WHERE r.day = ?1 UNION ALL "
		"SELECT e.id, 1, json_extract(e.body, '$.corrects'), "
		"coalesce(json_extract(e.body, '$.corrects_hash'), ''), e.at, coalesce(p.name, ''), "
		"json_extract(e.body, '$.zero'), json_extract(e.body, '$.entries'), "
		"coalesce(json_extract(e.body, '$.chain_head'), ''), "
		"coalesce(json_extract(e.body, '$.text_hash'), ''), "
		"coalesce(json_extract(e.body, '$.reason'), ''), json_extract(e.body, '$.document'), "
		"json_extract(e.body, '$.day') "
		"FROM event e LEFT JOIN person p ON p.id = e.actor_id WHERE "
		"e.type = 'report-corrected' AND e.drill = 0 AND json_extract(e.body, '$.day') = ?1) "
		"ORDER BY 1", err);
	char date[DDTIME_BUFSZ];

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, ddtime_format(ddtime_day_start(day), DDTIME_DATE, date));
	return read_docs(st, stmt, out, n, err);
}

int report_docs_list(struct store *st, dd_time from, dd_time to, struct report_doc **out,
		     int *n, struct dd_err *err)
{
	sqlite3_stmt *stmt = store_prepare(st,
		"SELECT * FROM (SELECT e.id, 0, 0, '', r.filed_at, p.name, r.zero, r.entries, "
		"r.chain_head, coalesce(json_extract(e.body, '$.text_hash'), ''), '', '', r.day "
		"FROM daily_report r JOIN event e ON e.id = r.event_id JOIN person p ON "
		"p.id = r.filed_by WHERE r.day BETWEEN ?1 AND ?2 UNION ALL "
		"SELECT e.id, 1, json_extract(e.body, '$.corrects'), "
		"coalesce(json_extract(e.body, '$.corrects_hash'), ''), e.at, coalesce(p.name, ''), "
		"json_extract(e.body, '$.zero'), json_extract(e.body, '$.entries'), "
		"coalesce(json_extract(e.body, '$.chain_head'), ''), "
		"coalesce(json_extract(e.body, '$.text_hash'), ''), "
		"coalesce(json_extract(e.body, '$.reason'), ''), '', json_extract(e.body, '$.day') "
		"FROM event e LEFT JOIN person p ON p.id = e.actor_id WHERE "
		"e.type = 'report-corrected' AND e.drill = 0 AND "
		"json_extract(e.body, '$.day') BETWEEN ?1 AND ?2) ORDER BY 1", err);
	char a[DDTIME_BUFSZ] = "0000-00-00", b[DDTIME_BUFSZ] = "9999-99-99";

	*out = NULL;
	*n = 0;
	if (!stmt)
		return -1;
	if (from)
		ddtime_format(ddtime_day_start(from), DDTIME_DATE, a);
	if (to)
		ddtime_format(ddtime_day_start(to), DDTIME_DATE, b);
	store_bind_text(stmt, 1, a);
	store_bind_text(stmt, 2, b);
	return read_docs(st, stmt, out, n, err);
}

static int record_correction(struct store *st, const struct actor *by, struct report_daily *r,
			     const struct report_doc *last, const char *text, long long *id,
			     struct dd_err *err)
{
	char hex[2 * CHAIN_HASH_LEN + 1], what[160];
	struct jsonw body;

	textdoc_hash(text, hex);
	snprintf(what, sizeof what, "%s 日报告补报（更正 #%lld）", r->date, last->event_id);
	jsonw_init(&body);
	jsonw_str(&body, "day", r->date);
	jsonw_int(&body, "corrects", last->event_id);
	jsonw_str(&body, "corrects_hash", last->text_hash);
	jsonw_int(&body, "zero", r->zero);
	jsonw_int(&body, "entries", r->entries);
	jsonw_str(&body, "chain_head", r->filing.chain_head);
	jsonw_str(&body, "text_hash", hex);
	jsonw_str(&body, "reason", r->corrects.reason ? r->corrects.reason : "");
	jsonw_str(&body, "document", text);
	jsonw_str(&body, "text", what);
	return act_event_at(st, by, "report-corrected", r->filing.at, &body, id, err);
}

static int correct_in(struct store *st, const struct actor *by, dd_time day, const char *reason,
		      struct report_daily *r, char **text, long long *id, struct dd_err *err)
{
	struct report_doc *v = NULL;
	int n = 0, rc = -1;

	if (report_build_in(st, day, 0, r, err) < 0 || report_daily_may_file(r, 1, err) < 0 ||
	    report_daily_history(st, r->day, &v, &n, err) < 0)
		return -1;
	if (n == 0) {  /* filed in between: may_file saw it, the history must too */
		dd_fail(err, DD_EDENIED, _("the daily report of %s is not filed yet"), r->date);
		goto out;
	}
	r->corrects.event_id = v[n - 1].event_id;
	snprintf(r->corrects.hash, sizeof r->corrects.hash, "%s", v[n - 1].text_hash);
	r->corrects.at = v[n - 1].at;
	r->corrects.reason = reason;
	r->filing.at = ddtime_now();
	snprintf(r->filing.by, sizeof r->filing.by, "%s", by->name);
	r->filing.zero = r->zero;
	r->filing.entries = r->entries;
	if (chain_head_hex(st, 0, CHAIN_HASH_LEN, r->filing.chain_head, err) < 0)
		goto out;
	*text = report_daily_text(r);
	rc = record_correction(st, by, r, &v[n - 1], *text, id, err);
	r->corrects.reason = NULL;  /* the caller's */
out:
	report_docs_free(v, n);
	return rc;
}

int report_daily_correct(struct store *st, const struct actor *by, dd_time day,
			 const char *reason, struct report_daily *out, char **text,
			 long long *id, struct dd_err *err)
{
	struct report_daily r;
	long long eid = 0;
	char *t = NULL;

	if (!by || !by->id)
		return dd_fail(err, DD_EDENIED, _("who is filing the correction (补报)?"));
	if (act_check_text(_("the reason"), reason, ACT_ONE_LINE, REASON_MAX, err) < 0)
		return -1;
	if (store_begin(st, err) < 0)
		return -1;
	memset(&r, 0, sizeof r);
	if (correct_in(st, by, day, reason, &r, &t, &eid, err) < 0 || store_commit(st, err) < 0) {
		store_rollback(st);
		report_daily_clear(&r);
		free(t);
		return -1;
	}
	hand_out(&r, t, out, text);
	if (id)
		*id = eid;
	return 0;
}

/* ---- what a reader is shown ---- */

static void doc_line(FILE *f, const struct report_doc *d)
{
	char when[DDTIME_BUFSZ], first[96], *text;

	snprintf(first, sizeof first, "  事件 #%lld  %s  ", d->event_id,
		 ddtime_format(d->at, DDTIME_MINUTE, when));
	if (d->correction)
		text = report_fmt("补报（更正事件 #%lld，其散列 %.16s）%s  散列 %.16s%s%s",
				  d->corrects, d->corrects_hash, d->by, d->text_hash,
				  *d->reason ? "  理由：" : "", d->reason);
	else
		text = report_fmt("%s  %s  散列 %.16s", d->zero ? "零报告" : "日报告", d->by,
				  d->text_hash);
	report_wrap(f, first, text);
	free(text);
}

static int write_view(struct store *st, const struct report_daily *r,
		      const struct report_doc *v, int n, FILE *f, struct dd_err *err)
{
	const struct report_doc *last = &v[n - 1];
	char when[DDTIME_BUFSZ];

	fputs(last->text, f);
	if (*last->text && last->text[strlen(last->text) - 1] != '\n')
		fputc('\n', f);
	fputc('\n', f);
	for (int i = 0; i < REPORT_WIDTH; i++)
		fputc('~', f);
	fputc('\n', f);
	fprintf(f, "以下不属于上面已报送的文本（报送时间 %s）\n",
		ddtime_format(last->at, DDTIME_MINUTE, when));
	fprintf(f, "报送记录（%d 份，后者更正前者）：\n", n);
	for (int i = 0; i < n; i++)
		doc_line(f, &v[i]);
	fprintf(f, "报送后新增（截至 %s，未报送；如需报送，补报）：\n", r->as_of_text);
	return report_since(st, r, last->event_id, f, err);
}

int report_daily_view(struct store *st, dd_time day, int drill, char **text,
		      struct report_daily *out, struct dd_err *err)
{
	struct report_daily r;
	struct report_doc *v = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;
	int n = 0, rc = 0;

	*text = NULL;
	if (report_build_in(st, day, drill, &r, err) < 0 ||
	    (!drill && report_daily_history(st, r.day, &v, &n, err) < 0)) {
		report_daily_clear(&r);
		return -1;
	}
	if (n == 0) {
		*text = report_daily_text(&r);
	} else if ((f = open_memstream(&buf, &len)) != NULL) {
		rc = write_view(st, &r, v, n, f, err);
		if (fclose(f) != 0 && rc == 0)
			rc = dd_fail(err, DD_EIO, _("out of memory"));
		if (rc == 0)
			*text = buf;
		else
			free(buf);
	} else {
		rc = dd_fail(err, DD_EIO, _("out of memory"));
	}
	report_docs_free(v, n);
	if (rc == 0 && out)
		*out = r;
	else
		report_daily_clear(&r);
	return rc;
}
