/* zone_internal.h — what zone.c and zone_place.c share. */
#ifndef DUTYDESK_ZONE_INTERNAL_H
#define DUTYDESK_ZONE_INTERNAL_H

#include <stddef.h>

#include "base/err.h"

/* A name or text as typed: trimmed of spaces (U+3000 too) into `out`,
 * present, UTF-8 without control characters, at most `max` bytes. */
int zone_clean_text(const char *what, const char *typed, size_t max, char *out,
		    struct dd_err *err);

#endif
