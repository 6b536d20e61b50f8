/* arena.h — memory handed out from large blocks and given back all at once.
 *
 * For the many small strings of a paper read row by row (a handover sheet
 * of a busy shift keeps some 100,000): a malloc and a free each would cost
 * more than the copying.  Nothing is freed alone. */
#ifndef DUTYDESK_ARENA_H
#define DUTYDESK_ARENA_H

#include <stddef.h>

struct dd_arena_block;

struct dd_arena {
	struct dd_arena_block *head;   /* NULL: empty (a zeroed arena is ready) */
};

/* `n` bytes aligned for a pointer, valid until dd_arena_free. */
void *dd_arena_alloc(struct dd_arena *a, size_t n);
/* A copy of s[0..n) with a '\0' after it. */
char *dd_arena_strndup(struct dd_arena *a, const char *s, size_t n);
/* Everything handed out, given back; the arena is empty again. */
void dd_arena_free(struct dd_arena *a);

#endif
