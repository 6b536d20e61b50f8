/* crashkill.c — run a command many times and kill it with SIGKILL at a
 * random moment of each run, for tests/cli/crash.sh.
 *
 *   crashkill -T -- PROGRAM ARG...            run it once, uncut; print µs taken
 *   crashkill -n RUNS -m MAX_US [-s SEED] [-f FIRST] -- PROGRAM ARG...
 *
 * Run i (FIRST, FIRST+1, ...) replaces "@N@" in the arguments by i, lets the
 * program run for a random 0..MAX_US microseconds (xorshift from SEED, so a
 * failing seed can be replayed) and kills it, unless it ended before.  One
 * line per run on standard output: "i<TAB>killed<TAB>OUT" or
 * "i<TAB>exit=N<TAB>OUT", OUT being the first line the program printed
 * (empty if none).  The program's standard error goes to crashkill's. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static unsigned long long rng;

static unsigned long long next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* argv with "@N@" replaced by `run`. */
static char **with_run(char **args, int nargs, int run)
{
	char **out = calloc((size_t)nargs + 1, sizeof *out);
	char num[16];

	if (!out)
		exit(3);
	snprintf(num, sizeof num, "%d", run);
	for (int i = 0; i < nargs; i++) {
		const char *at = strstr(args[i], "@N@");
		size_t n = strlen(args[i]) + sizeof num;
		out[i] = malloc(n);
		if (!out[i])
			exit(3);
		if (at)
			snprintf(out[i], n, "%.*s%s%s", (int)(at - args[i]), args[i], num, at + 3);
		else
			snprintf(out[i], n, "%s", args[i]);
	}
	return out;
}

static void free_args(char **a)
{
	for (int i = 0; a[i]; i++)
		free(a[i]);
	free(a);
}

/* One run; kill after `delay_us` (< 0: never).  Fills `out` with the first
 * line printed; returns the wait status. */
static int run_once(char **argv, long long delay_us, char *out, size_t outsz)
{
	int fd[2], status = 0;
	size_t len = 0;
	ssize_t n;
	pid_t pid;

	if (pipe(fd) < 0) {
		perror("crashkill: pipe");
		exit(3);
	}
	pid = fork();
	if (pid < 0) {
		perror("crashkill: fork");
		exit(3);
	}
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execvp(argv[0], argv);
		perror("crashkill: exec");
		_exit(127);
	}
	close(fd[1]);
	if (delay_us >= 0) {
		struct timespec ts = {delay_us / 1000000, (delay_us % 1000000) * 1000};
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
		kill(pid, SIGKILL);
	}
	while (len + 1 < outsz && (n = read(fd[0], out + len, outsz - 1 - len)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		len += (size_t)n;
	}
	close(fd[0]);
	out[len] = '\0';
	out[strcspn(out, "\n")] = '\0';
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

int main(int argc, char **argv)
{
	long long max_us = -1;
	int runs = 1, first = 1, timing = 0, opt;
	char out[4096];

	rng = 88172645463325252ULL;
	while ((opt = getopt(argc, argv, "+Tn:m:s:f:")) != -1) {
		switch (opt) {
		case 'T': timing = 1; break;
		case 'n': runs = atoi(optarg); break;
		case 'm': max_us = atoll(optarg); break;
		case 's': rng ^= strtoull(optarg, NULL, 10) * 0x9E3779B97F4A7C15ULL; break;
		case 'f': first = atoi(optarg); break;
		default: return 2;
		}
	}
	if (optind >= argc || (!timing && max_us < 0)) {
		fprintf(stderr, "usage: crashkill -T -- PROGRAM ARG...\n"
				"       crashkill -n RUNS -m MAX_US [-s SEED] [-f FIRST] -- "
				"PROGRAM ARG...\n");
		return 2;
	}
	if (!rng)
		rng = 1;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (timing) {
		char **a = with_run(argv + optind, argc - optind, first);
		long long t0 = now_us();
		int status = run_once(a, -1, out, sizeof out);
		free_args(a);
		printf("%lld\n", now_us() - t0);
		return WIFEXITED(status) ? WEXITSTATUS(status) : 3;
	}
	for (int i = first; i < first + runs; i++) {
		char **a = with_run(argv + optind, argc - optind, i);
		long long delay = (long long)(next_random() % (unsigned long long)(max_us + 1));
		int status = run_once(a, delay, out, sizeof out);
		free_args(a);
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
			printf("%d\tkilled\t%s\n", i, out);
		else if (WIFEXITED(status))
			printf("%d\texit=%d\t%s\n", i, WEXITSTATUS(status), out);
		else
			printf("%d\tsignal=%d\t%s\n", i, WTERMSIG(status), out);
	}
	return 0;
}
