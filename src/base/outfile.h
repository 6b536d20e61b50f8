/* outfile.h — a file a person names for output, written so that it cannot
 * hurt what was there.
 *
 * The text goes to a new file beside the target (mode 0600, or the mode of
 * the file it replaces), is synced, and only then takes the target's name:
 * a full disk or a kill leaves the old file or none, never half of one.  An
 * existing file is replaced only when the caller says so (`--force`); what
 * is not a regular file is never replaced. */
#ifndef DUTYDESK_OUTFILE_H
#define DUTYDESK_OUTFILE_H

#include <stdio.h>

#include "base/err.h"

struct outfile {
	char *path;   /* the target */
	char *tmp;    /* the new file beside it, until committed */
	FILE *f;      /* open on tmp */
	int force;
};

/* Start writing `path`: refused when it exists and `force` is 0, or is not
 * a regular file. */
int outfile_open(struct outfile *o, const char *path, int force, struct dd_err *err);
/* Sync the new file and give it the target's name; the handle is done
 * either way (the new file is removed on failure). */
int outfile_commit(struct outfile *o, struct dd_err *err);
/* Give up: remove the new file.  Safe on a handle that failed to open. */
void outfile_abort(struct outfile *o);

/* Whether paths `a` and `b` name the same file: the same directory through
 * symbolic links and the same name, or, when both exist, the same inode. */
int outfile_same_file(const char *a, const char *b);

/* Create the directories of `path` that are missing, 0700 whatever the
 * umask. */
int outfile_make_dirs(const char *path, struct dd_err *err);

#endif
