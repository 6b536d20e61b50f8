/* pin.c — reading a PIN: from the terminal without echo, or from stdin. */
#include "pin.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/i18n.h"

static int read_line(int fd, char *buf, size_t n)
{
	size_t k = 0;
	char c;
	ssize_t r;

	while ((r = read(fd, &c, 1)) == 1 && c != '\n') {
		if (c == '\r')
			continue;
		if (k + 1 < n)
			buf[k++] = c;
	}
	buf[k] = '\0';
	return r < 0 || (r == 0 && k == 0) ? -1 : 0;
}

int pin_read(const char *prompt, int from_stdin, char *buf, size_t n, struct dd_err *err)
{
	struct termios old, quiet;
	int fd, rc;

	if (from_stdin) {
		if (read_line(STDIN_FILENO, buf, n) < 0)
			return dd_fail(err, DD_EINVAL, _("no PIN on standard input"));
		return 0;
	}
	fd = open("/dev/tty", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return dd_fail(err, DD_EINVAL, _("a PIN is needed and there is no terminal to ask "
						 "on: use --pin-stdin"));
	if (write(fd, prompt, strlen(prompt)) < 0) {
		close(fd);
		return dd_fail(err, DD_EIO, _("cannot write to the terminal"));
	}
	tcgetattr(fd, &old);
	quiet = old;
	quiet.c_lflag &= (tcflag_t)~ECHO;
	tcsetattr(fd, TCSAFLUSH, &quiet);
	rc = read_line(fd, buf, n);
	tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0)
		rc = -1;
	close(fd);
	if (rc < 0)
		return dd_fail(err, DD_EINVAL, _("no PIN given"));
	return 0;
}
