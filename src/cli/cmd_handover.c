/* cmd_handover.c — handover: the handover sheet (交接班记录) as text or PDF,
 * to the printer, and the signing of the handover by both operators. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmds.h"
#include "docs/handover.h"
#include "base/i18n.h"

enum {
	OPT_FROM = 256, OPT_TO, OPT_FORMAT, OPT_OUTPUT, OPT_PRINT, OPT_PRINTER, OPT_SIGN,
	OPT_TO_OPERATOR, OPT_NOTE, OPT_FORCE, OPT_DRILL,
};

struct ho_opts {
	dd_time from, to;
	int have_from, have_to;
	enum cli_format format;
	int format_given;
	const char *output;
	int force;
	int print;
	const char *printer;
	int sign;
	const char *incoming;
	const char *note;
	int drill;
};

static int parse(struct cli *c, int argc, char **argv, struct ho_opts *o)
{
	static const struct option opts[] = {
		{"from", required_argument, 0, OPT_FROM},
		{"to", required_argument, 0, OPT_TO},
		{"format", required_argument, 0, OPT_FORMAT},
		{"output", required_argument, 0, OPT_OUTPUT},
		{"print", no_argument, 0, OPT_PRINT},
		{"printer", required_argument, 0, OPT_PRINTER},
		{"sign", no_argument, 0, OPT_SIGN},
		{"to-operator", required_argument, 0, OPT_TO_OPERATOR},
		{"note", required_argument, 0, OPT_NOTE},
		{"force", no_argument, 0, OPT_FORCE},
		{"drill", no_argument, 0, OPT_DRILL},
		{0, 0, 0, 0},
	};
	struct dd_err err;
	int k;

	memset(o, 0, sizeof *o);
	optind = 0;
	while ((k = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (k) {
		case OPT_FROM:
		case OPT_TO:
			if (ddtime_parse(optarg, k == OPT_FROM ? &o->from : &o->to, &err) < 0)
				return cli_usage(c, "%s", err.msg);
			*(k == OPT_FROM ? &o->have_from : &o->have_to) = 1;
			break;
		case OPT_FORMAT:
			if (cli_format(c, optarg, 1u << FMT_TEXT | 1u << FMT_PDF, &o->format) != 0)
				return 2;
			o->format_given = 1;
			break;
		case OPT_OUTPUT: o->output = optarg; break;
		case OPT_PRINT: o->print = 1; break;
		case OPT_PRINTER: o->print = 1; o->printer = optarg; break;
		case OPT_SIGN: o->sign = 1; break;
		case OPT_TO_OPERATOR: o->incoming = optarg; break;
		case OPT_NOTE: o->note = optarg; break;
		case OPT_FORCE: o->force = 1; break;
		case OPT_DRILL: o->drill = 1; break;
		default: return cli_bad_option(c);
		}
	}
	if (optind < argc)
		return cli_usage(c, _("unexpected argument '%s'"), argv[optind]);
	if (o->sign && !o->incoming)
		return cli_usage(c, _("--sign needs --to-operator NAME: the incoming operator, "
				      "who signs too"));
	if (o->sign && o->drill)
		return cli_usage(c, _("a drill's sheet is practice: it is not signed (leave out "
				      "--drill to sign the real handover)"));
	if (o->incoming && !o->sign)
		return cli_usage(c, _("--to-operator names who signs with --sign"));
	if (o->print && o->format_given && o->format == FMT_TEXT)
		return cli_usage(c, _("--print sends the PDF sheet: leave out --format text"));
	if (o->print)
		o->format = FMT_PDF;
	if (o->output && strcmp(o->output, "-") == 0)
		o->output = NULL;
	/* One end alone: up to now, or the default length before it. */
	if (o->have_from && !o->have_to)
		o->to = ddtime_now();
	if (o->have_to && !o->have_from)
		o->from = o->to - HANDOVER_DEFAULT_HOURS * 3600;
	return 0;
}

/* After signing the default period: another shift of the same person
 * that ended and is not signed yet is said (two shifts in a row). */
static void next_unsigned(struct cli *c)
{
	dd_time from, to, now = ddtime_now();
	int yes = 0;
	struct dd_err err;
	char a[DDTIME_BUFSZ], b[DDTIME_BUFSZ], x[DDTIME_BUFSZ], y[DDTIME_BUFSZ];

	if (handover_default_period(c->st, now, c->who.name, &from, &to, &err) < 0 ||
	    handover_is_signed(c->st, from, to, &yes, &err) < 0 || yes || to > now)
		return;
	fprintf(stderr, _("dutydesk: %s's shift %s to %s is not handed over yet: sign it too "
			  "(handover --sign --from %s --to %s)\n"), c->who.name,
		ddtime_format(from, DDTIME_MINUTE, a), ddtime_format(to, DDTIME_MINUTE, b),
		ddtime_format(from, DDTIME_ISO, x), ddtime_format(to, DDTIME_ISO, y));
}

/* Both operators sign: the outgoing one is who runs the command (--operator,
 * PIN first on --pin-stdin), the incoming one --to-operator (PIN next). */
