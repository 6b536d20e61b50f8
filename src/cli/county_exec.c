/* county_exec.c — sync, county and county status from dutydesk: the county's
 * program, dutydesk-county, takes the command's place.
 *
 * The county's code links libpq, and libpq brings TLS, Kerberos and LDAP:
 * nine shared libraries that every command would load at its start, and whose
 * constructors run before main.  So only dutydesk-county (main_county.c)
 * links it; dutydesk execs it for the county's commands with the options
 * every command shares and the command's own arguments, so the terminal, the
 * standard streams and the exit status are the county program's.  It is
 * found where base/selfpath.h finds the project's programs;
 * DUTYDESK_COUNTY_PROGRAM names another. */
#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "cmds.h"
#include "base/i18n.h"
#include "base/selfpath.h"
#include "domain/settings.h"

extern char **environ;

#define PROGRAM "dutydesk-county"
#define PROGRAM_ENV "DUTYDESK_COUNTY_PROGRAM"
#define MAX_WORDS 4

static int find_program(char *path, size_t n)
{
	if (selfpath_program(PROGRAM_ENV, PROGRAM, path, n))
		return 1;
	fprintf(stderr, _("dutydesk: the county's program is not installed: no %s beside "
			  "dutydesk nor in %s\n"), PROGRAM, DD_LIBEXECDIR);
	return 0;
}

/* The options every command shares, as they were given, after av[0]. */
static int common_options(const struct cli *c, char **av)
{
	int k = 0;

	if (c->db_path) {
		av[k++] = "--db";
		av[k++] = (char *)c->db_path;
	}
	if (c->operator_name) {
		av[k++] = "--operator";
		av[k++] = (char *)c->operator_name;
	}
	if (c->pin_stdin)
		av[k++] = "--pin-stdin";
	return k;
}

int cmd_county_exec(struct cli *c, int argc, char **argv)
{
	char path[PATH_MAX + 32], words[64], *save = NULL;
	char **av = calloc((size_t)argc + 8 + MAX_WORDS, sizeof *av);
	int k = 1;

	if (!av) {
		perror("dutydesk");
		return 1;
	}
	if (!find_program(path, sizeof path)) {
		free(av);
		return 1;
	}
	av[0] = path;
	k += common_options(c, av + k);
	snprintf(words, sizeof words, "%s", c->cmd->words);
	for (char *w = strtok_r(words, " ", &save); w && k < 1 + 5 + MAX_WORDS;
	     w = strtok_r(NULL, " ", &save))
		av[k++] = w;
	for (int i = 1; i < argc; i++)   /* argv[0] is the command's last word */
		av[k++] = argv[i];
	av[k] = NULL;
	fflush(NULL);
	execv(path, av);
	fprintf(stderr, _("dutydesk: cannot start %s: %s\n"), path, strerror(errno));
	free(av);
	return 1;
}

void sync_round(struct cli *c)
{
	char path[PATH_MAX + 32], *url = NULL;
	char *av[] = {path, "--db", (char *)store_path(c->st), "sync", "--quiet", NULL};
	struct dd_err err;
	int rc, ws;
	pid_t pid;

	if (settings_get_text(c->st, SETTING_COUNTY_URL, &url, &err) < 0) {
		cli_fail(&err);
		return;
	}
	rc = *url != '\0';
	free(url);
	if (!rc || !find_program(path, sizeof path))
		return;
	fflush(NULL);
	if ((rc = posix_spawn(&pid, path, NULL, NULL, av, environ)) != 0) {
		fprintf(stderr, _("dutydesk: cannot start %s: %s\n"), path, strerror(rc));
		return;
	}
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
}
