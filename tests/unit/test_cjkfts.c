/* test_cjkfts.c — the "ddbigram" FTS5 tokenizer and cjkfts_match_expr(),
 * against a real in-memory SQLite database. */
#include "store/cjkfts.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

static sqlite3 *db;

static void setup(void)
{
	char err[256];
	char *msg = NULL;
	int rc;

	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	ck_assert_msg(cjkfts_register(db, err, sizeof(err)) == 0, "register: %s", err);
	rc = sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(body, later, content='', "
			  "tokenize='ddbigram')", NULL, NULL, &msg);
	ck_assert_msg(rc == SQLITE_OK, "create: %s", msg ? msg : "?");
}

static void teardown(void)
{
	ck_assert_int_eq(sqlite3_close(db), SQLITE_OK);
	db = NULL;
}

/* Insert `len` bytes of `text` (len < 0: up to the NUL) into column `col`. */
static void put_n(sqlite3_int64 rowid, const char *col, const char *text, int len)
{
	char sql[128];
	sqlite3_stmt *st;
	int rc;

	snprintf(sql, sizeof(sql), "INSERT INTO t(rowid, %s) VALUES (?1, ?2)", col);
	rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	ck_assert_msg(rc == SQLITE_OK, "prepare: %s", sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_bind_int64(st, 1, rowid), SQLITE_OK);
	ck_assert_int_eq(sqlite3_bind_text(st, 2, text, len, SQLITE_TRANSIENT), SQLITE_OK);
	rc = sqlite3_step(st);
	ck_assert_msg(rc == SQLITE_DONE, "insert %lld: %s", (long long)rowid, sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_finalize(st), SQLITE_OK);
}

static void put(sqlite3_int64 rowid, const char *text)
{
	put_n(rowid, "body", text, -1);
}

/* Rowids matching the raw FTS5 expression, as "1,3,5" ("" for none), or
 * "ERROR: <message>". */
static const char *match_raw(const char *expr)
{
	static char res[512];
	sqlite3_stmt *st;
	size_t len = 0;
	int rc;

	res[0] = '\0';
	rc = sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY rowid",
				-1, &st, NULL);
	ck_assert_msg(rc == SQLITE_OK, "prepare: %s", sqlite3_errmsg(db));
	ck_assert_int_eq(sqlite3_bind_text(st, 1, expr, -1, SQLITE_TRANSIENT), SQLITE_OK);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ck_assert(len + 24 < sizeof(res));
		len += (size_t)snprintf(res + len, sizeof(res) - len, "%s%lld", len ? "," : "",
					(long long)sqlite3_column_int64(st, 0));
	}
	if (rc != SQLITE_DONE)
		snprintf(res, sizeof(res), "ERROR: %s", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return res;
}

/* Rowids matching what a person typed, through cjkfts_match_expr(). */
static const char *find(const char *typed)
{
	char expr[512];

	ck_assert_msg(cjkfts_match_expr(typed, expr, sizeof(expr)) == 0,
		      "no expression for \"%s\"", typed);
	return match_raw(expr);
}

#define FIND(typed, want) ck_assert_str_eq(find(typed), want)

/* ---- register ---- */

START_TEST(test_register_twice)
{
	char err[128] = "x";

	/* setup() registered once already; again is harmless. */
	ck_assert_int_eq(cjkfts_register(db, err, sizeof(err)), 0);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(cjkfts_register(db, NULL, 0), 0);
	put(1, "阳性");
	FIND("阳性", "1");
}
END_TEST

START_TEST(test_register_null_db)
{
	char err[128] = "";

	ck_assert_int_eq(cjkfts_register(NULL, err, sizeof(err)), -1);
	ck_assert_str_ne(err, "");
	ck_assert_int_eq(cjkfts_register(NULL, NULL, 0), -1);
}
END_TEST

START_TEST(test_register_rejects_options)
{
	int rc = sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='ddbigram foo')",
			      NULL, NULL, NULL);

	ck_assert_int_ne(rc, SQLITE_OK);
}
END_TEST

