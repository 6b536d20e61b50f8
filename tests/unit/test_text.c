/* test_text.c — display width by wcwidth: Chinese two columns, combining
 * marks none, invalid bytes one each; fitting text into exactly N columns
 * without ever cutting a character in half or parting a mark from its base;
 * wrapping; what counts as valid UTF-8; and durations as written. */
#include "base/ddtime.h"
#include "base/text.h"

#include "fixture.h"

static void expect_fit(const char *s, int cols, const char *want)
{
	char *got = text_fit(s, cols);

	ck_assert_msg(strcmp(got, want) == 0, "text_fit(\"%s\", %d) = \"%s\", want \"%s\"", s,
		      cols, got, want);
	ck_assert_int_eq(text_width(got), cols < 0 ? 0 : cols);
	ck_assert(text_valid_utf8(got, strlen(got)));
	free(got);
}

static void expect_fit_right(const char *s, int cols, const char *want)
{
	char *got = text_fit_right(s, cols);

	ck_assert_msg(strcmp(got, want) == 0, "text_fit_right(\"%s\", %d) = \"%s\", want \"%s\"",
		      s, cols, got, want);
	ck_assert_int_eq(text_width(got), cols);
	free(got);
}

/* ---- width --------------------------------------------------------------- */

START_TEST(width_ascii_cjk)
{
	ck_assert_int_eq(text_width(""), 0);
	ck_assert_int_eq(text_width("abc"), 3);
	ck_assert_int_eq(text_width("阳性"), 4);
	ck_assert_int_eq(text_width("核酸PCR检测"), 11);
	ck_assert_int_eq(text_width("（一）"), 6);                 /* full-width punctuation */
	ck_assert_int_eq(text_width("\xe3\x80\x80"), 2);            /* U+3000 */
	ck_assert_int_eq(text_width("𠀀"), 2);                      /* outside the BMP */
	ck_assert_int_eq(text_wcwidth(L'阳'), 2);
	ck_assert_int_eq(text_wcwidth(L'a'), 1);
}
END_TEST

START_TEST(width_combining)
{
	ck_assert_int_eq(text_width("e\xcc\x81"), 1);               /* e + U+0301 */
	ck_assert_int_eq(text_width("a\xcc\x81\xcc\xa3"), 1);       /* two marks */
	ck_assert_int_eq(text_width("\xe2\x80\x8b"), 0);            /* zero width space */
	ck_assert_int_eq(text_wcwidth(0x0301), 0);
}
END_TEST

START_TEST(width_invalid_bytes)
{
	ck_assert_int_eq(text_width("\xff"), 1);
	ck_assert_int_eq(text_width("a\xff\xfe" "b"), 4);
	ck_assert_int_eq(text_width("\xe9\x98"), 2);                /* half of 阳: two bytes */
	ck_assert_int_eq(text_width("\xe9\x98" "性"), 4);
	ck_assert_int_eq(text_width("\xc0\xaf"), 2);                /* overlong '/' */
	ck_assert_int_eq(text_width("\xed\xa0\x80"), 3);            /* a surrogate */
}
END_TEST

START_TEST(width_controls)
{
	/* Controls are shown as spaces (text_to_wcs): one column each, the
	 * same as text_fit gives them, so that columns line up. */
	static const char *const s[] = {"a\tb", "a\nb", "a\x7f" "b", "a\xc2\x85" "b",
					"a\xc2\x9b" "b"};

	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		char *fit = text_fit(s[i], text_width(s[i]));
		wchar_t *ws = text_to_wcs(s[i]);
		ck_assert_msg(text_width(s[i]) == 3, "case %zu: %d", i, text_width(s[i]));
		ck_assert_msg(wcscmp(ws, L"a b") == 0, "case %zu: control not a space", i);
		ck_assert_msg(strcmp(fit, "a b") == 0, "case %zu: \"%s\"", i, fit);
		free(fit);
		free(ws);
	}
	ck_assert_int_eq(text_wcwidth(L'\n'), 0);
	ck_assert_int_eq(text_wcwidth(0x7f), 0);
	ck_assert_int_eq(text_wcwidth(0x85), 0);
}
END_TEST

