/* textdoc.c — the words and the layout the office's documents share. */
#include "docs/textdoc.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/text.h"

static const char *const kind_words[LOG_KIND_COUNT] = {
	"来电", "来文", "上报", "下达", "本土初筛阳性", "重点人员", "督查", "物资", "其他",
};

static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八",
				       "九", "十", "十一", "十二", "十三", "十四", "十五"};

const char *textdoc_kind_word(enum log_kind k)
{
	return (unsigned)k < LOG_KIND_COUNT ? kind_words[k] : "其他";
}

const char *textdoc_numeral(int i)
{
	return i >= 0 && i < (int)(sizeof numerals / sizeof numerals[0]) ? numerals[i] : "";
}

void textdoc_rule(FILE *f, int width, char c)
{
	for (int i = 0; i < width; i++)
		fputc(c, f);
	fputc('\n', f);
}

void textdoc_centered(FILE *f, int width, const char *s)
{
	int pad = (width - text_width(s)) / 2;
	fprintf(f, "%*s%s\n", pad > 0 ? pad : 0, "", s);
}

void textdoc_left_right(FILE *f, int width, const char *left, const char *right)
{
	int pad = width - text_width(left) - text_width(right);
	if (pad < 2) {
		fprintf(f, "%s\n%s\n", left, right);
		return;
	}
	fprintf(f, "%s%*s%s\n", left, pad, "", right);
}

char *textdoc_string(void (*write)(FILE *f, const void *doc), const void *doc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return dd_xstrdup("");
	write(f, doc);
	if (fclose(f) != 0 || !buf) {
		free(buf);
		return dd_xstrdup("");
	}
	return buf;
}

void textdoc_hash(const char *text, char hex[2 * CHAIN_HASH_LEN + 1])
{
	unsigned char hash[CHAIN_HASH_LEN];

	crypto_generichash(hash, sizeof hash, (const unsigned char *)text, strlen(text), NULL, 0);
	chain_hex(hash, CHAIN_HASH_LEN, hex);
}

void textdoc_chain_line(const char *head, char *out, size_t n)
{
	int len = 2 * CHAIN_HEAD_PRINTED;

	if (!head || !*head)
		snprintf(out, n, "链头（空）");
	else
		snprintf(out, n, "链头 %.*s · 核验: dutydesk check --head %.*s", len, head, len, head);
}
