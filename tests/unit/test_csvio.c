/* test_csvio.c — reading CSV strictly: quotes, newlines inside fields, CRLF,
 * a spreadsheet's BOM, spaces kept; and every kind of bad input reported as
 * "FILE:LINE: FIELD: what" — a NUL byte, an unclosed quote, malformed
 * quoting, a field over the limit (and one over a megabyte), invalid UTF-8,
 * too many fields; then writing, and the round trip. */
#include "base/csvio.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"

/* What a read delivered: "L<line>[f1|f2|...]" per row, one after the other. */
struct got {
	char rows[8192];
	int nrows;
	int stop_after;          /* stop reading after this many rows (0: never) */
	const char *const *header;
	int nheader;
	struct csvio_report *rep;
};

static int on_row(const struct csvio_row *row, void *ctx, struct dd_err *err)
{
	struct got *g = ctx;
	size_t len = strlen(g->rows);

	if (g->nrows == 0 && g->header && csvio_expect_header(row, g->header, g->nheader,
							       g->rep) < 0)
		return dd_fail(err, DD_EINVAL, "bad header");
	len += (size_t)snprintf(g->rows + len, sizeof g->rows - len, "L%ld[", row->line);
	for (int i = 0; i < row->n; i++) {
		size_t n = strlen(row->field[i]);
		/* Long fields as their length. */
		if (n > 64)
			len += (size_t)snprintf(g->rows + len, sizeof g->rows - len, "%s<%zu>",
						i ? "|" : "", n);
		else
			len += (size_t)snprintf(g->rows + len, sizeof g->rows - len, "%s%s",
						i ? "|" : "", row->field[i]);
	}
	snprintf(g->rows + len, sizeof g->rows - len, "]");
	if (++g->nrows == g->stop_after)
		return dd_fail(err, DD_EINVAL, "enough");
	return 0;
}

static struct csvio_report rep;
static struct got got;

static void setup(void)
{
	memset(&got, 0, sizeof got);
	csvio_report_init(&rep, "f.csv");
	got.rep = &rep;
}

static void teardown(void)
{
	csvio_report_free(&rep);
}

/* Read `len` bytes of `data` (len < 0: up to the NUL); returns csvio_read's
 * result.  Rows are in got.rows, problems in rep. */
static int read_n(const char *data, long len)
{
	size_t n = len < 0 ? strlen(data) : (size_t)len;
	FILE *f = fmemopen((void *)data, n ? n : 1, "r");
	struct dd_err err;
	int rc;

	ck_assert_ptr_nonnull(f);
	if (!n)
		fgetc(f);                       /* fmemopen wants a size: read the empty file */
	rc = csvio_read(f, &rep, on_row, &got, &err);
	fclose(f);
	return rc;
}

static int read_s(const char *data)
{
	return read_n(data, -1);
}

static void no_problems(void)
{
	ck_assert_msg(rep.count == 0, "%d problems, first: %s", rep.count,
		      rep.count ? rep.msg[0] : "");
}

/* ---- good files ---------------------------------------------------------- */

START_TEST(plain_rows)
{
	ck_assert_int_eq(read_s("name,kind\n党政综合办,office\n卫生院,station\n"), 0);
	no_problems();
	ck_assert_str_eq(got.rows, "L1[name|kind]L2[党政综合办|office]L3[卫生院|station]");
}
END_TEST

START_TEST(quotes)
{
	ck_assert_int_eq(read_s("\"诸暨市, 值班组\",\"他说\"\"收到\"\"\",\"\",x\n"), 0);
	no_problems();
	ck_assert_str_eq(got.rows, "L1[诸暨市, 值班组|他说\"收到\"||x]");
}
END_TEST

START_TEST(newlines_inside_fields)
{
	ck_assert_int_eq(read_s("name,note\n张三,\"第一行\n第二行\n第三行\"\n"
				"李四,\"a\r\nb\"\n王五,x\n"), 0);
	no_problems();
	/* A row is known by the line it starts on. */
	ck_assert_str_eq(got.rows, "L1[name|note]L2[张三|第一行\n第二行\n第三行]L5[李四|a\r\nb]"
				   "L7[王五|x]");
}
END_TEST