/* ---- fit ----------------------------------------------------------------- */

START_TEST(fit_pads_and_clips)
{
	expect_fit("abc", 5, "abc  ");
	expect_fit("abc", 3, "abc");
	expect_fit("abcdef", 4, "abc…");
	expect_fit("阳性病例", 8, "阳性病例");
	expect_fit("阳性病例", 10, "阳性病例  ");
	expect_fit("阳性病例", 7, "阳性病…");
	/* Never half a character: the column left over is a space. */
	expect_fit("阳性病例", 6, "阳性… ");
	expect_fit("阳性病例", 4, "阳… ");
	expect_fit("阳性病例", 2, "… ");
	expect_fit("阳性病例", 1, "…");
	expect_fit("阳性病例", 0, "");
	expect_fit("阳性病例", -3, "");
	expect_fit("", 3, "   ");
	expect_fit("a阳b", 3, "a… ");
}
END_TEST

START_TEST(fit_keeps_marks_with_their_base)
{
	expect_fit("e\xcc\x81", 1, "e\xcc\x81");
	expect_fit("e\xcc\x81" "x", 3, "e\xcc\x81" "x ");
	expect_fit("ae\xcc\x81" "bc", 3, "ae\xcc\x81…");
	/* Cut before a base: its mark goes with it. */
	expect_fit("abe\xcc\x81" "c", 3, "ab…");
	expect_fit("阳\xcc\x81性病", 4, "阳\xcc\x81… ");
}
END_TEST

START_TEST(fit_invalid_sequences)
{
	/* Invalid bytes become U+FFFD, one column each: the result is valid. */
	expect_fit("a\xff" "b", 3, "a\xef\xbf\xbd" "b");
	expect_fit("\xe9\x98" "性", 4, "\xef\xbf\xbd\xef\xbf\xbd性");
	expect_fit("\xe9\x98" "性", 3, "\xef\xbf\xbd\xef\xbf\xbd…");
	expect_fit("\xed\xa0\x80", 2, "\xef\xbf\xbd…");
}
END_TEST

START_TEST(fit_right)
{
	expect_fit_right("12", 5, "   12");
	expect_fit_right("阳性", 5, " 阳性");
	expect_fit_right("阳性病例", 5, "阳性…");
	expect_fit_right("阳性病例", 4, " 阳…");
	expect_fit_right("", 2, "  ");
}
END_TEST

START_TEST(wcs_fit_and_round_trip)
{
	wchar_t *ws = text_to_wcs("阳a\xcc\x81性\xff");
	char *back;

	ck_assert_int_eq(wcslen(ws), 5);
	ck_assert_int_eq(ws[4], 0xfffd);
	ck_assert_uint_eq(text_wcs_fit(ws, 0), 0);
	ck_assert_uint_eq(text_wcs_fit(ws, 1), 0);      /* 阳 needs two */
	ck_assert_uint_eq(text_wcs_fit(ws, 2), 1);
	ck_assert_uint_eq(text_wcs_fit(ws, 3), 3);      /* a and its mark */
	ck_assert_uint_eq(text_wcs_fit(ws, 4), 3);
	ck_assert_uint_eq(text_wcs_fit(ws, 5), 4);
	ck_assert_uint_eq(text_wcs_fit(ws, 99), 5);
	back = text_from_wcs(ws);
	ck_assert_str_eq(back, "阳a\xcc\x81性\xef\xbf\xbd");
	free(back);
	free(ws);
	ws = text_to_wcs("𠀀");
	ck_assert_int_eq(ws[0], 0x20000);
	back = text_from_wcs(ws);
	ck_assert_str_eq(back, "𠀀");
	free(back);
	free(ws);
}
END_TEST

/* ---- wrap ---------------------------------------------------------------- */

struct lines {
	char text[1024];
	int n, maxw, overhang;
};

