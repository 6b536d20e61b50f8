/* main.c — dutydesk-pdf: reads a handover sheet on standard input, writes
 * it as a PDF to the file named by its one argument.  Exit status 0 when
 * written; else 1 with the reason, one line, on standard error; 2 when
 * started wrongly.  Started by dutydesk, never by a person. */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "docs/handover.h"
#include "pdf/pdf.h"

int main(int argc, char **argv)
{
	struct handover *h;
	struct dd_err err;
	int rc;

	setlocale(LC_ALL, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	i18n_init();
	if (argc != 2) {
		fprintf(stderr, _("Usage: dutydesk-pdf NAME < SHEET > PDF (started by dutydesk)\n"));
		return 2;
	}
	if (handover_wire_read(stdin, &h, &err) < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	rc = pdf_write(h, stdout, argv[1], &err);
	handover_wire_free(h);
	if (rc < 0) {
		fprintf(stderr, "%s\n", err.msg);
		return 1;
	}
	return 0;
}