static int sign(struct cli *c, struct ho_opts *o, struct handover **h)
{
	struct actor in;
	struct dd_err err;
	int rc;

	if (cli_identify(c) != 0)
		return c->status;
	if ((rc = cli_person(c, o->incoming, &in)) != 0)
		return rc;
	if (in.id == c->who.id)
		return cli_usage(c, _("the incoming operator must be another person than the "
				      "outgoing one (%s)"), c->who.name);
	if ((rc = cli_cosign(c, o->incoming, &in)) != 0)
		return rc;
	if (handover_sign(c->st, &c->who, &in, o->from, o->to, o->note, h, &err) < 0)
		return cli_fail(&err);
	fprintf(stderr, _("dutydesk: %s handed over to %s: %s (recorded as event #%lld)\n"),
		c->who.name, in.name, (*h)->period_text, (*h)->signing.event_id);
	if (!o->have_from && !o->have_to)
		next_unsigned(c);
	return 0;
}

static int build(struct cli *c, struct ho_opts *o, struct handover **h)
{
	struct dd_err err;

	if (cli_open_existing(c) != 0)
		return c->status;
	if (!o->have_from && !o->have_to &&
	    handover_default_period(c->st, ddtime_now(), c->operator_name, &o->from, &o->to,
				    &err) < 0)
		return cli_fail(&err);
	if ((o->drill ? handover_build_drill : handover_build)(c->st, o->from, o->to, h, &err) < 0)
		return cli_fail(&err);
	if (o->note && (*h)->signing.done)
		fprintf(stderr, _("dutydesk: this handover is signed: the sheet keeps the notes "
				  "it was signed with\n"));
	else if (o->note)
		handover_set_notes(*h, o->note);
	return 0;
}

/* The sheet to --output FILE (made whole beside it, then renamed), or to
 * standard output; as text, stored control characters made visible. */
static int write_sheet(struct cli *c, const struct handover *h, struct ho_opts *o)
{
	struct outfile of;
	struct dd_err err;
	FILE *f;
	int rc = 0;

	if (!o->output && o->format == FMT_TEXT) {
		/* The text sheet is safe as written (handover_text.c). */
		text_guard_raw(c->guard, stdout, 1);
		if (handover_write_text(h, stdout) == 0 && fflush(stdout) == 0)
			return 0;
		dd_fail(&err, DD_EIO, _("cannot write %s: %s"), "-", strerror(errno));
		return cli_fail(&err);
	}
	if (!o->output) {
		text_guard_raw(c->guard, stdout, 1);
		return handover_write_pdf_to(h, stdout, "-", &err) < 0 ? cli_fail(&err) : 0;
	}
	if ((rc = cli_output_open(c, o->output, o->force, &of)) != 0)
		return rc;
	if (o->format == FMT_PDF) {
		if (handover_write_pdf_to(h, of.f, o->output, &err) < 0) {
			outfile_abort(&of);
			return cli_fail(&err);
		}
		return cli_output_commit(&of);
	}
	f = of.f;
	if (handover_write_text(h, f) < 0 || fflush(f) != 0)
		rc = -1;
	if (rc < 0) {
		dd_fail(&err, DD_EIO, _("cannot write %s: %s"), o->output, strerror(errno));
		outfile_abort(&of);
		return cli_fail(&err);
	}
	return cli_output_commit(&of);
}

/* Print the PDF: the one written to --output, else a temporary file that
 * is removed once CUPS has it (and kept, and named, when printing fails). */
static int print_pdf(struct cli *c, const struct handover *h, struct ho_opts *o)
{
	char tmp[4096], job[128];
	const char *path = o->output;
	struct dd_err err;
	int fd;

	if (!path) {
		const char *dir = getenv("TMPDIR");
		snprintf(tmp, sizeof tmp, "%s/dutydesk-handover-XXXXXX.pdf",
			 dir && *dir ? dir : "/tmp");
		fd = mkstemps(tmp, 4);
		if (fd < 0) {
			perror(tmp);
			return 1;
		}
		close(fd);
		path = tmp;
	}
	if (o->output) {
		int rc = write_sheet(c, h, o);
		if (rc != 0)
			return rc;
	} else if (handover_write_pdf(h, path, &err) < 0) {
		unlink(tmp);
		return cli_fail(&err);
	}
	if (handover_print(path, o->printer, job, sizeof job, &err) < 0) {
		int rc = cli_fail(&err);
		fprintf(stderr, _("dutydesk: the sheet was not printed; it is in %s\n"), path);
		return rc;
	}
	if (!o->output)
		unlink(tmp);
	fprintf(stderr, _("dutydesk: the handover sheet went to the printer %s(request %s)\n"),
		o->printer ? o->printer : "", *job ? job : "?");
	return 0;
}

static int output(struct cli *c, const struct handover *h, struct ho_opts *o)
{
	if (o->print)
		return print_pdf(c, h, o);
	if (o->format == FMT_PDF && !o->output && isatty(STDOUT_FILENO))
		return cli_usage(c, _("a PDF is not for the terminal: give --output FILE "
				      "or redirect the output"));
	return write_sheet(c, h, o);
}

int cmd_handover(struct cli *c, int argc, char **argv)
{
	struct handover *h = NULL;
	struct ho_opts o;
	int rc;

	if ((rc = parse(c, argc, argv, &o)) != 0)
		return rc;
	if (o.format == FMT_PDF && !handover_pdf_available()) {
		fprintf(stderr, _("dutydesk: this dutydesk was built without PDF support (cairo "
				  "and pango): use --format text\n"));
		return 2;
	}
	rc = o.sign ? sign(c, &o, &h) : build(c, &o, &h);
	if (rc == 0)
		rc = output(c, h, &o);
	handover_free(h);
	return rc;
}
