/* editor.h — editing a line or a few lines of wide-character text.
 *
 * The keys people expect: arrows, Home/End (Ctrl-A/Ctrl-E), Backspace,
 * Delete, Ctrl-U (to line start), Ctrl-K (to line end), Ctrl-W (the word
 * before).  Chinese text is measured by wcwidth, wrapped by columns. */
#ifndef DUTYDESK_UI_EDITOR_H
#define DUTYDESK_UI_EDITOR_H

#include <stddef.h>

#include "ui/frame/ui_int.h"

struct editor {
	wchar_t *buf;
	size_t len, cap;
	size_t cur;        /* cursor, an index into buf */
	size_t max;        /* most characters it holds */
	int multiline;
	int top;           /* first visual line shown */
	int dirty;         /* changed since editor_init */
	int selected;      /* the whole text is selected (a prefilled answer):
			    * the first character typed replaces it, a moving
			    * or deleting key keeps it for editing */
};

void editor_init(struct editor *e, const char *utf8, int multiline, size_t max);
void editor_free(struct editor *e);
void editor_set(struct editor *e, const char *utf8);
/* Select the whole text (when there is any), as a form selects a
 * prefilled field: typing replaces it. */
void editor_select_all(struct editor *e);

/* Apply a key.  Returns 1 when it was an editing key (consumed), else 0.
 * While the text is selected, a printable character replaces it; any other
 * editing key first drops the selection and then acts as usual. */
int editor_key(struct editor *e, struct ui_key k);

char *editor_text(const struct editor *e);   /* malloc'd UTF-8 */
int editor_blank(const struct editor *e);    /* nothing but white space */

/* Draw into rows [y, y+h) and columns [x, x+w) of `win`; when focused,
 * returns the cursor's screen position in *cy, *cx. */
void editor_draw(struct editor *e, WINDOW *win, int y, int x, int h, int w, int focused,
		 int secret, attr_t attr, int *cy, int *cx);

#endif