START_TEST(crlf_bom_spaces_blanks)
{
	ck_assert_int_eq(read_s("\xef\xbb\xbfname,kind\r\n\r\n 学 校 , other \r\n\n,\n末行,"), 0);
	no_problems();
	/* The BOM is gone, CR LF ends lines, spaces stay, blank lines are
	 * skipped, a last line without a newline counts. */
	ck_assert_str_eq(got.rows, "L1[name|kind]L3[ 学 校 | other ]L5[|]L6[末行|]");
}
END_TEST

START_TEST(bom_only_at_the_start)
{
	ck_assert_int_eq(read_s("a\n\xef\xbb\xbf" "b\n"), 0);
	no_problems();
	ck_assert_str_eq(got.rows, "L1[a]L2[\xef\xbb\xbf" "b]");
	teardown();
	setup();
	ck_assert_int_eq(read_n("", 0), 0);            /* an empty file: no rows */
	no_problems();
	ck_assert_str_eq(got.rows, "");
}
END_TEST

/* ---- problems ------------------------------------------------------------ */

static const char *const header[] = {"name", "note"};

static void with_header(void)
{
	got.header = header;
	got.nheader = 2;
}

START_TEST(nul_byte)
{
	static const char file[] = "name,note\n张三,前\0后\n李四,好\n";

	with_header();
	ck_assert_int_eq(read_n(file, sizeof file - 1), 0);
	ck_assert_int_eq(rep.count, 1);
	ck_assert_str_eq(rep.msg[0], "f.csv:2: note: the field holds a NUL byte");
	ck_assert_str_eq(got.rows, "L1[name|note]L3[李四|好]");  /* the row is skipped */
}
END_TEST

START_TEST(unclosed_quote)
{
	with_header();
	ck_assert_int_eq(read_s("name,note\n张三,好\n李四,\"未完\n王五,x\n"), 0);
	ck_assert_int_eq(rep.count, 1);
	ck_assert_msg(strncmp(rep.msg[0], "f.csv:3: note: ", 15) == 0, "%s", rep.msg[0]);
	ck_assert_ptr_nonnull(strstr(rep.msg[0], "never closed"));
	ck_assert_str_eq(got.rows, "L1[name|note]L2[张三|好]");
}
END_TEST

START_TEST(malformed_quoting)
{
	with_header();
	ck_assert_int_eq(read_s("name,note\n张三,\"引号\"之后\n李四,x\n"), 0);
	ck_assert_int_eq(rep.count, 1);
	ck_assert_msg(strncmp(rep.msg[0], "f.csv:2: note: ", 15) == 0, "%s", rep.msg[0]);
	ck_assert_ptr_nonnull(strstr(rep.msg[0], "quot"));
	ck_assert_str_eq(got.rows, "L1[name|note]");              /* reading ends there */
	teardown();
	setup();
	ck_assert_int_eq(read_s("a\"b,c\n"), 0);                 /* a quote inside */
	ck_assert_int_eq(rep.count, 1);
	ck_assert_msg(strncmp(rep.msg[0], "f.csv:1: column 1: ", 19) == 0, "%s", rep.msg[0]);
}
END_TEST

/* A file "name,note\n<a>,<len bytes of 字>\nnext,x\n". */
static char *file_with_field(size_t len, size_t *n)
{
	static const char head[] = "name,note\n长字段,";
	static const char tail[] = "\n下一行,x\n";
	size_t hl = sizeof head - 1, tl = sizeof tail - 1;
	char *s = malloc(hl + len + tl + 1);

	ck_assert_ptr_nonnull(s);
	memcpy(s, head, hl);
	for (size_t i = 0; i < len; i++)
		s[hl + i] = "字"[i % 3];
	memcpy(s + hl + len, tail, tl + 1);
	*n = hl + len + tl;
	return s;
}

START_TEST(field_at_the_limit)
{
	size_t n;
	char *s = file_with_field(CSVIO_FIELD_MAX - CSVIO_FIELD_MAX % 3, &n);
	char want[128];

	with_header();
	ck_assert_int_eq(read_n(s, (long)n), 0);
	no_problems();
	snprintf(want, sizeof want, "L1[name|note]L2[长字段|<%d>]L3[下一行|x]",
		 CSVIO_FIELD_MAX - CSVIO_FIELD_MAX % 3);
	ck_assert_str_eq(got.rows, want);
	free(s);
}
END_TEST

