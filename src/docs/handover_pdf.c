/* handover_pdf.c — the handover sheet as an A4 PDF, by the PDF writer.
 *
 * Typesetting needs pango, cairo and fontconfig: some 40 shared libraries
 * that every command would load at its start if dutydesk were linked with
 * them.  So the PDF is made by a program of its own, dutydesk-pdf
 * (src/pdf/), started here without a shell: the sheet goes to it on its
 * standard input (handover_wire.c), the PDF comes out on its standard
 * output, straight into the file the caller opened (a temporary file renamed
 * into place, base/outfile.c), and what went wrong comes back as one line on
 * its standard error.  It is found where base/selfpath.h finds the
 * project's programs; DUTYDESK_PDF_WRITER names another. */
#include "docs/handover.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/outfile.h"
#include "base/selfpath.h"

extern char **environ;

#define WRITER "dutydesk-pdf"
#define MESSAGE_MAX 1024

#ifdef DD_HAVE_PDF

/* Everything of `data` to `fd`; a writer gone early is no signal to us. */
static int send_all(int fd, const char *data, size_t n)
{
	while (n > 0) {
		ssize_t k = send(fd, data, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		data += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Read `fd` to its end, keeping the first line in `msg`. */
static void read_message(int fd, char *msg, size_t n)
{
	size_t len = 0;
	char buf[512];

	msg[0] = '\0';
	for (;;) {
		ssize_t k = read(fd, buf, sizeof buf);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		for (ssize_t i = 0; i < k && len + 1 < n; i++)
			msg[len++] = buf[i];
		msg[len] = '\0';
	}
	msg[strcspn(msg, "\n")] = '\0';
}

/* Start the writer: its input the socket `in`, its output `outfd`, its
 * errors the pipe `errfd`; `name` names the output in its messages. */
static int spawn_writer(const char *writer, const char *name, int in, int outfd, int errfd,
			pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	char *argv[] = {(char *)writer, (char *)name, NULL};
	int rc;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in, STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, outfd, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, errfd, STDERR_FILENO);
	rc = posix_spawn(pid, writer, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

int handover_write_pdf_to(const struct handover *h, FILE *out, const char *path,
			  struct dd_err *err)
{
	char writer[PATH_MAX + 32], msg[MESSAGE_MAX], *data = NULL;
	int sv[2], ep[2], rc, ws, sent;
	size_t size = 0;
	FILE *mem;
	pid_t pid;

	if (!selfpath_program("DUTYDESK_PDF_WRITER", WRITER, writer, sizeof writer))
		return dd_fail(err, DD_EIO, _("the PDF writer is not installed: no %s beside "
					      "dutydesk nor in %s"), WRITER, DD_LIBEXECDIR);
	mem = open_memstream(&data, &size);
	if (!mem || handover_wire_write(h, mem) < 0 || fclose(mem) != 0) {
		free(data);
		return dd_fail(err, DD_EIO, _("cannot make the PDF: %s"), strerror(errno));
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		free(data);
		return dd_fail(err, DD_EIO, _("cannot start %s: %s"), writer, strerror(errno));
	}
	if (pipe(ep) < 0) {
		free(data);
		close(sv[0]);
		close(sv[1]);
		return dd_fail(err, DD_EIO, _("cannot start %s: %s"), writer, strerror(errno));
	}
	fcntl(ep[0], F_SETFD, FD_CLOEXEC);
	fcntl(ep[1], F_SETFD, FD_CLOEXEC);
	fflush(out);
	rc = spawn_writer(writer, path, sv[1], fileno(out), ep[1], &pid);
	close(sv[1]);
	close(ep[1]);
	if (rc != 0) {
		free(data);
		close(sv[0]);
		close(ep[0]);
		return dd_fail(err, DD_EIO, _("cannot start %s: %s"), writer, strerror(rc));
	}
	sent = send_all(sv[0], data, size);
	free(data);
	close(sv[0]);
	read_message(ep[0], msg, sizeof msg);
	close(ep[0]);
	while (waitpid(pid, &ws, 0) < 0)
		if (errno != EINTR)
			return dd_fail(err, DD_EIO, _("waiting for %s: %s"), writer, strerror(errno));
	if (WIFEXITED(ws) && WEXITSTATUS(ws) == 0 && sent == 0)
		return 0;
	if (*msg)
		return dd_fail(err, DD_EIO, "%s", msg);
	return dd_fail(err, DD_EIO, _("the PDF writer %s failed without saying why"), writer);
}

int handover_pdf_available(void)
{
	return 1;
}

#else /* !DD_HAVE_PDF */

int handover_write_pdf_to(const struct handover *h, FILE *out, const char *path,
			  struct dd_err *err)
{
	(void)h;
	(void)out;
	(void)path;
	return dd_fail_about(err, DD_EINVAL, DD_ABOUT_NO_PDF, _("this dutydesk was built without "
								"PDF support (cairo and pango)"));
}

int handover_pdf_available(void)
{
	return 0;
}

#endif

int handover_write_pdf(const struct handover *h, const char *path, struct dd_err *err)
{
	struct outfile o;

	if (outfile_open(&o, path, 1, err) < 0)
		return -1;
	if (handover_write_pdf_to(h, o.f, path, err) < 0) {
		outfile_abort(&o);
		return -1;
	}
	return outfile_commit(&o, err);
}
