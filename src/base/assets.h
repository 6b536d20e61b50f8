/* assets.h — the data files shipped inside the binary: the organisation of
 * the notice (assets/roster), the escalation defaults (assets/escalation), the
 * statistics' metrics (assets/stats) and the schema migrations (src/store/sql).  They are data files in the source
 * tree; the build embeds them so that dutydesk runs from any directory. */
#ifndef DUTYDESK_ASSETS_H
#define DUTYDESK_ASSETS_H

#include <stddef.h>

struct asset {
	const char *name;           /* "roster/groups.csv", "sql/001-initial.sql" */
	const unsigned char *data;  /* NUL-terminated */
	size_t size;                /* without the NUL */
};

/* Terminated by an entry whose name is NULL. */
extern const struct asset assets_table[];

/* The asset called `name`, or NULL. */
const struct asset *assets_find(const char *name);

#endif