static void on_line(const char *piece, void *ctx)
{
	struct lines *l = ctx;
	size_t len = strlen(l->text);
	int w = text_width(piece);

	snprintf(l->text + len, sizeof l->text - len, "%s%s", l->n++ ? "/" : "", piece);
	if (w > l->maxw)
		l->maxw = w;
}

static struct lines wrap(const char *s, int cols)
{
	struct lines l = {"", 0, 0, 0};
	int n = text_wrap(s, cols, on_line, &l);

	ck_assert_int_eq(n, l.n);
	return l;
}

START_TEST(wrap_between_characters)
{
	struct lines l = wrap("负责24小时值班值守", 6);

	ck_assert_str_eq(l.text, "负责24/小时值/班值守");
	ck_assert_int_le(l.maxw, 6);
	l = wrap("ab\ncd", 10);
	ck_assert_str_eq(l.text, "ab/cd");
	l = wrap("", 10);
	ck_assert_str_eq(l.text, "");
	ck_assert_int_eq(l.n, 1);
	l = wrap("a\tb", 10);
	ck_assert_str_eq(l.text, "a b");
	/* A mark stays with its base at the end of a line. */
	l = wrap("abe\xcc\x81" "cd", 3);
	ck_assert_str_eq(l.text, "abe\xcc\x81/cd");
}
END_TEST

START_TEST(wrap_hangs_closing_punctuation)
{
	/* Closing punctuation never starts a line; it hangs past the edge by
	 * at most two columns instead. */
	struct lines l = wrap("阳性病例。已转运。", 8);

	ck_assert_str_eq(l.text, "阳性病例。/已转运。");
	ck_assert_int_le(l.maxw, 8 + 2);
	l = wrap("核酸采样，转运隔离", 8);
	ck_assert_str_eq(l.text, "核酸采样，/转运隔离");
	for (int cols = 2; cols <= 20; cols++) {
		l = wrap("负责统筹协调指导村社疫情防控工作，制定完善村社疫情防控工作方案。", cols);
		ck_assert_int_le(l.maxw, cols + 2);
		for (const char *p = strchr(l.text, '/'); p; p = strchr(p + 1, '/'))
			ck_assert(strncmp(p + 1, "，", 3) != 0 && strncmp(p + 1, "。", 3) != 0);
	}
}
END_TEST

/* Every Latin word or number of `s` (a run of ASCII other than spaces)
 * stands whole on one of the lines text_wrap makes of it. */
static void expect_no_split_word(const char *s, int cols)
{
	struct lines l = wrap(s, cols);

	for (const char *p = s; *p;) {
		char word[64], line[1024];
		size_t n = 0;
		int whole = 0;
		while (*p && (*p == ' ' || (unsigned char)*p >= 0x80))
			p++;
		while (*p && *p != ' ' && (unsigned char)*p < 0x80 && n < sizeof word - 1)
			word[n++] = *p++;
		word[n] = '\0';
		if (!n)
			continue;
		/* On one line: between two '/' (the lines are joined by '/'). */
		for (const char *q = l.text; *q && !whole;) {
			size_t k = strcspn(q, "/");
			snprintf(line, sizeof line, "%.*s", (int)k, q);
			whole = strstr(line, word) != NULL;
			q += k + (q[k] ? 1 : 0);
		}
		ck_assert_msg(whole, "text_wrap(\"%s\", %d) split \"%s\": \"%s\"", s, cols, word,
			      l.text);
	}
}

