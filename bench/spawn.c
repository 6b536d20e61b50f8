/* spawn.c — running programs for the benchmark: timed, with their peak
 * memory from wait4(), and the terminal UI on a pseudo-terminal. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define UI_TIMEOUT_MS 120000

double bench_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

double bench_median(double *v, int n)
{
	if (n <= 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, bench_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

char *bench_spread(const double *v, int n, char *buf, size_t size)
{
	if (n <= 0)
		snprintf(buf, size, "-");
	else if (v[n - 1] < 10)
		snprintf(buf, size, "%.2f–%.2f ms", v[0], v[n - 1]);
	else
		snprintf(buf, size, "%.0f–%.0f ms", v[0], v[n - 1]);
	return buf;
}

static void finish(pid_t pid, struct run *r)
{
	struct rusage ru;
	int status = 0;

	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			r->status = -1;
			return;
		}
	}
	r->maxrss_kb = ru.ru_maxrss;
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The peak resident set of a live process's own image (VmHWM), in KiB, or
 * -1.  wait4()'s ru_maxrss is no good here: it counts the copy of the bench
 * that the child is until it execs, and the bench may be the bigger. */
static long vm_hwm(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			kb = strtol(line + 6, NULL, 10);
	fclose(f);
	return kb;
}

/* Wait for the child, reading its peak memory every `poll_ms`. */
static void finish_polling(pid_t pid, int poll_ms, struct run *r)
{
	struct rusage ru;
	long peak = -1;
	int status = 0;

	for (;;) {
		long kb = vm_hwm(pid);
		pid_t w;
		if (kb > peak)
			peak = kb;
		w = wait4(pid, &status, WNOHANG, &ru);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			r->status = -1;
			return;
		}
		usleep((useconds_t)poll_ms * 1000);
	}
	r->maxrss_kb = peak > 0 ? peak : ru.ru_maxrss;
	r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static const char *stdin_path;

void bench_stdin_from(const char *path)
{
	stdin_path = path;
}

static void redirect(int fd, const char *path, int flags)
{
	int f = open(path ? path : "/dev/null", flags, 0644);
	if (f < 0)
		_exit(127);
	dup2(f, fd);
	close(f);
}

int bench_run(char *const argv[], const char *out_path, const char *err_path, struct run *r)
{
	return bench_run_peak(argv, out_path, err_path, 0, r);
}

int bench_run_peak(char *const argv[], const char *out_path, const char *err_path,
		   int poll_ms, struct run *r)
{
	double t0 = bench_now_ms();
	int exec_seen[2] = {-1, -1};
	pid_t pid;
	char c;

	memset(r, 0, sizeof *r);
	/* Memory is read from the program, not from the copy of the bench it
	 * is until exec: a pipe closed on exec says when. */
	if (poll_ms > 0 && (pipe(exec_seen) < 0 || fcntl(exec_seen[0], F_SETFD, FD_CLOEXEC) < 0 ||
			    fcntl(exec_seen[1], F_SETFD, FD_CLOEXEC) < 0))
		return -1;
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		redirect(STDIN_FILENO, stdin_path, O_RDONLY);
		redirect(STDOUT_FILENO, out_path, O_WRONLY | O_CREAT | O_TRUNC);
		if (err_path)
			redirect(STDERR_FILENO, err_path, O_WRONLY | O_CREAT | O_TRUNC);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (poll_ms > 0) {
		close(exec_seen[1]);
		while (read(exec_seen[0], &c, 1) < 0 && errno == EINTR)
			;
		close(exec_seen[0]);
		finish_polling(pid, poll_ms, r);
	} else {
		finish(pid, r);
	}
	r->ms = bench_now_ms() - t0;
	return r->status == 0 ? 0 : -1;
}

/* The output so far, grown as it comes. */
struct out {
	char *buf;
	size_t len, cap;
	FILE *dump;
};

