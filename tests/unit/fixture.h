/* fixture.h — what the core's unit tests share: a temporary directory for
 * database files, a desk opened with the shipped organisation, people of the
 * roster, times written as people write them, and the runner.
 *
 * Times are passed explicitly wherever an API takes one; a test that needs
 * "now" somewhere fixes it with fx_now() (the core's clock hook: the program
 * itself always takes the system clock). */
#ifndef DUTYDESK_TEST_FIXTURE_H
#define DUTYDESK_TEST_FIXTURE_H

#include <check.h>
#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/ddtime.h"
#include "desk/desk.h"
#include "domain/person.h"
#include "store/store.h"

static char fx_dir[256];

/* A fresh directory for this test's files. */
static inline void fx_mkdir(const char *name)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(fx_dir, sizeof fx_dir, "%s/%s.XXXXXX", tmp && *tmp ? tmp : "/tmp", name);
	ck_assert_ptr_nonnull(mkdtemp(fx_dir));
}

/* `name` inside the test's directory, in `buf`. */
static inline const char *fx_path(const char *name, char buf[512])
{
	snprintf(buf, 512, "%s/%s", fx_dir, name);
	return buf;
}

/* Remove the directory and every file in it (databases, -wal, -shm and
 * what a test made in subdirectories one level down). */
static inline void fx_rmdir_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1024];
	struct stat sb;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		int len = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (len < 0 || (size_t)len >= sizeof path)
			continue;
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
			fx_rmdir_in(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static inline void fx_cleanup(void)
{
	if (fx_dir[0])
		fx_rmdir_in(fx_dir);
	fx_dir[0] = '\0';
}

/* A desk at `name`, created now with the shipped organisation loaded. */
static inline struct store *fx_desk(const char *name)
{
	char path[512];
	struct store *st = NULL;
	struct dd_err err;
	int seeded = 0;

	ck_assert_msg(desk_open(&st, fx_path(name, path), 1, &seeded, &err) == 0, "open: %s",
		      err.msg);
	ck_assert_int_eq(seeded, 1);
	return st;
}

/* `name` of the roster, as though they had proved their PIN (auth_check). */
static inline struct actor fx_actor(struct store *st, const char *name)
{
	struct actor a;
	struct dd_err err;

	ck_assert_msg(person_find(st, name, &a, &err) == 0, "%s: %s", name, err.msg);
	a.verified = 1;
	return a;
}

static inline dd_time fx_time(const char *s)
{
	dd_time t = 0;
	struct dd_err err;

	ck_assert_msg(ddtime_parse(s, &t, &err) == 0, "%s", err.msg);
	return t;
}

/* Make the desk's "now" `s` (ISO 8601, local time); NULL: the system clock. */
static inline void fx_now(const char *s)
{
	ddtime_fix_now(s ? fx_time(s) : 0);
}

/* A test case of a suite: its tests, NULL-terminated. */
struct fx_case {
	const char *name;
	const TTest *tests[16];
};

static inline Suite *fx_suite(const char *name, const struct fx_case *cases, size_t n,
			      void (*setup)(void), void (*teardown)(void), int timeout)
{
	Suite *s = suite_create(name);

	for (size_t i = 0; i < n; i++) {
		TCase *tc = tcase_create(cases[i].name);
		if (setup || teardown)
			tcase_add_checked_fixture(tc, setup, teardown);
		tcase_set_timeout(tc, timeout);
		for (size_t j = 0; j < 16 && cases[i].tests[j]; j++)
			tcase_add_test(tc, cases[i].tests[j]);
		suite_add_tcase(s, tc);
	}
	return s;
}

/* Run a suite in the desk's zone and a UTF-8 locale. */
static inline int fx_run(Suite *s)
{
	SRunner *sr;
	int failed;

	setenv("TZ", "CST-8", 1);
	tzset();
	setlocale(LC_ALL, "C.UTF-8");
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