START_TEST(field_over_the_limit)
{
	size_t n;
	char *s = file_with_field(100 * 1024 + 2, &n), want[128];

	with_header();
	ck_assert_int_eq(read_n(s, (long)n), 0);
	ck_assert_int_eq(rep.count, 1);
	snprintf(want, sizeof want, "f.csv:2: note: the field is %d bytes long; the most is %d",
		 100 * 1024 + 2, CSVIO_FIELD_MAX);
	ck_assert_str_eq(rep.msg[0], want);
	ck_assert_str_eq(got.rows, "L1[name|note]L3[下一行|x]");  /* skipped, then on */
	free(s);
}
END_TEST

START_TEST(field_over_a_megabyte)
{
	size_t n;
	char *s = file_with_field(3 * 512 * 1024, &n);

	with_header();
	ck_assert_int_eq(read_n(s, (long)n), 0);
	ck_assert_int_eq(rep.count, 1);
	ck_assert_msg(strncmp(rep.msg[0], "f.csv:2: note: ", 15) == 0, "%s", rep.msg[0]);
	ck_assert_ptr_nonnull(strstr(rep.msg[0], "too long"));
	ck_assert_str_eq(got.rows, "L1[name|note]");
	free(s);
}
END_TEST

START_TEST(invalid_utf8)
{
	static const char *const bad[] = {
		"\xff\xfe", "abc\xe5\xad", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"\xe5\xad\x97\x80",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char file[128];
		teardown();
		setup();
		with_header();
		snprintf(file, sizeof file, "name,note\n张三,%s\n李四,好\n", bad[i]);
		ck_assert_int_eq(read_s(file), 0);
		ck_assert_msg(rep.count == 1, "case %zu: %d problems", i, rep.count);
		ck_assert_msg(strncmp(rep.msg[0], "f.csv:2: note: ", 15) == 0 &&
			      strstr(rep.msg[0], "UTF-8"), "case %zu: %s", i, rep.msg[0]);
		ck_assert_str_eq(got.rows, "L1[name|note]L3[李四|好]");
	}
}
END_TEST

START_TEST(too_many_fields)
{
	char file[512] = "";
	size_t len = 0;

	for (int i = 0; i < CSVIO_FIELDS_MAX + 6; i++)
		len += (size_t)snprintf(file + len, sizeof file - len, "%s%d", i ? "," : "", i);
	snprintf(file + len, sizeof file - len, "\nok\n");
	ck_assert_int_eq(read_s(file), 0);
	ck_assert_int_eq(rep.count, 1);
	ck_assert_msg(strncmp(rep.msg[0], "f.csv:1: more than", 18) == 0, "%s", rep.msg[0]);
	ck_assert_str_eq(got.rows, "L2[ok]");
}
END_TEST

START_TEST(callback_stops)
{
	got.stop_after = 2;
	ck_assert_int_eq(read_s("a\nb\nc\nd\n"), -1);
	ck_assert_str_eq(got.rows, "L1[a]L2[b]");
}
END_TEST

START_TEST(header_checked)
{
	with_header();
	ck_assert_int_eq(read_s("name,remark\n张三,好\n"), -1);
	ck_assert_int_eq(rep.count, 1);
	ck_assert_str_eq(rep.msg[0], "f.csv:1: note: header column 2 is 'remark'; expected 'note'");
	teardown();
	setup();
	with_header();
	ck_assert_int_eq(read_s("name\n张三\n"), -1);
	ck_assert_ptr_nonnull(strstr(rep.msg[0], "f.csv:1: the header has 1 columns; expected 2"));
}
END_TEST

START_TEST(report_keeps_the_first_fifty)
{
	char *buf = NULL, last[128];
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int lines = 0;

	for (int i = 1; i <= CSVIO_PROBLEMS_MAX + 7; i++)
		csvio_problem(&rep, i, i % 2 ? -1 : 0, "problem %d", i);
	ck_assert_int_eq(rep.count, CSVIO_PROBLEMS_MAX + 7);
	ck_assert_str_eq(rep.msg[0], "f.csv:1: problem 1");
	ck_assert_str_eq(rep.msg[1], "f.csv:2: column 1: problem 2");
	csvio_report_print(&rep, out);
	fclose(out);
	for (char *p = buf; *p; p++)
		lines += *p == '\n';
	ck_assert_int_eq(lines, CSVIO_PROBLEMS_MAX + 1);
	snprintf(last, sizeof last, "f.csv: … and 7 more problems\n");
	ck_assert_ptr_nonnull(strstr(buf, last));
	free(buf);
}
END_TEST