START_TEST(test_register_unknown_without)
{
	sqlite3 *other;
	int rc;

	/* A connection without cjkfts_register() cannot use the table type. */
	ck_assert_int_eq(sqlite3_open(":memory:", &other), SQLITE_OK);
	rc = sqlite3_exec(other, "CREATE VIRTUAL TABLE u USING fts5(x, tokenize='ddbigram')",
			  NULL, NULL, NULL);
	ck_assert_int_ne(rc, SQLITE_OK);
	ck_assert_int_eq(sqlite3_close(other), SQLITE_OK);
}
END_TEST

/* ---- tokenize: the token stream itself ---- */

struct tokens {
	char s[1024];
	size_t len;
	int stop_after;    /* > 0: fail the callback after this many tokens */
	int count;
};

static int record(void *ctx, int tflags, const char *tok, int ntok, int start, int end)
{
	struct tokens *r = ctx;

	if (r->stop_after > 0 && r->count >= r->stop_after)
		return SQLITE_ABORT;
	r->count++;
	ck_assert(r->len + (size_t)ntok + 32 < sizeof(r->s));
	r->len += (size_t)snprintf(r->s + r->len, sizeof(r->s) - r->len, "%s%s%.*s@%d-%d",
				   r->len ? " " : "",
				   (tflags & FTS5_TOKEN_COLOCATED) ? "+" : "",
				   ntok, tok, start, end);
	return SQLITE_OK;
}

/* Tokenize `n` bytes copied to a buffer of exactly that size (so that ASan
 * sees any read past the end) and return the stream, e.g.
 * "a@0-1 +ab@0-2 b@1-2": a leading + marks FTS5_TOKEN_COLOCATED. */
static const char *tokenize_n(int flags, const char *text, size_t n, int stop_after,
			      int *rc_out)
{
	static struct tokens r;
	fts5_api *api = NULL;
	fts5_tokenizer tok;
	Fts5Tokenizer *t = NULL;
	sqlite3_stmt *st;
	void *uctx = NULL;
	char *copy;
	int rc;

	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL),
			 SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	ck_assert_int_eq(sqlite3_finalize(st), SQLITE_OK);
	ck_assert_ptr_nonnull(api);
	ck_assert_int_eq(api->xFindTokenizer(api, "ddbigram", &uctx, &tok), SQLITE_OK);
	ck_assert_int_eq(tok.xCreate(uctx, NULL, 0, &t), SQLITE_OK);

	copy = malloc(n ? n : 1);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, text, n);
	memset(&r, 0, sizeof(r));
	r.stop_after = stop_after;
	rc = tok.xTokenize(t, &r, flags, copy, (int)n, record);
	free(copy);
	tok.xDelete(t);
	if (rc_out)
		*rc_out = rc;
	else
		ck_assert_int_eq(rc, SQLITE_OK);
	return r.s;
}

static const char *tokenize(int flags, const char *text)
{
	return tokenize_n(flags, text, strlen(text), 0, NULL);
}

#define DOC FTS5_TOKENIZE_DOCUMENT
#define QRY FTS5_TOKENIZE_QUERY

START_TEST(test_tokenize_document)
{
	/* "Ab 阳性": A b ' ' 阳(3..6) 性(6..9) */
	ck_assert_str_eq(tokenize(DOC, "Ab 阳性"),
			 "a@0-1 +ab@0-2 b@1-2 阳@3-6 +阳性@3-9 性@6-9");
	ck_assert_str_eq(tokenize(FTS5_TOKENIZE_AUX, "Ab 阳性"),
			 "a@0-1 +ab@0-2 b@1-2 阳@3-6 +阳性@3-9 性@6-9");
	ck_assert_str_eq(tokenize(DOC, "初筛阳性"),
			 "初@0-3 +初筛@0-6 筛@3-6 +筛阳@3-9 阳@6-9 +阳性@6-12 性@9-12");
	ck_assert_str_eq(tokenize(DOC, "x"), "x@0-1");
	ck_assert_str_eq(tokenize(DOC, ""), "");
	ck_assert_str_eq(tokenize(DOC, " \t\r\n "), "");
}
END_TEST