/* Read what the pty has within `ms`; 0 on data or timeout, -1 at its end. */
static int pump(int fd, struct out *o, int ms)
{
	struct pollfd p = {fd, POLLIN, 0};
	char chunk[65536];
	ssize_t n;
	int rc = poll(&p, 1, ms);

	if (rc <= 0)
		return rc < 0 && errno != EINTR ? -1 : 0;
	n = read(fd, chunk, sizeof chunk);
	if (n <= 0)
		return n < 0 && errno == EINTR ? 0 : -1;   /* EIO: the child is gone */
	if (o->len + (size_t)n + 1 > o->cap) {
		o->cap = (o->len + (size_t)n + 1) * 2;
		o->buf = dd_xrealloc(o->buf, o->cap);
	}
	memcpy(o->buf + o->len, chunk, (size_t)n);
	o->len += (size_t)n;
	o->buf[o->len] = '\0';
	if (o->dump)
		fwrite(chunk, 1, (size_t)n, o->dump);
	return 0;
}

static const char *find(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; k <= n && i <= n - k; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/* Wait until `what` appears after offset `from`; returns where it ends, or
 * -1 when the child ended or the time ran out. */
static long wait_for(int fd, struct out *o, size_t from, const char *what)
{
	double limit = bench_now_ms() + UI_TIMEOUT_MS;

	for (;;) {
		const char *hit = o->len > from ? find(o->buf + from, o->len - from, what) : NULL;
		if (hit)
			return (long)(hit - o->buf + (long)strlen(what));
		if (bench_now_ms() > limit || pump(fd, o, 100) < 0)
			return -1;
	}
}

/* The end of what the child wrote, without terminal controls, for a
 * message: the error it printed when it did not start. */
static void tail_text(const struct out *o, char *buf, size_t n)
{
	size_t from = o->len > 300 ? o->len - 300 : 0, k = 0;
	int esc = 0;

	while (from > 0 && from < o->len && ((unsigned char)o->buf[from] & 0xc0) == 0x80)
		from++;
	for (size_t i = from; i < o->len && k + 1 < n; i++) {
		unsigned char ch = (unsigned char)o->buf[i];
		if (esc) {
			esc = !((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z'));
			continue;
		}
		if (ch == 0x1b)
			esc = 1;
		else
			buf[k++] = ch < 0x20 ? ' ' : (char)ch;
	}
	buf[k] = '\0';
}

/* A program on a pseudo-terminal, its output kept as it comes. */
struct pty {
	pid_t pid;
	int fd;
	struct out o;
	double t0;
};

struct pty *bench_pty_start(char *const argv[], int cols, int rows, const char *dump,
			    char *why, size_t whysz)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	struct pty *p = dd_xcalloc(1, sizeof *p);

	if (dump && !(p->o.dump = fopen(dump, "w"))) {
		snprintf(why, whysz, "cannot write %s", dump);
		free(p);
		return NULL;
	}
	fflush(NULL);
	p->t0 = bench_now_ms();
	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid < 0) {
		snprintf(why, whysz, "forkpty: %s", strerror(errno));
		if (p->o.dump)
			fclose(p->o.dump);
		free(p);
		return NULL;
	}
	if (p->pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	return p;
}

struct pty *bench_pty_open(char *const argv[], int cols, int rows, const char *dump,
			   const char *marker, double *ms, char *why, size_t whysz)
{
	struct pty *p = bench_pty_start(argv, cols, rows, dump, why, whysz);
	struct run r;

	if (p && bench_pty_wait(p, marker, ms) < 0) {
		char said[400];
		bench_pty_said(p, said, sizeof said);
		snprintf(why, whysz, "the first frame never showed \"%.100s\"; the end of the "
			 "output: %.250s", marker, said);
		bench_pty_end(p, NULL, NULL, NULL, &r);
		return NULL;
	}
	return p;
}

long bench_pty_wait(struct pty *p, const char *what, double *ms)
{
	long at = wait_for(p->fd, &p->o, 0, what);

	if (ms)
		*ms = bench_now_ms() - p->t0;
	return at;
}

void bench_pty_said(const struct pty *p, char *buf, size_t n)
{
	tail_text(&p->o, buf, n);
}

long bench_pty_peak(const struct pty *p)
{
	return vm_hwm(p->pid);
}

/* Read until the output has been quiet for `quiet_ms`, from `t0`: the ms
 * to its last byte, or -1 when nothing came within the time.  `wait` 0:
 * quiet already counts from t0 (draining what is still coming). */
static double settle(struct pty *p, double t0, int quiet_ms, int wait, size_t *bytes)
{
	double last = wait ? -1 : t0, limit = t0 + UI_TIMEOUT_MS;
	size_t from = p->o.len;

	for (;;) {
		size_t before = p->o.len;
		double now;
		if (pump(p->fd, &p->o, 5) < 0)
			break;
		now = bench_now_ms();
		if (p->o.len > before)
			last = now;
		if ((last >= 0 && now - last >= quiet_ms) || now > limit)
			break;
	}
	if (bytes)
		*bytes = p->o.len - from;
	return last < 0 || (wait && p->o.len == from) ? -1 : last - t0;
}

double bench_pty_key(struct pty *p, const char *keys, int quiet_ms, size_t *bytes)
{
	double t0;

	settle(p, bench_now_ms(), quiet_ms, 0, NULL);   /* what was still coming */
	t0 = bench_now_ms();
	if (write(p->fd, keys, strlen(keys)) != (ssize_t)strlen(keys))
		return -1;
	return settle(p, t0, quiet_ms, 1, bytes);
}

double bench_pty_resize(struct pty *p, int cols, int rows, int quiet_ms, size_t *bytes)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
	double t0;

	settle(p, bench_now_ms(), quiet_ms, 0, NULL);
	t0 = bench_now_ms();
	if (ioctl(p->fd, TIOCSWINSZ, &ws) < 0)   /* SIGWINCH to the program */
		return -1;
	return settle(p, t0, quiet_ms, 1, bytes);
}

int bench_pty_end(struct pty *p, const char *quit, const char *ask, const char *yes,
		  struct run *r)
{
	int rc = 0;
	size_t at = p->o.len;

	if (quit && write(p->fd, quit, strlen(quit)) != (ssize_t)strlen(quit))
		rc = -1;
	if (rc == 0 && ask &&
	    (wait_for(p->fd, &p->o, at, ask) < 0 || write(p->fd, yes, strlen(yes)) < 0))
		rc = -1;
	if (rc < 0)
		kill(p->pid, SIGTERM);
	/* Drain until the child closes the pty, so that it never blocks. */
	{
		double limit = bench_now_ms() + UI_TIMEOUT_MS;
		while (pump(p->fd, &p->o, 100) == 0 && bench_now_ms() < limit)
			;
	}
	close(p->fd);
	finish(p->pid, r);
	if (p->o.dump)
		fclose(p->o.dump);
	free(p->o.buf);
	free(p);
	return rc;
}

int bench_ui(char *const argv[], int cols, int rows, const char *marker, const char *dump,
	     struct run *r, char *why, size_t whysz)
{
	struct pty *p;
	double ms;
	long peak;
	int rc = -1;

	memset(r, 0, sizeof *r);
	if (!(p = bench_pty_open(argv, cols, rows, dump, marker, &ms, why, whysz)))
		return -1;
	peak = bench_pty_peak(p);     /* the UI's own, once the frame is up */
	if (bench_pty_end(p, "q", "Leave dutydesk?", "y", r) < 0)
		snprintf(why, whysz, "the UI did not ask to leave on q");
	else
		rc = 0;
	r->ms = ms;
	if (peak > 0)
		r->maxrss_kb = peak;
	if (rc == 0 && r->status != 0) {
		snprintf(why, whysz, "the UI exited with status %d", r->status);
		rc = -1;
	}
	return rc;
}
