/* fig_keys.c — the UI's keys on the generated log: the time from a key to
 * the last byte of the frame it draws, for j, End, a search and a new size
 * of the terminal, beside bare ncurses redrawing every cell of the screen
 * on a key (ncref.c); and the bytes each frame sends, beside that full
 * repaint's (a key redraws what it changed, not the screen). */
#include <stdio.h>
#include <string.h>

#include "bench.h"

#define QUIET_MS 60     /* a frame is over when the output is quiet this long */
#define MAX_RUNS 32

struct keyrow {
	double ms[MAX_RUNS];
	size_t bytes[MAX_RUNS];
	int n;
};

static int took(struct keyrow *k, double ms, size_t bytes)
{
	if (ms < 0)
		return -1;
	k->ms[k->n] = ms;
	k->bytes[k->n++] = bytes;
	return 0;
}

static size_t median_bytes(struct keyrow *k)
{
	double v[MAX_RUNS];

	for (int i = 0; i < k->n; i++)
		v[i] = (double)k->bytes[i];
	return (size_t)bench_median(v, k->n);
}

/* 120x40 to 100x30 and back, `runs` times, each new size timed. */
static int resizes(struct pty *p, int runs, struct keyrow *resize)
{
	for (int i = 0; i < runs; i++) {
		size_t b;
		double ms = bench_pty_resize(p, i % 2 ? UI_COLS : 100, i % 2 ? UI_ROWS : 30,
					     QUIET_MS, &b);
		if (took(resize, ms, b) < 0)
			return -1;
	}
	return 0;
}

/* j, End (Home between, untimed), a search's Enter (c between, untimed), a
 * new size and back: `runs` each. */
static int ui_keys(struct ctx *c, int runs, struct keyrow *j, struct keyrow *end,
		   struct keyrow *search, struct keyrow *resize, char *why, size_t whysz)
{
	char *argv[] = {(char *)c->o.dutydesk, "--db", c->db, "--operator", c->op.name, NULL};
	char marker[512];
	struct pty *p;
	struct run r;
	int bad = 0;

	snprintf(marker, sizeof marker, "%s is at the desk", c->op.name);
	if (!(p = bench_pty_open(argv, UI_COLS, UI_ROWS, NULL, marker, NULL, why, whysz)))
		return -1;
	for (int i = 0; i < runs && !bad; i++) {
		size_t b;
		double ms = bench_pty_key(p, "j", QUIET_MS, &b);
		bad |= took(j, ms, b);
	}
	for (int i = 0; i < runs && !bad; i++) {
		size_t b;
		double ms = bench_pty_key(p, "\033OF", QUIET_MS, &b);   /* End */
		bad |= took(end, ms, b);
		bench_pty_key(p, "\033OH", QUIET_MS, NULL);              /* Home */
	}
	for (int i = 0; i < runs && !bad; i++) {
		size_t b;
		double ms;
		bench_pty_key(p, "/", QUIET_MS, NULL);
		bench_pty_key(p, "密接", QUIET_MS, NULL);
		ms = bench_pty_key(p, "\r", QUIET_MS, &b);
		bad |= took(search, ms, b);
		bench_pty_key(p, "c", QUIET_MS, NULL);
	}
	if (!bad && resizes(p, runs, resize) < 0)
		bad = 1;
	if (bad)
		snprintf(why, whysz, "a key drew nothing");
	if (bench_pty_end(p, "q", "Leave dutydesk?", "y", &r) < 0 && !bad) {
		snprintf(why, whysz, "the UI did not ask to leave on q");
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* The reference: a key and a new size, each redrawing every cell. */
static int ref_keys(struct ctx *c, int runs, struct keyrow *key, struct keyrow *resize,
		    char *why, size_t whysz)
{
	char *argv[] = {(char *)c->o.ncref, NULL};
	struct pty *p = bench_pty_open(argv, UI_COLS, UI_ROWS, NULL, "ready", NULL, why, whysz);
	struct run r;
	int bad = 0;

	if (!p)
		return -1;
	for (int i = 0; i < runs && !bad; i++) {
		size_t b;
		double ms = bench_pty_key(p, "x", QUIET_MS, &b);
		bad |= took(key, ms, b);
	}
	if (!bad && resizes(p, runs, resize) < 0)
		bad = 1;
	bench_pty_end(p, "q", NULL, NULL, &r);
	if (bad)
		snprintf(why, whysz, "%s drew nothing on a key", c->o.ncref);
	return bad ? -1 : 0;
}

double fig_ncurses_start(struct ctx *c, int runs, double *t)
{
	char *argv[] = {(char *)c->o.ncref, NULL}, why[256];

	for (int i = 0; i <= runs && i < MAX_RUNS; i++) {   /* run 0 warms the cache */
		struct run r;
		double ms;
		struct pty *p = bench_pty_open(argv, UI_COLS, UI_ROWS, NULL, "ready", &ms, why,
					       sizeof why);
		if (!p)
			return -1;
		bench_pty_end(p, "q", NULL, NULL, &r);
		if (i > 0)
			t[i - 1] = ms;
	}
	return bench_median(t, runs);
}

static void figure(const char *name, struct keyrow *k, struct keyrow *ref, const char *what)
{
	char a[32], b[32], sa[48], sb[48];
	size_t kb = median_bytes(k), rb = median_bytes(ref);
	int n = k->n;

	bench_fmt_ms(bench_median(k->ms, n), a, sizeof a);
	bench_fmt_ms(bench_median(ref->ms, ref->n), b, sizeof b);
	bench_figure(name, a, "bare ncurses redrawing every cell %s; %s; %zu bytes sent against "
		     "%zu; median of %d, %s and %s", b, what, kb, rb, n,
		     bench_spread(k->ms, n, sa, sizeof sa),
		     bench_spread(ref->ms, ref->n, sb, sizeof sb));
}

void fig_ui_keys(struct ctx *c, int runs)
{
	struct keyrow j = {0}, end = {0}, search = {0}, resize = {0}, rkey = {0}, rresize = {0};
	char why[768];

	if (runs > MAX_RUNS)
		runs = MAX_RUNS;
	if (ui_keys(c, runs, &j, &end, &search, &resize, why, sizeof why) < 0) {
		bench_failed(c, "ui-keys", why);
		return;
	}
	if (ref_keys(c, runs, &rkey, &rresize, why, sizeof why) < 0) {
		bench_failed(c, "ui-keys", why);
		return;
	}
	figure("ui-key-j", &j, &rkey, "j: the next entry");
	figure("ui-key-end", &end, &rkey, "End: the oldest entries");
	figure("ui-key-search", &search, &rkey, "Enter on a search for 密接");
	figure("ui-resize", &resize, &rresize, "120x40 to 100x30 and back");
}
