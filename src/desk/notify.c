/* notify.c — hand text messages to the configured command, no shell. */
#include "desk/notify.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "domain/settings.h"

extern char **environ;

void notify_argv_free(char **argv)
{
	for (int i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = dd_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

char **notify_argv(const char *tmpl, const char *number, const char *message,
		   struct dd_err *err)
{
	char **argv = NULL;
	int argc = 0;
	const char *p = tmpl ? tmpl : "";

	for (;;) {
		struct buf w = {0};
		char quote = 0;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		put(&w, "", 0);
		while (*p && (quote || (*p != ' ' && *p != '\t'))) {
			if (quote && *p == quote) {
				quote = 0;
				p++;
			} else if (!quote && (*p == '\'' || *p == '"')) {
				quote = *p++;
			} else if (strncmp(p, "{number}", 8) == 0) {
				put(&w, number, strlen(number));
				p += 8;
			} else if (strncmp(p, "{message}", 9) == 0) {
				put(&w, message, strlen(message));
				p += 9;
			} else {
				put(&w, p++, 1);
			}
		}
		if (quote) {
			free(w.s);
			notify_argv_free(argv);
			dd_fail(err, DD_EINVAL, _("the notify command has a quote that is not "
						  "closed"));
			return NULL;
		}
		argv = dd_xrealloc(argv, (size_t)(argc + 2) * sizeof *argv);
		argv[argc++] = w.s;
		argv[argc] = NULL;
	}
	if (!argc) {
		dd_fail(err, DD_EINVAL, _("the notify command is empty"));
		return NULL;
	}
	return argv;
}

/* Read what the command said on its output, keeping the first 511 bytes. */
static void drain(int fd, char *said, size_t cap, size_t *len)
{
	char tmp[512];
	ssize_t r;

	while ((r = read(fd, tmp, sizeof tmp)) > 0) {
		size_t k = (size_t)r;
		if (*len + 1 < cap) {
			if (k > cap - 1 - *len)
				k = cap - 1 - *len;
			memcpy(said + *len, tmp, k);
			*len += k;
			said[*len] = '\0';
		}
	}
}

int notify_command_run(const char *tmpl, const char *number, const char *message,
		       int timeout, struct dd_err *err)
{
	char **argv = notify_argv(tmpl, number, message, err);
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	char said[512] = "";
	size_t said_len = 0;
	int pipefd[2], rc, status = 0, done = 0;
	pid_t pid;
	struct timespec tick = {0, 50 * 1000 * 1000};
	long waited_ms = 0;

	if (!argv)
		return -1;
	if (pipe(pipefd) < 0) {
		notify_argv_free(argv);
		return dd_fail(err, DD_EIO, _("cannot run the notify command: %s"),
			       strerror(errno));
	}
	fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
	fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	posix_spawn_file_actions_addclose(&fa, pipefd[1]);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(pipefd[1]);
	if (rc != 0) {
		close(pipefd[0]);
		dd_fail(err, DD_EIO, _("cannot run the notify command '%s': %s"), argv[0],
			strerror(rc));
		notify_argv_free(argv);
		return -1;
	}
	while (!done) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		drain(pipefd[0], said, sizeof said, &said_len);
		if (w == pid || (w < 0 && errno != EINTR)) {
			done = 1;
		} else if (waited_ms >= 1000L * timeout) {
			kill(-pid, SIGKILL);
			while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
				;
			close(pipefd[0]);
			dd_fail(err, DD_EIO, _("the notify command '%s' did not finish within %d "
					       "seconds and was stopped"), argv[0], timeout);
			notify_argv_free(argv);
			return -1;
		} else {
			nanosleep(&tick, NULL);
			waited_ms += 50;
		}
	}
	drain(pipefd[0], said, sizeof said, &said_len);
	close(pipefd[0]);
	said[strcspn(said, "\r\n")] = '\0';
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		notify_argv_free(argv);
		return 0;
	}
	if (WIFEXITED(status))
		dd_fail(err, DD_EIO, _("the notify command '%s' failed (exit status %d)%s%s"),
			argv[0], WEXITSTATUS(status), said[0] ? ": " : "", said);
	else
		dd_fail(err, DD_EIO, _("the notify command '%s' was killed by signal %d"), argv[0],
			WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	notify_argv_free(argv);
	return -1;
}

struct sms_ctx {
	const char *tmpl;
	int timeout;
};

static int send_sms(void *ctx, const struct outbox_item *item, struct dd_err *err)
{
	const struct sms_ctx *c = ctx;

	return notify_command_run(c->tmpl, item->number, item->text, c->timeout, err);
}

/* The lock of the one sender of the database: its descriptor, -1 when
 * another process holds it; no lock for a database in memory. */
static int sender_lock(struct store *st)
{
	const char *db = store_path(st);
	char path[4200];
	int fd;

	if (!db || !*db || strcmp(db, ":memory:") == 0)
		return INT_MAX;
	snprintf(path, sizeof path, "%s-notify.lock", db);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return INT_MAX;     /* a directory we cannot write: nor can anybody send */
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int notify_send(struct store *st, dd_time now, struct outbox_counts *counts, int *configured,
		int *busy, struct dd_err *err)
{
	char *tmpl = NULL;
	struct sms_ctx ctx = {0};
	int timeout = 30, rc, lock = INT_MAX;

	*configured = 0;
	if (busy)
		*busy = 0;
	if (settings_get_text(st, SETTING_NOTIFY_COMMAND, &tmpl, err) < 0 ||
	    settings_get_int(st, SETTING_NOTIFY_TIMEOUT, &timeout, err) < 0) {
		free(tmpl);
		return -1;
	}
	*configured = tmpl[0] != '\0';
	if (*configured && (lock = sender_lock(st)) < 0) {
		if (busy)
			*busy = 1;
		if (counts)
			memset(counts, 0, sizeof *counts);
		free(tmpl);
		return 0;
	}
	ctx.tmpl = tmpl;
	ctx.timeout = timeout;
	{
		/* No handler when no command is set: the items stay queued and
		 * are counted as such. */
		const struct outbox_handler handlers[] = {
			{*configured ? "sms" : NULL, send_sms, &ctx},
			{NULL, NULL, NULL},
		};
		rc = outbox_run(st, now, handlers, counts, err);
	}
	if (lock != INT_MAX)
		close(lock);
	free(tmpl);
	return rc;
}
