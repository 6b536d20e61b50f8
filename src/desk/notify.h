/* notify.h — text messages leave the desk: the outbox's "sms" items handed
 * to the configured notify command (SPEC §10: `dutydesk config
 * notify-command`), after commit, never from inside a transaction.
 *
 * The command is a template split into words without a shell (quotes '…'
 * and "…" group words); {number} and {message} are replaced inside a word,
 * so each stays one argument whatever it holds.  It runs with no shell,
 * standard input from /dev/null, in a process group of its own that is
 * killed when it outlives the timeout.  Exit status 0: the message was
 * handed to the gateway. */
#ifndef DUTYDESK_NOTIFY_H
#define DUTYDESK_NOTIFY_H

#include "base/ddtime.h"
#include "base/err.h"
#include "desk/outbox.h"
#include "store/store.h"

/* Split `tmpl` into words with the placeholders replaced: a NULL-terminated
 * malloc'd vector (free with notify_argv_free), or NULL with the reason. */
char **notify_argv(const char *tmpl, const char *number, const char *message,
		   struct dd_err *err);
void notify_argv_free(char **argv);

/* Run `tmpl` for one message, waiting at most `timeout` seconds: 0 when it
 * exits 0; -1 with why (its exit status and first line of its error output,
 * it could not be started, it was stopped after the timeout). */
int notify_command_run(const char *tmpl, const char *number, const char *message,
		       int timeout, struct dd_err *err);

/* Hand every due "sms" item of the outbox to the configured command
 * (outbox_run records each attempt and its backoff).  With no command
 * configured nothing is tried: *configured is 0 and the items stay queued.
 * One sender at a time per database (an exclusive lock on the file
 * DB-notify.lock beside it): while another process sends (the notify
 * service, a terminal), nothing is tried here and *busy (may be NULL) is 1,
 * so no message goes out twice. */
int notify_send(struct store *st, dd_time now, struct outbox_counts *counts, int *configured,
		int *busy, struct dd_err *err);

#endif