START_TEST(test_tokenize_query)
{
	ck_assert_str_eq(tokenize(QRY, "Ab 阳性"), "ab@0-2 阳性@3-9");
	ck_assert_str_eq(tokenize(QRY, "x 阳"), "x@0-1 阳@2-5");
	ck_assert_str_eq(tokenize(QRY, "初筛阳性"), "初筛@0-6 筛阳@3-9 阳性@6-12");
	ck_assert_str_eq(tokenize(QRY | FTS5_TOKENIZE_PREFIX, "初筛阳性"),
			 "初筛@0-6 筛阳@3-9 阳性@6-12");
	ck_assert_str_eq(tokenize(QRY | FTS5_TOKENIZE_PREFIX, "阳"), "阳@0-3");
	ck_assert_str_eq(tokenize(QRY, ""), "");
}
END_TEST

START_TEST(test_tokenize_separators)
{
	/* U+3000, tab, newline, NUL-free controls: no bigram across them. */
	ck_assert_str_eq(tokenize(DOC, "密\xe3\x80\x80接"), "密@0-3 接@6-9");
	ck_assert_str_eq(tokenize(DOC, "密\t接\x01z"), "密@0-3 接@4-7 z@8-9");
	/* Punctuation (full and half width) is a character. */
	ck_assert_str_eq(tokenize(DOC, "阳，!"), "阳@0-3 +阳，@0-6 ，@3-6 +，!@3-7 !@6-7");
	/* Only ASCII is folded. */
	ck_assert_str_eq(tokenize(QRY, "ZÉ"), "zÉ@0-3");
}
END_TEST

START_TEST(test_tokenize_invalid_utf8)
{
	static const char bad[] = "阳\xff性\xe4\xb8";   /* ends in half a character */
	static const char odd[] = "\xc0\xaf\xed\xa0\x80" "a" "\xf4\x90\x80\x80" "\x80";

	ck_assert_str_eq(tokenize_n(DOC, bad, sizeof(bad) - 1, 0, NULL), "阳@0-3 性@4-7");
	ck_assert_str_eq(tokenize_n(QRY, bad, sizeof(bad) - 1, 0, NULL), "阳@0-3 性@4-7");
	/* Overlong, surrogate, above U+10FFFF, stray continuation. */
	ck_assert_str_eq(tokenize_n(DOC, odd, sizeof(odd) - 1, 0, NULL), "a@5-6");
	/* Every possible truncation of a 4-byte character. */
	ck_assert_str_eq(tokenize_n(DOC, "\xf0\xa0\x80\x80", 4, 0, NULL), "\xf0\xa0\x80\x80@0-4");
	ck_assert_str_eq(tokenize_n(DOC, "\xf0\xa0\x80", 3, 0, NULL), "");
	ck_assert_str_eq(tokenize_n(DOC, "\xf0\xa0", 2, 0, NULL), "");
	ck_assert_str_eq(tokenize_n(DOC, "\xf0", 1, 0, NULL), "");
}
END_TEST

START_TEST(test_tokenize_callback_error)
{
	int rc = SQLITE_OK;
	const char *s = tokenize_n(DOC, "初筛阳性", strlen("初筛阳性"), 2, &rc);

	ck_assert_int_eq(rc, SQLITE_ABORT);
	ck_assert_str_eq(s, "初@0-3 +初筛@0-6");
	s = tokenize_n(QRY, "初筛阳性", strlen("初筛阳性"), 1, &rc);
	ck_assert_int_eq(rc, SQLITE_ABORT);
	ck_assert_str_eq(s, "初筛@0-6");
}
END_TEST

/* ---- substring: Chinese queries of any length ---- */

static void put_cjk_rows(void)
{
	put(1, "患者初筛阳性，已转运");
	put(2, "阳光小区密接人员");
	put(3, "阳台有人性格好");        /* 阳 ... 性 apart */
	put(4, "性阳反转");              /* 性阳, not 阳性 */
	put(5, "密切接触者已隔离");      /* 密 ... 接 apart */
	put(6, "转运车辆");
	put(7, "初筛阴性");
}

