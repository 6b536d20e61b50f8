/* cjkfts.c — the "ddbigram" FTS5 tokenizer and the MATCH expression builder.
 *
 * Documents are indexed as one token per character (the unigram) plus, at the
 * same position (FTS5_TOKEN_COLOCATED), the pair of that character and the
 * next one in the same run (the bigram):
 *
 *	初筛阳性   ->   pos 0: 初 初筛   pos 1: 筛 筛阳   pos 2: 阳 阳性   pos 3: 性
 *
 * A query run of one character is looked up as its unigram; a run of n >= 2
 * characters becomes the phrase of its n - 1 bigrams, which must sit at
 * consecutive positions, so it matches exactly the documents that contain the
 * run as a substring.  Queries never see the colocated tokens.
 *
 * Separators (code points <= U+0020 and U+3000) and invalid UTF-8 bytes are
 * not indexed and end a run: no bigram spans them.  Positions only advance on
 * characters, which is why the query builder splits words at the same places
 * instead of leaving a separator inside a quoted phrase. */
#include "store/cjkfts.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

/* What a stretch of bytes decodes to. */
enum cjk_class {
	CJK_CHAR,  /* indexed character */
	CJK_SEP,   /* whitespace or control: ends a run */
	CJK_BAD,   /* invalid UTF-8 byte: skipped, ends a run */
};

/* The tokenizer keeps no state; FTS5 still wants an object per table. */
struct cjk_tokenizer {
	int unused;
};

/* Decode one UTF-8 sequence at s[0..n), n >= 1.  Returns the number of bytes
 * it takes (1 for an invalid byte) and stores the code point.  Rejects
 * overlong forms, surrogates and values above U+10FFFF, and never looks at
 * s[n] or beyond. */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp,
			  enum cjk_class *cls)
{
	unsigned char c = s[0];
	unsigned char lo = 0x80, hi = 0xbf;  /* range of the second byte */
	size_t len;
	uint32_t v;

	*cls = CJK_BAD;
	*cp = c;
	if (c < 0x80) {
		*cls = c <= 0x20 ? CJK_SEP : CJK_CHAR;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		v = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;      /* overlong */
		else if (c == 0xed)
			hi = 0x9f;      /* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		v = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;      /* overlong */
		else if (c == 0xf4)
			hi = 0x8f;      /* above U+10FFFF */
	} else {
		return 1;               /* continuation byte, C0, C1, F5..FF */
	}
	if (n < len || s[1] < lo || s[1] > hi)
		return 1;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 1;
		v = (v << 6) | (s[i] & 0x3f);
	}
	*cp = v;
	*cls = v == 0x3000 ? CJK_SEP : CJK_CHAR;
	return len;
}

/* ---- the tokenizer ---- */

/* One character of a run: where it is and its bytes after case folding. */
struct cjk_char {
	int start, end;            /* byte offsets into the text */
	unsigned char bytes[4];
	int len;
};

static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct cjk_tokenizer *t;

	(void)ctx;
	(void)argv;
	*out = NULL;
	if (argc > 0)
		return SQLITE_ERROR;    /* ddbigram takes no options */
	t = sqlite3_malloc(sizeof(*t));
	if (!t)
		return SQLITE_NOMEM;
	t->unused = 0;
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *tok)
{
	sqlite3_free(tok);
}

typedef int (*tok_emit_fn)(void *ctx, int tflags, const char *token, int ntoken,
			   int start, int end);

static int emit_unigram(tok_emit_fn emit, void *ctx, const struct cjk_char *a)
{
	return emit(ctx, 0, (const char *)a->bytes, a->len, a->start, a->end);
}

static int emit_bigram(tok_emit_fn emit, void *ctx, int tflags,
		       const struct cjk_char *a, const struct cjk_char *b)
{
	char buf[8];

	memcpy(buf, a->bytes, (size_t)a->len);
	memcpy(buf + a->len, b->bytes, (size_t)b->len);
	return emit(ctx, tflags, buf, a->len + b->len, a->start, b->end);
}

