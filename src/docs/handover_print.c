/* handover_print.c — sending the handover sheet to the printer with CUPS.
 *
 * `lp` is spawned directly (posix_spawn, no shell: a file name is never
 * parsed as a command), its standard output and error read through one pipe.
 * What went wrong is told in words a duty operator can act on: CUPS is not
 * installed, its scheduler is not running, there is no default printer, or
 * there is no printer of the name given. */
#include "docs/handover.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"

extern char **environ;

#define OUTPUT_MAX 4096

/* Is `name` an executable file in $PATH? */
static int in_path(const char *name)
{
	const char *path = getenv("PATH");
	char *dirs, *save = NULL, file[4096];
	int found = 0;

	if (!path || !*path)
		return 0;
	dirs = dd_xstrdup(path);
	for (char *d = strtok_r(dirs, ":", &save); d && !found; d = strtok_r(NULL, ":", &save)) {
		struct stat sb;
		snprintf(file, sizeof file, "%s/%s", *d ? d : ".", name);
		found = stat(file, &sb) == 0 && S_ISREG(sb.st_mode) && access(file, X_OK) == 0;
	}
	free(dirs);
	return found;
}

/* Run argv[0] (looked up in $PATH) with standard output and error into
 * `out`; *status is its exit status (-1: it did not run to an end). */
static int run(char *const argv[], char *out, size_t outsz, int *status, struct dd_err *err)
{
	posix_spawn_file_actions_t fa;
	int fds[2], ws, rc;
	size_t len = 0;
	pid_t pid;

	*status = -1;
	out[0] = '\0';
	if (pipe(fds) < 0)
		return dd_fail(err, DD_EIO, _("cannot start %s: %s"), argv[0], strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDERR_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return dd_fail(err, DD_EIO, _("cannot start %s: %s"), argv[0], strerror(rc));
	}
	for (;;) {
		char buf[512];
		ssize_t n = read(fds[0], buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		/* Keep the start (the error is there); drain the rest. */
		if (len + 1 < outsz) {
			size_t k = (size_t)n < outsz - 1 - len ? (size_t)n : outsz - 1 - len;
			memcpy(out + len, buf, k);
			len += k;
			out[len] = '\0';
		}
	}
	close(fds[0]);
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return dd_fail(err, DD_EIO, _("waiting for %s: %s"), argv[0],
				       strerror(errno));
	if (WIFEXITED(ws))
		*status = WEXITSTATUS(ws);
	return 0;
}

/* Does `hay` hold `needle` (lower-case ASCII), whatever the case? */
static int contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t k = 0;
		while (k < n && hay[k] && tolower((unsigned char)hay[k]) == needle[k])
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

/* The first line of `s`, without the "lp: " and "Error - " lp puts first. */
static void first_line(const char *s, char *buf, size_t n)
{
	size_t k;

	if (strncmp(s, "lp: ", 4) == 0)
		s += 4;
	if (strncmp(s, "Error - ", 8) == 0)
		s += 8;
	k = strcspn(s, "\n");
	snprintf(buf, n, "%.*s", (int)k, s);
}

/* Is the CUPS scheduler up?  1 yes, 0 no, -1 cannot tell. */
static int scheduler_running(void)
{
	char *argv[] = {"lpstat", "-r", NULL}, out[512];
	int status;

	if (!in_path("lpstat") || run(argv, out, sizeof out, &status, NULL) < 0)
		return -1;
	if (contains(out, "not running"))
		return 0;
	return status == 0 && contains(out, "is running") ? 1 : -1;
}

/* Say why lp failed, from its words. */
static int explain(const char *printer, const char *out, int status, struct dd_err *err)
{
	char line[512];

	if (contains(out, "no default destination"))
		return scheduler_running() == 0
			? dd_fail(err, DD_EIO, _("cannot print: the CUPS print service is not "
						 "running, so no printer can be found (start cupsd)"))
			: dd_fail_about(err, DD_EIO, DD_ABOUT_PRINTER,
					_("cannot print: no printer is set up (CUPS has no "
					  "default printer: set one with 'lpoptions -d NAME')"));
	if (contains(out, "does not exist") || contains(out, "unknown destination") ||
	    contains(out, "not found"))
		return dd_fail(err, DD_EIO,
			       scheduler_running() == 0
			       ? _("cannot print: the CUPS print service is not running (start "
				   "cupsd)")
			       : _("cannot print: CUPS has no printer called '%s' ('lpstat -p' "
				   "lists the printers)"), printer ? printer : "");
	if (contains(out, "scheduler not responding") || contains(out, "unable to connect") ||
	    contains(out, "connection refused") || contains(out, "not running"))
		return dd_fail(err, DD_EIO, _("cannot print: the CUPS print service is not "
					      "running (start cupsd)"));
	first_line(out, line, sizeof line);
	if (*line)
		return dd_fail(err, DD_EIO, _("cannot print: lp says: %s"), line);
	return dd_fail(err, DD_EIO, _("cannot print: lp failed (exit status %d)"), status);
}

/* The name after "system default destination: " in lpstat -d's words
 * into `out`, or "" when there is none. */
static void default_destination(char *out, size_t n)
{
	char *argv[] = {"lpstat", "-d", NULL}, buf[1024];
	const char *p;
	int status;

	out[0] = '\0';
	if (run(argv, buf, sizeof buf, &status, NULL) < 0 || status != 0)
		return;
	if ((p = strstr(buf, "destination: ")) != NULL) {
		p += strlen("destination: ");
		snprintf(out, n, "%.*s", (int)strcspn(p, " \r\n"), p);
	}
}

/* A destination's name as CUPS allows it: printable, no space nor '/'. */
static int printer_name(const char *s, size_t len)
{
	if (len == 0 || len > 127)
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] <= ' ' || s[i] == '/' || s[i] == '#' || s[i] == 0x7f)
			return 0;
	return 1;
}