/* ---- writing ------------------------------------------------------------- */

START_TEST(write_quotes_only_when_needed)
{
	const char *const fields[] = {"综合协调组", "", NULL, "a,b", "他说\"好\"", "两\n行",
				      " 前空格", "后空格 ", "中 间", "cr\r"};
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	csvio_write_bom(out);
	csvio_write_row(out, fields, 10);
	fclose(out);
	ck_assert_str_eq(buf, "\xef\xbb\xbf综合协调组,,,\"a,b\",\"他说\"\"好\"\"\",\"两\n行\","
			      "\" 前空格\",\"后空格 \",中 间,\"cr\r\"\n");
	free(buf);
}
END_TEST

START_TEST(round_trip)
{
	const char *const rows[][4] = {
		{"name", "note", "x", "y"},
		{" 学 校 ", "\"引号\"", "逗,号", "换\n行"},
		{"", "", "", "末"},
		{"\xef\xbf\xbd", "tab\there", "'", "\r\n"},
	};
	char *buf = NULL, want[512] = "";
	size_t len = 0, wl = 0;
	FILE *out = open_memstream(&buf, &len);

	csvio_write_bom(out);
	for (int i = 0; i < 4; i++)
		csvio_write_row(out, rows[i], 4);
	fclose(out);
	ck_assert_int_eq(read_n(buf, (long)len), 0);
	no_problems();
	for (int i = 0, line = 1; i < 4; i++) {
		wl += (size_t)snprintf(want + wl, sizeof want - wl, "L%d[%s|%s|%s|%s]", line,
				       rows[i][0], rows[i][1], rows[i][2], rows[i][3]);
		for (int k = 0; k < 4; k++)
			line += strchr(rows[i][k], '\n') != NULL;
		line++;
	}
	ck_assert_str_eq(got.rows, want);
	free(buf);
}
END_TEST

/* Cells a spreadsheet would run as formulas start with an added quote; a
 * cell that really starts with quotes before one gets one more; reading
 * takes exactly that quote away. */
START_TEST(formulas_round_trip)
{
	const char *const cells[] = {"=1+1", "+8613800000000", "-5", "@SUM(A1)", "\tx", "\rx",
				     "'=x", "''-x", "'", "'a", "a=b", "5-3", "", "=", "'\t"};
	const int n = (int)(sizeof cells / sizeof cells[0]);
	char *buf = NULL, want[512] = "L1[";
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	csvio_write_row(out, cells, n);
	fclose(out);
	ck_assert_str_eq(buf, "'=1+1,'+8613800000000,'-5,'@SUM(A1),'\tx,\"'\rx\",''=x,'''-x,',"
			      "'a,a=b,5-3,,'=,''\t\n");
	ck_assert_int_eq(read_n(buf, (long)len), 0);
	no_problems();
	for (int i = 0; i < n; i++) {
		strcat(want, i ? "|" : "");
		strcat(want, cells[i]);
	}
	strcat(want, "]");
	ck_assert_str_eq(got.rows, want);
	free(buf);
}
END_TEST

/* A file of a person's own follows the same rule. */
START_TEST(formulas_by_hand)
{
	ck_assert_int_eq(read_s("'=x,'-5,'x,''\n"), 0);
	ck_assert_str_eq(got.rows, "L1[=x|-5|'x|'']");
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"read", {plain_rows, quotes, newlines_inside_fields, crlf_bom_spaces_blanks,
			  bom_only_at_the_start, callback_stops, header_checked}},
		{"problems", {nul_byte, unclosed_quote, malformed_quoting, field_at_the_limit,
			      field_over_the_limit, field_over_a_megabyte, invalid_utf8,
			      too_many_fields, report_keeps_the_first_fifty}},
		{"write", {write_quotes_only_when_needed, round_trip, formulas_round_trip,
			   formulas_by_hand}},
	};

	return fx_run(fx_suite("csvio", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       60));
}