START_TEST(test_substring_one_char)
{
	put_cjk_rows();
	FIND("阳", "1,2,3,4");
	FIND("性", "1,3,4,7");
	FIND("接", "2,5");
	FIND("，", "1");
	FIND("鼠", "");
}
END_TEST

START_TEST(test_substring_two_chars)
{
	put_cjk_rows();
	FIND("阳性", "1");      /* not 3 (阳…性) nor 4 (性阳) */
	FIND("性阳", "4");
	FIND("密接", "2");      /* not 5 (密切接) */
	FIND("转运", "1,6");
	FIND("初筛", "1,7");
	FIND("阴性", "7");
	FIND("运车", "6");
	FIND("性，", "1");
}
END_TEST

START_TEST(test_substring_longer)
{
	put_cjk_rows();
	FIND("初筛阳性", "1");
	FIND("初筛阴性", "7");
	FIND("筛阳性", "1");
	FIND("密切接触者", "5");
	FIND("切接触者已隔离", "5");
	FIND("密切接触者已隔离", "5");
	FIND("患者初筛阳性，已转运", "1");
	FIND("密切接触者未隔离", "");
	FIND("阳性转运", "");   /* both words occur in 1, but not together */
}
END_TEST

/* ---- ascii: case folding, mixed text, digits ---- */

START_TEST(test_ascii_case)
{
	put(10, "ZHUJI duty");
	put(11, "zhuji");
	put(12, "Zhu Ji");
	FIND("Zhuji", "10,11");
	FIND("ZHUJI", "10,11");
	FIND("zhu", "10,11,12");
	FIND("DUTY", "10");
	FIND("z", "10,11,12");
	FIND("uj", "10,11");
}
END_TEST

START_TEST(test_ascii_mixed)
{
	put(20, "核酸test阳性");
	put(21, "test");
	put(22, "核酸 test 阳性");
	FIND("核酸test阳性", "20");
	FIND("test阳", "20");
	FIND("酸T", "20");
	FIND("TEST", "20,21,22");
	FIND("t阳性", "20");
	FIND("核酸 阳性", "20,22");
}
END_TEST

START_TEST(test_ascii_digits)
{
	put(30, "急救120电话");
	put(31, "门牌102号");
	put(32, "1 2 0");
	FIND("120", "30");
	FIND("12", "30");
	FIND("20电", "30");
	FIND("救1", "30");
	FIND("102", "31");
	FIND("0", "30,31,32");
	FIND("1 2 0", "30,31,32");
	FIND("急救120电话", "30");
}
END_TEST

/* ---- words: several words, separators in documents ---- */

START_TEST(test_words_and)
{
	put(40, "阳性 密接");
	put(41, "阳性");
	put(42, "密接");
	put(43, "密接阳性");
	FIND("阳性 密接", "40,43");
	FIND("密接  \t 阳性", "40,43");
	FIND("阳性\xe3\x80\x80密接", "40,43");   /* U+3000 between words */
	FIND("阳性 转运", "");
	FIND("阳 接", "40,43");
}
END_TEST

START_TEST(test_words_document_separator)
{
	put(50, "密 接");
	put(51, "密\xe3\x80\x80接");
	put(52, "密\n接");
	put(53, "密\t接");
	put(54, "密接");
	FIND("密接", "54");
	FIND("密 接", "50,51,52,53,54");
	/* The same holds in the second column. */
	put_n(55, "later", "转\r\n运", -1);
	FIND("转运", "");
	FIND("转 运", "55");
}
END_TEST

START_TEST(test_words_raw_phrase_across_space)
{
	/* Why cjkfts_match_expr() splits words: positions skip separators, so a
	 * raw phrase with a space inside would also match the joined text. */
	put(56, "阳性");
	ck_assert_str_eq(match_raw("\"阳 性\""), "56");
	FIND("阳 性", "56");
	put(57, "阳");
	FIND("阳 性", "56");
}
END_TEST

/* ---- match_expr: quoting and buffer size ---- */

static const char *expr(const char *typed)
{
	static char out[256];

	ck_assert_int_eq(cjkfts_match_expr(typed, out, sizeof(out)), 0);
	return out;
}