int handover_printers(char ***names, int *n, int *def, struct dd_err *err)
{
	char *argv[] = {"lpstat", "-e", NULL}, out[OUTPUT_MAX], dflt[256];
	int status, cap = 0;

	*names = NULL;
	*n = 0;
	*def = -1;
	if (!in_path("lpstat"))
		return dd_fail(err, DD_EIO, _("cannot list the printers: there is no CUPS here (no "
					      "'lpstat' command; Debian package cups-client)"));
	if (run(argv, out, sizeof out, &status, err) < 0)
		return -1;
	/* lpstat -e says nothing, successfully, when it reaches no server. */
	if (status != 0 || (!out[strspn(out, " \r\n")] && scheduler_running() == 0)) {
		char line[512];
		if (scheduler_running() == 0 || contains(out, "not running") ||
		    contains(out, "unable to connect") || contains(out, "connection refused"))
			return dd_fail(err, DD_EIO, _("cannot list the printers: the CUPS print "
						      "service is not running (start cupsd)"));
		first_line(out, line, sizeof line);
		return dd_fail(err, DD_EIO, _("cannot list the printers: lpstat says: %s"), line);
	}
	default_destination(dflt, sizeof dflt);
	for (const char *p = out; *p;) {
		size_t len = strcspn(p, "\r\n");
		if (printer_name(p, len)) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 8;
				*names = dd_xrealloc(*names, (size_t)cap * sizeof **names);
			}
			(*names)[*n] = dd_xmalloc(len + 1);
			memcpy((*names)[*n], p, len);
			(*names)[*n][len] = '\0';
			if (*dflt && strcmp((*names)[*n], dflt) == 0)
				*def = *n;
			(*n)++;
		}
		p += len;
		p += strspn(p, "\r\n");
	}
	return 0;
}

void handover_printers_free(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int handover_print(const char *pdf_path, const char *printer, char *job, size_t jobsz,
		   struct dd_err *err)
{
	char out[OUTPUT_MAX], *argv[10], *file;
	int status, k = 0, rc;
	const char *id;

	if (job && jobsz)
		job[0] = '\0';
	if (!in_path("lp"))
		return dd_fail(err, DD_EIO, _("cannot print: there is no CUPS here (no 'lp' "
					      "command; Debian package cups-client)"));
	argv[k++] = "lp";
	if (printer && *printer) {
		argv[k++] = "-d";
		argv[k++] = (char *)printer;
	}
	argv[k++] = "-t";
	argv[k++] = "交接班记录";
	/* A file name that starts with '-' must not read as an option. */
	file = pdf_path[0] == '-' ? dd_xmalloc(strlen(pdf_path) + 3) : NULL;
	if (file)
		sprintf(file, "./%s", pdf_path);
	argv[k++] = file ? file : (char *)pdf_path;
	argv[k] = NULL;
	rc = run(argv, out, sizeof out, &status, err);
	free(file);
	if (rc < 0)
		return -1;
	if (status != 0)
		return explain(printer, out, status, err);
	/* "request id is handover-12 (1 file(s))" */
	id = strstr(out, "request id is ");
	if (id && job && jobsz) {
		id += strlen("request id is ");
		snprintf(job, jobsz, "%.*s", (int)strcspn(id, " \n"), id);
	}
	return 0;
}
