/* selfpath.h — where the running program is, and where the files installed
 * with it are.
 *
 * Run from its build directory, dutydesk finds its catalogues and its PDF
 * writer beside it.  Installed, it finds them under the prefix its own
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

#endif