START_TEST(test_match_expr_output)
{
	ck_assert_str_eq(expr("阳性"), "\"阳性\"");
	ck_assert_str_eq(expr("  阳性   密接 "), "\"阳性\" \"密接\"");
	ck_assert_str_eq(expr("阳性\" OR \"x"), "\"阳性\"\"\" \"OR\" \"\"\"x\"");
	ck_assert_str_eq(expr("NOT"), "\"NOT\"");
	ck_assert_str_eq(expr("a*"), "\"a*\"");
	ck_assert_str_eq(expr("(a) ^b c:d NEAR(x y) AND"),
			 "\"(a)\" \"^b\" \"c:d\" \"NEAR(x\" \"y)\" \"AND\"");
	ck_assert_str_eq(expr("\""), "\"\"\"\"");
	ck_assert_str_eq(expr("a\xe3\x80\x80" "b"), "\"a\" \"b\"");
	ck_assert_str_eq(expr("阳\xff性"), "\"阳\" \"性\"");
}
END_TEST

START_TEST(test_match_expr_literal)
{
	put(60, "结果阳性\" OR \"xyz");
	put(61, "阳性");
	put(62, "x");
	put(63, "NOT tested");
	put(64, "a*b");
	put(65, "ab");
	put(66, "(a) ^b c:d");
	put(67, "a");
	put(68, "x, or 阳性");

	/* Unquoted, these are syntax errors or mean something else: raw, the
	 * first is 阳性 AND " OR " AND x, which 68 satisfies. */
	ck_assert_str_eq(match_raw("阳性\" OR \"x"), "60,68");
	ck_assert_str_eq(match_raw("阳性\" OR"), "ERROR: unterminated string");
	ck_assert_str_eq(match_raw("NOT"), "ERROR: fts5: syntax error near \"NOT\"");
	ck_assert_str_eq(match_raw("a*"), "64,65,66,67");

	FIND("阳性\" OR \"x", "60");
	FIND("NOT", "63");
	FIND("not", "63");
	FIND("a*", "64");
	FIND("(a)", "66");
	FIND("^b", "66");
	FIND("c:d", "66");
	FIND("\"", "60");
	FIND("AND", "");
	FIND("OR", "60,68");
	FIND("NEAR(", "");
	FIND("*", "64");
	FIND(")", "66");
}
END_TEST

START_TEST(test_match_expr_small_buffer)
{
	char out[16];

	/* "\"阳性\"" is 8 bytes plus the NUL. */
	memset(out, 'x', sizeof(out));
	ck_assert_int_eq(cjkfts_match_expr("阳性", out, 8), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(cjkfts_match_expr("阳性", out, 9), 0);
	ck_assert_str_eq(out, "\"阳性\"");
	/* "\"a\" \"b\"" is 7 bytes. */
	ck_assert_int_eq(cjkfts_match_expr("a b", out, 7), -1);
	ck_assert_int_eq(cjkfts_match_expr("a b", out, 8), 0);
	ck_assert_str_eq(out, "\"a\" \"b\"");
	/* A doubled quote counts twice. */
	ck_assert_int_eq(cjkfts_match_expr("\"", out, 4), -1);
	ck_assert_int_eq(cjkfts_match_expr("\"", out, 5), 0);
	ck_assert_int_eq(cjkfts_match_expr("阳性", out, 1), -1);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_match_expr_bound)
{
	/* The documented worst case: 3 * strlen + 3 is always enough. */
	static const char *const inputs[] = {
		"\" \" \" \"", "\"", "a b c d e f", "\"\"\"\"", "阳 \" 性",
	};

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		size_t need = 3 * strlen(inputs[i]) + 3;
		char *out = malloc(need);

		ck_assert_ptr_nonnull(out);
		ck_assert_int_eq(cjkfts_match_expr(inputs[i], out, need), 0);
		free(out);
	}
}
END_TEST

/* ---- empty: NULL and empty input ---- */

