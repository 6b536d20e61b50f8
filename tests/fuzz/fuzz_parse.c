/* fuzz_parse.c — libFuzzer target: what the command line parses, the times
 * (ddtime.c) and the kinds of entry (log.h), and the formatting of times.
 *
 * The input is one argument as a shell passes it (up to the first NUL).
 * Besides the sanitizers, it holds that a time that parses prints as an ISO
 * time that parses back to the same instant, that a kind that parses has a
 * name that parses back to it, and that a refusal says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/ddtime.h"
#include "domain/log.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "CST-8", 1);
	ddtime_fix_now(1639616400);  /* 2021-12-16T09:00+08:00 */
	return 0;
}

static void times(const char *s)
{
	struct dd_err err = {0};
	char buf[DDTIME_BUFSZ], iso[DDTIME_BUFSZ];
	dd_time t, back;

	if (ddtime_parse(s, &t, &err) < 0) {
		if (err.code != DD_EINVAL || !err.msg[0])
			abort();
		return;
	}
	for (int f = DDTIME_ISO; f <= DDTIME_CLOCK; f++)
		if (strlen(ddtime_format(t, (enum ddtime_fmt)f, buf)) >= DDTIME_BUFSZ)
			abort();
	ddtime_format(t, DDTIME_ISO, iso);
	if (ddtime_parse(iso, &back, &err) < 0 || back != t)
		abort(); /* printed as a time that does not read back */
	ddtime_day_start(t);
}

static void kinds(const char *s)
{
	struct dd_err err = {0};
	enum log_kind k, back;

	if (log_kind_parse(s, &k, &err) < 0) {
		if (err.code != DD_EINVAL || !err.msg[0])
			abort();
		return;
	}
	if ((unsigned)k >= LOG_KIND_COUNT || !log_kind_label(k) ||
	    log_kind_parse(log_kind_name(k), &back, &err) < 0 || back != k)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	char buf[DDTIME_BUFSZ];
	long long v = 0;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	times(s);
	kinds(s);
	/* The same bytes as a number of seconds: an instant and a duration. */
	memcpy(&v, data, size < sizeof v ? size : sizeof v);
	ddtime_format(v, DDTIME_MINUTE, buf);
	ddtime_format(v, DDTIME_ISO, buf);
	ddtime_duration(v, buf);
	free(s);
	return 0;
}
