/* cmd_config.c — config: list, show or set the desk's settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cmds.h"
#include "base/csvio.h"
#include "base/i18n.h"
#include "domain/settings.h"

static int list(struct cli *c, enum cli_format fmt)
{
	static const char *const csv_header[] = {"key", "value", "default", "min", "max",
						 "description"};
	struct setting_info *v;
	struct table *t = NULL;
	struct dd_err err;
	int n;

	if (settings_list(c->st, &v, &n, &err) < 0)
		return cli_fail(&err);
	if (fmt == FMT_CSV) {
		csvio_write_row(stdout, csv_header, 6);
	} else {
		const char *h[] = {_("SETTING"), _("VALUE"), _("DEFAULT"), _("RANGE"),
				   _("DESCRIPTION")};
		t = table_new(5, h);
	}
	for (int i = 0; i < n; i++) {
		char vb[24], db[24], lo[24], hi[24], range[64];
		if (v[i].is_text) {
			const char *cells_csv[] = {v[i].key, v[i].text, "", "", "", v[i].help};
			const char *cells[] = {v[i].key, *v[i].text ? v[i].text : _("(not set)"), "",
					       _("text"), v[i].help};
			if (fmt == FMT_CSV)
				csvio_write_row(stdout, cells_csv, 6);
			else
				table_row(t, cells);
			continue;
		}
		const char *val = settings_value_text(&v[i], v[i].value, vb, sizeof vb);
		const char *def = settings_value_text(&v[i], v[i].def, db, sizeof db);
		const char *min = settings_value_text(&v[i], v[i].min, lo, sizeof lo);
		const char *max = settings_value_text(&v[i], v[i].max, hi, sizeof hi);
		if (v[i].words) {  /* every word, the default first */
			size_t len = (size_t)snprintf(range, sizeof range, "%s", def);
			for (int w = v[i].min; w <= v[i].max && len < sizeof range; w++)
				if (w != v[i].def)
					len += (size_t)snprintf(range + len, sizeof range - len,
								", %s", v[i].words[w]);
		} else
			snprintf(range, sizeof range, "%d–%d", v[i].min, v[i].max);
		if (fmt == FMT_CSV) {
			const char *cells[] = {v[i].key, val, def, min, max, v[i].help};
			csvio_write_row(stdout, cells, 6);
		} else {
			const char *cells[] = {v[i].key, val, def, range, v[i].help};
			table_row(t, cells);
		}
	}
	table_print_free(t, stdout);
	free(v);
	return 0;
}

/* Arguments by hand, not getopt: a value such as -1 must reach the range
 * check instead of reading as an option. */
int cmd_config(struct cli *c, int argc, char **argv)
{
	enum cli_format fmt = FMT_TEXT;
	const char *pos[2] = {NULL, NULL};
	struct setting_info info;
	struct dd_err err;
	char vb[24];
	int npos = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
			const char *f = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
			if (!f)
				return cli_usage(c, _("option '--format' needs a value"));
			if (cli_format(c, f, 1u << FMT_TEXT | 1u << FMT_CSV, &fmt) != 0)
				return 2;
		} else if (strncmp(a, "--", 2) == 0 && npos == 0) {
			return cli_usage(c, _("unknown option '%s'"), a);
		} else if (npos < 2) {
			pos[npos++] = a;
		} else {
			return cli_usage(c, _("unexpected argument '%s'"), a);
		}
	}
	if (npos == 0) {
		if (cli_open(c) != 0)
			return c->status;
		return list(c, fmt);
	}
	if (npos == 1) {
		if (cli_open(c) != 0)
			return c->status;
		if (settings_get(c->st, pos[0], &info, &err) < 0)
			return cli_fail(&err);
		if (info.is_text)
			printf("%s\n", info.text);
		else
			printf("%s\n", settings_value_text(&info, info.value, vb, sizeof vb));
		return 0;
	}
	if (cli_identify(c) != 0)
		return c->status;
	if (settings_set(c->st, &c->who, pos[0], pos[1], &err) < 0 ||
	    settings_get(c->st, pos[0], &info, &err) < 0)
		return cli_fail(&err);
	if (info.is_text)
		fprintf(stderr, _("dutydesk: %s is now '%s'\n"), info.key, info.text);
	else
		fprintf(stderr, _("dutydesk: %s is now %s\n"), info.key,
			settings_value_text(&info, info.value, vb, sizeof vb));
	return 0;
}
