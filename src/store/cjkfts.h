/* cjkfts.h — full-text search that finds Chinese words of any length.
 *
 * SQLite's FTS5 trigram tokenizer cannot answer a query shorter than three
 * characters, yet the words the desk searches for most (阳性, 密接, 转运) are
 * two characters long.  This module registers an FTS5 tokenizer, "ddbigram",
 * that indexes every character and every pair of adjacent characters, so that
 * any substring of one or more characters can be found:
 *
 *	CREATE VIRTUAL TABLE t USING fts5(body, content='', tokenize='ddbigram');
 *	... WHERE t MATCH ?   -- bound to the output of cjkfts_match_expr()
 *
 * Whitespace, control characters and U+3000 separate words: a match never
 * spans them.  ASCII letters are folded to lower case; everything else is
 * matched as written.  The tokenizer must be registered on every connection
 * that writes to or queries such a table. */
#ifndef DUTYDESK_CJKFTS_H
#define DUTYDESK_CJKFTS_H

#include <stddef.h>

#include <sqlite3.h>

/* Name to use in tokenize='...'. */
#define CJKFTS_TOKENIZER "ddbigram"

/* Register the "ddbigram" tokenizer on `db`.  Returns 0, or -1 with a message
 * in `errbuf` (which may be NULL) when FTS5 is missing or refuses it. */
int cjkfts_register(sqlite3 *db, char *errbuf, size_t errsz);

/* Turn what a person typed into an FTS5 MATCH expression: each
 * whitespace-separated word becomes a double-quoted phrase (with any " inside
 * doubled), joined by spaces (FTS5's implicit AND).  Words are split at the
 * same separators the tokenizer uses (ASCII whitespace and controls, U+3000)
 * and at invalid UTF-8 bytes, which are dropped.  Returns 0, or -1 when `out`
 * is too small or there is no word at all (out is then "", if outsz > 0).
 * Never lets FTS5 syntax (AND, OR, NOT, NEAR, *, ^, :, parentheses) through
 * unquoted.  `out` never needs more than 3 * strlen(typed) + 3 bytes. */
int cjkfts_match_expr(const char *typed, char *out, size_t outsz);

#endif