static int tok_tokenize(Fts5Tokenizer *tok, void *ctx, int flags,
			const char *text, int ntext, tok_emit_fn emit)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t n = ntext > 0 && text ? (size_t)ntext : 0;
	int query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	struct cjk_char prev, cur;
	int run = 0;            /* characters in the current run so far */
	size_t i = 0;
	int rc = SQLITE_OK;

	(void)tok;
	memset(&prev, 0, sizeof(prev));
	while (i <= n && rc == SQLITE_OK) {
		enum cjk_class cls = CJK_SEP;
		uint32_t cp = 0;
		size_t len = 1;

		if (i < n)
			len = utf8_decode(s + i, n - i, &cp, &cls);
		if (cls != CJK_CHAR) {
			/* End of a run (or of the text). */
			if (query && run == 1)
				rc = emit_unigram(emit, ctx, &prev);
			run = 0;
			i += len;
			continue;
		}
		cur.start = (int)i;
		cur.end = (int)(i + len);
		cur.len = (int)len;
		memcpy(cur.bytes, s + i, len);
		if (cp >= 'A' && cp <= 'Z')
			cur.bytes[0] = (unsigned char)(cp - 'A' + 'a');

		if (query) {
			if (run >= 1)
				rc = emit_bigram(emit, ctx, 0, &prev, &cur);
		} else {
			/* prev's unigram was the last token: the bigram joins it. */
			if (run >= 1)
				rc = emit_bigram(emit, ctx, FTS5_TOKEN_COLOCATED, &prev, &cur);
			if (rc == SQLITE_OK)
				rc = emit_unigram(emit, ctx, &cur);
		}
		prev = cur;
		run++;
		i += len;
	}
	return rc;
}

int cjkfts_register(sqlite3 *db, char *errbuf, size_t errsz)
{
	fts5_tokenizer tok = {
		.xCreate = tok_create,
		.xDelete = tok_delete,
		.xTokenize = tok_tokenize,
	};
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	const char *what;
	int rc;

	if (errbuf && errsz > 0)
		errbuf[0] = '\0';
	if (!db) {
		if (errbuf && errsz > 0)
			snprintf(errbuf, errsz, "cjkfts: no database connection");
		return -1;
	}

	what = "preparing SELECT fts5(?1)";
	rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		goto sqlite_fail;
	what = "binding the fts5_api pointer";
	rc = sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	if (rc != SQLITE_OK)
		goto sqlite_fail;
	what = "asking for the fts5_api";
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		goto sqlite_fail;
	rc = sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_OK)
		goto sqlite_fail;

	if (!api || api->iVersion < 2) {
		if (errbuf && errsz > 0)
			snprintf(errbuf, errsz,
				 "cjkfts: this SQLite has no usable FTS5 (fts5_api %s)",
				 api ? "too old" : "missing");
		return -1;
	}
	rc = api->xCreateTokenizer(api, CJKFTS_TOKENIZER, NULL, &tok, NULL);
	if (rc != SQLITE_OK) {
		if (errbuf && errsz > 0)
			snprintf(errbuf, errsz, "cjkfts: registering tokenizer %s: %s",
				 CJKFTS_TOKENIZER, sqlite3_errstr(rc));
		return -1;
	}
	return 0;

sqlite_fail:
	if (errbuf && errsz > 0)
		snprintf(errbuf, errsz, "cjkfts: %s: %s", what, sqlite3_errmsg(db));
	sqlite3_finalize(st);   /* harmless on NULL; its code repeats rc */
	return -1;
}

/* ---- the MATCH expression builder ---- */

struct outbuf {
	char *p;
	size_t size, len;
	int full;
};

static void out_put(struct outbuf *o, const unsigned char *s, size_t n)
{
	if (o->full || n >= o->size - o->len) {
		o->full = 1;
		return;
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
}

int cjkfts_match_expr(const char *typed, char *out, size_t outsz)
{
	static const unsigned char quote = '"', space = ' ';
	struct outbuf o = { out, outsz, 0, 0 };
	const unsigned char *s = (const unsigned char *)typed;
	size_t n, i = 0;
	int words = 0, inword = 0;

	if (!out || outsz == 0)
		return -1;
	out[0] = '\0';
	if (!typed)
		return -1;

	n = strlen(typed);
	while (i <= n) {
		enum cjk_class cls = CJK_SEP;
		uint32_t cp;
		size_t len = 1;

		if (i < n)
			len = utf8_decode(s + i, n - i, &cp, &cls);
		if (cls != CJK_CHAR) {
			if (inword)
				out_put(&o, &quote, 1);
			inword = 0;
		} else {
			if (!inword) {
				if (words > 0)
					out_put(&o, &space, 1);
				out_put(&o, &quote, 1);
				words++;
				inword = 1;
			}
			out_put(&o, s + i, len);
			if (s[i] == '"')
				out_put(&o, &quote, 1);
		}
		i += len;
	}
	if (o.full || words == 0) {
		out[0] = '\0';
		return -1;
	}
	out[o.len] = '\0';
	return 0;
}