START_TEST(test_empty_input)
{
	char out[64];

	ck_assert_int_eq(cjkfts_match_expr(NULL, out, sizeof(out)), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(cjkfts_match_expr("", out, sizeof(out)), -1);
	ck_assert_int_eq(cjkfts_match_expr("   \t\r\n ", out, sizeof(out)), -1);
	ck_assert_int_eq(cjkfts_match_expr("\xe3\x80\x80 \xe3\x80\x80", out, sizeof(out)), -1);
	ck_assert_int_eq(cjkfts_match_expr("\xff\xfe", out, sizeof(out)), -1);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_empty_output)
{
	char out[4] = "abc";

	ck_assert_int_eq(cjkfts_match_expr("阳性", NULL, 64), -1);
	ck_assert_int_eq(cjkfts_match_expr("阳性", out, 0), -1);
	ck_assert_str_eq(out, "abc");    /* outsz 0: untouched */
	ck_assert_int_eq(cjkfts_match_expr(NULL, NULL, 0), -1);
}
END_TEST

/* ---- rowid: a second text under the same rowid ---- */

START_TEST(test_rowid_second_text)
{
	put(70, "初筛阳性患者");
	put(71, "密接人员");
	put_n(70, "later", "已转运至定点医院", -1);
	FIND("阳性", "70");
	FIND("初筛阳性患者", "70");
	FIND("转运", "70");
	FIND("定点医院", "70");
	FIND("阳性 医院", "70");      /* one word from each text */
	FIND("密接", "71");
	/* Contentless: columns read back as NULL, the rowid is what counts. */
	ck_assert_str_eq(match_raw("later : \"转运\""), "70");
	ck_assert_str_eq(match_raw("body : \"转运\""), "");
}
END_TEST

START_TEST(test_rowid_shared_token_once)
{
	/* Both texts contain 转运: the rowid still comes back once. */
	put(72, "患者转运");
	put_n(72, "later", "转运完成", -1);
	FIND("转运", "72");
	FIND("运", "72");
	FIND("完成", "72");
	FIND("患者", "72");
}
END_TEST

/* ---- utf8: invalid bytes in documents ---- */

START_TEST(test_utf8_invalid_document)
{
	static const char bad[] = "阳性\xff\xfe密接\xc3(转运\xed\xa0\x80" "a\xe4\xb8";

	put_n(80, "body", bad, (int)sizeof(bad) - 1);
	put_n(81, "body", "\xe4\xb8", 2);     /* nothing but half a character */
	put_n(82, "body", "\x80\x80\x80", 3);
	put(83, "正常阳性");
	FIND("阳性", "80,83");
	FIND("密接", "80");
	FIND("(转运", "80");
	FIND("a", "80");
	FIND("性密", "");       /* no bigram across the bad bytes */
	FIND("接(", "");
}
END_TEST

static Suite *cjkfts_suite(void)
{
	Suite *s = suite_create("cjkfts");
	struct {
		const char *name;
		const TTest *tests[12];
	} cases[] = {
		{ "register", { test_register_twice, test_register_null_db,
				test_register_rejects_options,
				test_register_unknown_without } },
		{ "tokenize", { test_tokenize_document, test_tokenize_query,
				test_tokenize_separators, test_tokenize_invalid_utf8,
				test_tokenize_callback_error } },
		{ "substring", { test_substring_one_char, test_substring_two_chars,
				 test_substring_longer } },
		{ "ascii", { test_ascii_case, test_ascii_mixed, test_ascii_digits } },
		{ "words", { test_words_and, test_words_document_separator,
			     test_words_raw_phrase_across_space } },
		{ "match_expr", { test_match_expr_output, test_match_expr_literal,
				  test_match_expr_small_buffer, test_match_expr_bound } },
		{ "empty", { test_empty_input, test_empty_output } },
		{ "rowid", { test_rowid_second_text, test_rowid_shared_token_once } },
		{ "utf8", { test_utf8_invalid_document } },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		TCase *tc = tcase_create(cases[i].name);

		tcase_add_checked_fixture(tc, setup, teardown);
		for (size_t j = 0; j < 12 && cases[i].tests[j]; j++)
			tcase_add_test(tc, cases[i].tests[j]);
		suite_add_tcase(s, tc);
	}
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(cjkfts_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
