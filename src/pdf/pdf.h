/* pdf.h — dutydesk-pdf, the handover sheet's PDF writer: a program of its
 * own, so that only it loads pango, cairo and fontconfig.  dutydesk
 * (docs/handover_pdf.c) starts it with the sheet on its standard input
 * (docs/handover_wire.c) and the file to write as its one argument. */
#ifndef DUTYDESK_PDF_H
#define DUTYDESK_PDF_H

#include <stdio.h>

#include "docs/handover.h"

/* The sheet as an A4 PDF at `path` (replaced): typeset with pango in Noto
 * Sans/Serif CJK SC (see handover_write_pdf).  DD_EIO when the file cannot
 * be written or there is no Chinese font. */
int pdf_write(const struct handover *h, FILE *out, const char *path, struct dd_err *err);

#endif
