/* arena.c — memory handed out from large blocks, given back all at once. */
#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"

#define BLOCK_SIZE 65536   /* a request larger than this gets a block of its own */

struct dd_arena_block {
	struct dd_arena_block *next;
	size_t used, cap;
	_Alignas(max_align_t) char data[];
};

static char *take(struct dd_arena *a, size_t n, size_t align)
{
	struct dd_arena_block *b = a->head;
	size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
	char *p;

	if (!b || at > b->cap || b->cap - at < n) {
		size_t cap = n > BLOCK_SIZE ? n : BLOCK_SIZE;
		b = dd_xmalloc(sizeof *b + cap);
		b->next = a->head;
		b->used = 0;
		b->cap = cap;
		a->head = b;
		at = 0;
	}
	p = b->data + at;
	b->used = at + n;
	return p;
}

void *dd_arena_alloc(struct dd_arena *a, size_t n)
{
	return take(a, n, sizeof(void *));
}

char *dd_arena_strndup(struct dd_arena *a, const char *s, size_t n)
{
	char *p = take(a, n + 1, 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void dd_arena_free(struct dd_arena *a)
{
	while (a->head) {
		struct dd_arena_block *b = a->head;
		a->head = b->next;
		free(b);
	}
}
