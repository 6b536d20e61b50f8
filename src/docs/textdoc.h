/* textdoc.h — what the office's documents share (core-internal): the daily
 * report (report.c, report_text.c) and the handover sheet (handover.c,
 * handover_text.c) speak the office's words and are laid out alike. */
#ifndef DUTYDESK_TEXTDOC_H
#define DUTYDESK_TEXTDOC_H

#include <stdio.h>

#include "store/chain.h"
#include "domain/log.h"

/* The kind as the office writes it: 来电, 来文, … (其他 for no known kind). */
const char *textdoc_kind_word(enum log_kind k);
/* The numeral of the section at `i` (from 0): 一, 二, … ("" past the last). */
const char *textdoc_numeral(int i);

/* Lines of `width` display columns: a rule of `c`, `s` centred, and `left`
 * with `right` against the right margin (on two lines when they do not fit). */
void textdoc_rule(FILE *f, int width, char c);
void textdoc_centered(FILE *f, int width, const char *s);
void textdoc_left_right(FILE *f, int width, const char *left, const char *right);

/* What `write` writes of `doc`, as a malloc'd string ("" when it fails). */
char *textdoc_string(void (*write)(FILE *f, const void *doc), const void *doc);
/* The hash of a document's text (BLAKE2b-256) in hex, as its filing or
 * signing event records it. */
void textdoc_hash(const char *text, char hex[2 * CHAIN_HASH_LEN + 1]);
/* The line that carries the chain's head on a paper (its first 16 hex
 * digits of `head`, "" for an empty chain) and how to check it:
 * "链头 0f119ef42f241572 · 核验: dutydesk check --head 0f119ef42f241572". */
void textdoc_chain_line(const char *head, char *out, size_t n);

#endif