START_TEST(wrap_keeps_latin_words)
{
	/* The bugs seen: a duration and an English phrase cut inside a word. */
	struct lines l = wrap("条目 #3 初报 → 物资调配组组长，限 12-15 19:00，逾期 1 h 35 min", 56);

	ck_assert_str_eq(l.text,
			 "条目 #3 初报 → 物资调配组组长，限 12-15 19:00，逾期 1 h/35 min");
	l = wrap("a close contact of the case", 10);
	ck_assert_str_eq(l.text, "a close/contact of/the case");
	ck_assert_int_le(l.maxw, 10);
	/* The break takes the space; the next line starts with the word. */
	l = wrap("aaa bbb", 3);
	ck_assert_str_eq(l.text, "aaa/bbb");
	l = wrap("aaa   bbb ccc", 9);
	ck_assert_str_eq(l.text, "aaa   bbb/ccc");
	/* Only a word wider than the line is cut. */
	l = wrap("ab abcdefgh", 4);
	ck_assert_str_eq(l.text, "ab/abcd/efgh");
	/* Indentation the text has is kept. */
	l = wrap("  ab cd", 5);
	ck_assert_str_eq(l.text, "  ab/cd");
	/* Every width the longest word fits: never inside "contacts", "min", "12-15". */
	for (int cols = 9; cols <= 60; cols++) {
		expect_no_split_word("逾期 1 h 35 min，密接 close contact 12-15 19:00 到岗", cols);
		expect_no_split_word("Zhuji duty group called about the close contacts", cols);
	}
}
END_TEST

START_TEST(wrap_mixes_chinese_and_latin)
{
	/* Chinese breaks anywhere, also next to a number. */
	struct lines l = wrap("阳性1例已转运隔离", 6);

	ck_assert_str_eq(l.text, "阳性1/例已转/运隔离");
	/* A word after Chinese goes whole to the next line. */
	l = wrap("马剑村contact", 10);
	ck_assert_str_eq(l.text, "马剑村/contact");
	/* Opening punctuation goes with what it opens. */
	l = wrap("已报送（补报）", 6);
	ck_assert_str_eq(l.text, "已报送/（补报）");
	l = wrap("一二（三", 6);
	ck_assert_str_eq(l.text, "一二/（三");
	/* Closing punctuation after a word hangs on it. */
	l = wrap("ab cd，", 4);
	ck_assert_str_eq(l.text, "ab/cd，");
	/* Controls are not shown; the result is valid UTF-8 and never wider
	 * than the line and its hanging punctuation. */
	l = wrap("报\x1b[2J告", 10);
	ck_assert_str_eq(l.text, "报[2J告");
	for (int cols = 2; cols <= 30; cols++) {
		l = wrap("诸暨市值班组 call: 通知 video meeting，14 h 00 min 后召开。", cols);
		ck_assert(text_valid_utf8(l.text, strlen(l.text)));
		ck_assert_int_le(l.maxw, cols + 2);
	}
}
END_TEST

/* ---- valid UTF-8 --------------------------------------------------------- */

/* A duration in its largest two units, as the sheets and screens write it,
 * at each unit's edges, negative and at the ends of a long long. */
START_TEST(durations)
{
	static const struct {
		long long s;
		const char *want;
	} t[] = {
		{0, "0 s"}, {59, "59 s"}, {60, "1 min"}, {3599, "59 min"}, {3600, "1 h 00 min"},
		{3660 + 540, "1 h 10 min"}, {86399, "23 h 59 min"}, {86400, "1 d 0 h"},
		{720 * 86400 + 7 * 3600 + 59, "720 d 7 h"}, {-5, "-5 s"}, {-7200, "-2 h 00 min"},
		{9223372036854775807LL, "106751991167300 d 15 h"},
		{-9223372036854775807LL - 1, "-106751991167300 d 15 h"},
	};
	char buf[DDTIME_BUFSZ];

	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		ck_assert_str_eq(ddtime_duration(t[i].s, buf), t[i].want);
}
END_TEST

