/* outfile.c — files a person names for output: never half written, never
 * replaced unasked, readable by their owner alone. */
#define _GNU_SOURCE /* realpath */
#include "base/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"

/* The directory part of `path` ("." for a bare name), malloc'd. */
static char *dir_of(const char *path)
{
	char *copy = dd_xstrdup(path), *d = dd_xstrdup(dirname(copy));
	free(copy);
	return d;
}

/* realpath of the directory of `path`, then '/', then its last name. */
static char *resolved(const char *path)
{
	char *dir = dir_of(path), *copy = dd_xstrdup(path), *res = NULL;
	char real[PATH_MAX];
	const char *base = basename(copy);

	if (realpath(dir, real)) {
		size_t n = strlen(real) + strlen(base) + 2;
		res = dd_xmalloc(n);
		snprintf(res, n, "%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
	}
	free(dir);
	free(copy);
	return res;
}

int outfile_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	char *ra, *rb;
	int same;

	if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
		return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
	ra = resolved(a);
	rb = resolved(b);
	same = ra && rb && strcmp(ra, rb) == 0;
	free(ra);
	free(rb);
	return same;
}

int outfile_make_dirs(const char *path, struct dd_err *err)
{
	char *buf = dd_xstrdup(path);

	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0700) == 0) {
			chmod(buf, 0700);  /* whatever the umask took away */
		} else if (errno != EEXIST) {
			dd_fail(err, DD_EIO, _("cannot create directory %s: %s"), buf,
				strerror(errno));
			free(buf);
			return -1;
		}
		*p = '/';
	}
	free(buf);
	return 0;
}

static void forget(struct outfile *o)
{
	free(o->path);
	free(o->tmp);
	o->path = o->tmp = NULL;
	o->f = NULL;
}

int outfile_open(struct outfile *o, const char *path, int force, struct dd_err *err)
{
	struct stat sb;
	char *dir, *copy;
	size_t n;
	int fd, exists;
	mode_t mode = 0600;

	memset(o, 0, sizeof *o);
	if (!path || !*path)
		return dd_fail(err, DD_EINVAL, _("no file name given"));
	exists = lstat(path, &sb) == 0;
	if (exists && S_ISLNK(sb.st_mode) && stat(path, &sb) < 0)
		exists = 0;  /* a dangling link: replaced by the new file */
	if (exists && !S_ISREG(sb.st_mode))
		return dd_fail(err, DD_EINVAL, _("%s is not a regular file; it was left "
						 "untouched"), path);
	if (exists && !force)
		return dd_fail_about(err, DD_EINVAL, DD_ABOUT_EXISTS, _("%s already exists"), path);
	if (exists)
		mode = sb.st_mode & 07777;  /* a shared desk keeps its files' modes */
	dir = dir_of(path);
	copy = dd_xstrdup(path);
	n = strlen(dir) + strlen(path) + 16;
	o->tmp = dd_xmalloc(n);
	snprintf(o->tmp, n, "%s/.%s.XXXXXX", dir, basename(copy));
	free(dir);
	free(copy);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		dd_fail(err, DD_EIO, _("cannot write %s: %s"), path, strerror(errno));
		forget(o);
		return -1;
	}
	if (exists && fchown(fd, (uid_t)-1, sb.st_gid) < 0)
		mode &= ~(mode_t)S_ISGID;
	if (fchmod(fd, mode) < 0 || !(o->f = fdopen(fd, "w"))) {
		dd_fail(err, DD_EIO, _("cannot write %s: %s"), path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		forget(o);
		return -1;
	}
	o->path = dd_xstrdup(path);
	o->force = force;
	return 0;
}

void outfile_abort(struct outfile *o)
{
	if (o->f)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	forget(o);
}

/* Make the rename itself durable. */
static void sync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int outfile_commit(struct outfile *o, struct dd_err *err)
{
	int rc = 0;

	errno = 0;
	/* ferror: a write that failed earlier, whoever was told (or not). */
	if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0)
		rc = dd_fail(err, DD_EIO, _("cannot write %s: %s"), o->path,
			     strerror(errno ? errno : EIO));
	if (fclose(o->f) != 0 && rc == 0)
		rc = dd_fail(err, DD_EIO, _("cannot write %s: %s"), o->path, strerror(errno));
	o->f = NULL;
	if (rc == 0 && o->force && rename(o->tmp, o->path) < 0)
		rc = dd_fail(err, DD_EIO, _("cannot write %s: %s"), o->path, strerror(errno));
	/* Unasked, never replace: a file that appeared meanwhile stays. */
	if (rc == 0 && !o->force) {
		if (link(o->tmp, o->path) == 0)
			unlink(o->tmp);
		else if (errno == EEXIST)
			rc = dd_fail_about(err, DD_EINVAL, DD_ABOUT_EXISTS, _("%s already exists"),
					   o->path);
		else if (rename(o->tmp, o->path) < 0)  /* a file system without links */
			rc = dd_fail(err, DD_EIO, _("cannot write %s: %s"), o->path,
				     strerror(errno));
	}
	if (rc < 0)
		unlink(o->tmp);
	else
		sync_dir(o->path);
	forget(o);
	return rc;
}
