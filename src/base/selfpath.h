/* selfpath.h — where the running program is, and where the files installed
 * with it are.
 *
 * Run from its build directory, dutydesk finds its catalogues and its
 * programs (the PDF writer, the county's program) beside it.  Installed, it finds them under the prefix its own
 * directory is the bindir of (PREFIX/bin/dutydesk: PREFIX/share/locale,
 * PREFIX/libexec/dutydesk): the configured prefix, or wherever a staged
 * install (DESTDIR) or a moved tree put it; the configured paths are the
 * last resort. */
#ifndef DUTYDESK_SELFPATH_H
#define DUTYDESK_SELFPATH_H

#include <stddef.h>

/* The directory of the running binary into `out`; 0 when it is unknown. */
int selfpath_dir(char *out, size_t n);

/* `rel`, a path relative to the install prefix (share/locale), under the
 * prefix the running binary sits in, into `out`; 0 when the binary is not
 * in a directory named as the configured bindir (a build directory) or
 * `rel` is absolute. */
int selfpath_installed(const char *rel, char *out, size_t n);

/* The program `name` of the project (dutydesk-pdf, dutydesk-county) into
 * `out`: the path in the environment variable `env` when it is set, else
 * beside the running binary (a build directory, or an install that keeps
 * them in one directory), else in the libexec directory under the prefix the
 * running binary sits in (a staged or moved install), else in the libexec
 * directory it was configured for.  1 when `out` is executable; 0 when the
 * program is nowhere (`out` then names the last place looked). */
int selfpath_program(const char *env, const char *name, char *out, size_t n);

#endif