START_TEST(valid_utf8)
{
	static const struct {
		const char *s;
		size_t len;
		int valid;
	} cases[] = {
		{"", 0, 1},
		{"ascii", 5, 1},
		{"阳性", 6, 1},
		{"\xef\xbf\xbd", 3, 1},                 /* U+FFFD written out */
		{"\xf0\xa0\x80\x80", 4, 1},             /* U+20000 */
		{"\xf4\x8f\xbf\xbf", 4, 1},             /* U+10FFFF */
		{"a\0b", 3, 0},                         /* NUL inside */
		{"\xff", 1, 0},
		{"\x80", 1, 0},                         /* lone continuation */
		{"\xc0\xaf", 2, 0},                     /* overlong */
		{"\xe0\x80\xaf", 3, 0},                 /* overlong */
		{"\xed\xa0\x80", 3, 0},                 /* surrogate */
		{"\xf4\x90\x80\x80", 4, 0},             /* past U+10FFFF */
		{"\xe9\x98", 2, 0},                     /* cut short at the end */
		{"\xe9\x98\xb3", 2, 0},                 /* cut by the length given */
		{"\xe9\x98" "a", 3, 0},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		ck_assert_msg(text_valid_utf8(cases[i].s, cases[i].len) == cases[i].valid,
			      "case %zu", i);
}
END_TEST

/* ---- text that cannot hurt a terminal ------------------------------------ */

START_TEST(typed_text_rule)
{
	static const char *const bad[] = {
		"a\x1b]52;c;aGk=\x07", "a\x7f", "a\xc2\x9b" "2J", "a\xe2\x80\xae" "b",
		"a\xe2\x81\xa6" "b", "a\xe2\x80\xaa", "a\xe2\x81\xa9", "a\rb", "a\tb", "a\x01",
	};
	struct dd_err err;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(text_check_typed("the summary", bad[i], TEXT_LINES, &err) == -1,
			      "case %zu", i);
		ck_assert_int_eq(err.code, DD_EINVAL);
		ck_assert_ptr_nonnull(strstr(err.msg, "the summary"));
	}
	ck_assert_int_eq(text_check_typed("x", "两\n行", TEXT_LINES, &err), 0);
	ck_assert_int_eq(text_check_typed("the source", "两\n行", 0, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "the source"));
	ck_assert_int_eq(text_check_typed("x", "a\tb\r\n", TEXT_LINES | TEXT_TABS, &err), 0);
	ck_assert_int_eq(text_check_typed("x", "来电\xe2\x80\x8e", 0, &err), 0); /* U+200E */
	ck_assert_int_eq(text_check_typed("x", NULL, 0, &err), 0);
}
END_TEST

START_TEST(visible_controls)
{
	char *v = text_visible("旧\x1b]52;c;aGk=\x07记\xc2\x9b" "1m\xe2\x80\xae" "反\x7f\n\t");

	ck_assert_str_eq(v, "旧␛]52;c;aGk=␇记\\u{009B}1m\\u{202E}反␡\n\t");
	free(v);
	v = text_visible("");
	ck_assert_str_eq(v, "");
	free(v);
}
END_TEST

/* The guarding stream makes the same visible, however writes cut the
 * UTF-8 sequences, and passes everything when raw. */
START_TEST(guard_stream)
{
	const char *s = "旧\x1b[2J记\xc2\x9b\xe2\x80\xae反\n";
	char *buf = NULL;
	size_t len = 0;
	FILE *under = open_memstream(&buf, &len);
	struct text_guard *g;
	FILE *f = text_guard_open(under, &g);

	ck_assert_ptr_nonnull(f);
	for (const char *p = s; *p; p++) {   /* a byte at a time, each flushed */
		fputc(*p, f);
		fflush(f);
	}
	text_guard_raw(g, f, 1);
	fputs("\x1b=raw", f);
	ck_assert_int_eq(fclose(f), 0);
	fclose(under);
	ck_assert_str_eq(buf, "旧␛[2J记\\u{009B}\\u{202E}反\n\x1b=raw");
	free(buf);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"text_width", {width_ascii_cjk, width_combining, width_invalid_bytes,
				width_controls}},
		{"text_fit", {fit_pads_and_clips, fit_keeps_marks_with_their_base,
			      fit_invalid_sequences, fit_right, wcs_fit_and_round_trip}},
		{"text_wrap", {wrap_between_characters, wrap_hangs_closing_punctuation,
			       wrap_keeps_latin_words, wrap_mixes_chinese_and_latin}},
		{"text_valid_utf8", {valid_utf8}},
		{"durations", {durations}},
		{"text_visible", {typed_text_rule, visible_controls, guard_stream}},
	};

	return fx_run(fx_suite("text", cases, sizeof cases / sizeof cases[0], NULL, NULL, 30));
}
