/* selfpath.c — the running binary's directory, and its install prefix. */
#include "base/selfpath.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef DD_BINDIR_REL
#define DD_BINDIR_REL "bin"
#endif
#ifndef DD_LIBEXECDIR_REL
#define DD_LIBEXECDIR_REL "libexec/dutydesk"
#endif
#ifndef DD_LIBEXECDIR
#define DD_LIBEXECDIR "/usr/local/libexec/dutydesk"
#endif

int selfpath_dir(char *out, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (len <= 0)
		return 0;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	return snprintf(out, n, "%s", exe) < (int)n;
}

int selfpath_installed(const char *rel, char *out, size_t n)
{
	const char *bindir = DD_BINDIR_REL;
	size_t dl, bl = strlen(bindir);
	char dir[PATH_MAX];

	if (!rel || rel[0] == '/' || bindir[0] == '/' || !selfpath_dir(dir, sizeof dir))
		return 0;
	dl = strlen(dir);
	/* PREFIX/BINDIR: strip "/BINDIR" from the end. */
	if (dl <= bl || strcmp(dir + dl - bl, bindir) != 0 || dir[dl - bl - 1] != '/')
		return 0;
	dir[dl - bl - 1] = '\0';
	return snprintf(out, n, "%s/%s", dir, rel) < (int)n;
}

int selfpath_program(const char *env, const char *name, char *out, size_t n)
{
	const char *given = env ? getenv(env) : NULL;
	char dir[PATH_MAX];

	if (!out || n == 0)
		return 0;
	if (given && *given) {
		snprintf(out, n, "%s", given);
		return access(out, X_OK) == 0;
	}
	if (selfpath_dir(dir, sizeof dir) &&
	    snprintf(out, n, "%s/%s", dir, name) < (int)n && access(out, X_OK) == 0)
		return 1;
	if (selfpath_installed(DD_LIBEXECDIR_REL, dir, sizeof dir) &&
	    snprintf(out, n, "%s/%s", dir, name) < (int)n && access(out, X_OK) == 0)
		return 1;
	snprintf(out, n, "%s/%s", DD_LIBEXECDIR, name);
	return access(out, X_OK) == 0;
}
