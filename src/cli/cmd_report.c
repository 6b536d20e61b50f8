/* cmd_report.c — report daily: the daily report (日报告、零报告), filing it and
 * correcting it (补报); report list: what was filed. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "base/i18n.h"
#include "docs/report.h"

enum { OPT_DATE = 1, OPT_FILE, OPT_CORRECT, OPT_REASON, OPT_DRILL, OPT_ZERO };

struct daily_args {
	dd_time day;
	int file, correct, drill, zero;
	const char *reason;
};

static int parse_daily(struct cli *c, int argc, char **argv, struct daily_args *a)
{
	static const struct option opts[] = {
		{"date", required_argument, 0, OPT_DATE},
		{"file", no_argument, 0, OPT_FILE},
		{"correct", no_argument, 0, OPT_CORRECT},
		{"reason", required_argument, 0, OPT_REASON},
		{"drill", no_argument, 0, OPT_DRILL},
		{"zero", no_argument, 0, OPT_ZERO},
		{0, 0, 0, 0},
	};
	struct dd_err err;
	int o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (o) {
		case OPT_DATE:
			if (ddtime_parse(optarg, &a->day, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			break;
		case OPT_FILE: a->file = 1; break;
		case OPT_CORRECT: a->correct = 1; break;
		case OPT_REASON: a->reason = optarg; break;
		case OPT_DRILL: a->drill = 1; break;
		case OPT_ZERO: a->zero = 1; break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (a->reason && !a->correct)
		return cli_usage(c, _("--reason goes with --correct (the reason for the 补报)"));
	if (a->zero && !a->file)
		return cli_usage(c, _("--zero goes with --file (file it only as a zero report)"));
	if (a->correct && a->file && a->zero)
		return cli_usage(c, _("a correction (--correct) is not filed with --zero"));
	if (a->drill && (a->file || a->correct))
		return cli_usage(c, _("a drill's report (--drill) is not filed"));
	if (!a->day)
		a->day = ddtime_now();
	return 0;
}

/* File the report, or a correction of it; the text as filed on stdout. */
static int file_daily(struct cli *c, const struct daily_args *a)
{
	struct report_daily r;
	struct dd_err err;
	long long id = 0;
	char *text = NULL;

	if (cli_identify(c) != 0)
		return c->status;
	if (a->correct) {
		if (report_daily_correct(c->st, &c->who, a->day, a->reason, &r, &text, &id,
					 &err) < 0)
			return cli_fail(&err);
	} else if (report_daily_file_as(c->st, &c->who, a->day, a->zero ? REPORT_AS_ZERO : 0, &r,
					&text, &err) < 0) {
		return err.code == DD_EDENIED && strstr(err.msg, "补报")
			       ? cli_fail_hint(&err, _("report daily --correct files one"))
			       : cli_fail(&err);
	}
	fputs(text, stdout);
	if (a->correct)
		fprintf(stderr, _("dutydesk: the correction (补报) #%lld of %s is filed; it "
				  "corrects #%lld\n"), id, r.date, r.corrects.event_id);
	else
		fprintf(stderr, r.zero ? _("dutydesk: the zero report (零报告) of %s is filed\n")
				       : _("dutydesk: the daily report of %s is filed\n"), r.date);
	free(text);
	report_daily_clear(&r);
	return 0;
}

int cmd_report_daily(struct cli *c, int argc, char **argv)
{
	struct daily_args a = {0};
	struct report_daily r;
	struct dd_err err;
	char *text = NULL;
	int rc = parse_daily(c, argc, argv, &a);

	if (rc != 0)
		return rc;
	if (a.file || a.correct)
		return file_daily(c, &a);
	if (cli_open_existing(c) != 0)
		return c->status;
	if (report_daily_view(c->st, a.day, a.drill, &text, &r, &err) < 0)
		return cli_fail(&err);
	fputs(text, stdout);
	free(text);
	report_daily_clear(&r);
	return 0;
}

static const char *doc_kind(const struct report_doc *d)
{
	return d->correction ? "correction" : d->zero ? "zero" : "report";
}

static void list_csv(const struct report_doc *v, int n)
{
	static const char *const header[] = {"id", "day", "kind", "filed_at", "filed_by",
					     "entries", "text_hash", "corrects",
					     "corrects_hash", "chain_head", "reason"};

	csvio_write_row(stdout, header, 11);
	for (int i = 0; i < n; i++) {
		const struct report_doc *d = &v[i];
		char id[24], at[DDTIME_BUFSZ], entries[24], corrects[24] = "";
		snprintf(id, sizeof id, "%lld", d->event_id);
		snprintf(entries, sizeof entries, "%lld", d->entries);
		if (d->correction)
			snprintf(corrects, sizeof corrects, "%lld", d->corrects);
		const char *cells[] = {id, d->day, doc_kind(d), ddtime_format(d->at, DDTIME_ISO, at),
				       d->by, entries, d->text_hash, corrects, d->corrects_hash,
				       d->chain_head, d->reason};
		csvio_write_row(stdout, cells, 11);
	}
}

static void list_text(const struct report_doc *v, int n)
{
	const char *h[] = {_("ID"), _("DAY"), _("KIND"), _("FILED"), _("BY"), _("HASH"),
			   _("CORRECTS")};
	struct table *t = table_new(7, h);

	for (int i = 0; i < n; i++) {
		const struct report_doc *d = &v[i];
		char id[24], at[DDTIME_BUFSZ], hash[20], corrects[160] = "";
		snprintf(id, sizeof id, "#%lld", d->event_id);
		snprintf(hash, sizeof hash, "%.16s", d->text_hash);
		if (d->correction)
			snprintf(corrects, sizeof corrects, "#%lld %.16s%s%s", d->corrects,
				 d->corrects_hash, *d->reason ? "  " : "", d->reason);
		const char *cells[] = {id, d->day,
				       d->correction ? _("补报 correction")
				       : d->zero     ? _("零报告 zero report")
						     : _("日报告 report"),
				       ddtime_format(d->at, DDTIME_MINUTE, at), d->by, hash, corrects};
		table_row(t, cells);
	}
	table_print_free(t, stdout);
	if (!n)
		fprintf(stderr, _("dutydesk: no daily report filed\n"));
}

int cmd_report_list(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, 0, 'f'},
		{"to", required_argument, 0, 't'},
		{"format", required_argument, 0, 'o'},
		{0, 0, 0, 0},
	};
	enum cli_format fmt = FMT_TEXT;
	struct report_doc *v;
	struct dd_err err;
	dd_time from = 0, to = 0;
	int n, o;

	optind = 0;
	while ((o = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (o == 'f' || o == 't') {
			if (ddtime_parse(optarg, o == 'f' ? &from : &to, &err) < 0)
				return cli_usage(c, "%s", err.msg);
		} else if (o == 'o') {
			if (cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_CSV, &fmt) != 0)
				return 2;
		} else {
			return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (cli_open_existing(c) != 0)
		return c->status;
	if (report_docs_list(c->st, from, to, &v, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV)
		list_csv(v, n);
	else
		list_text(v, n);
	report_docs_free(v, n);
	return 0;
}
