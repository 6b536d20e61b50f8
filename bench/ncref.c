/* ncref.c — the reference of the UI's key-to-frame figures: bare ncurses,
 * nothing read, each key (and each new size) redrawing every cell of the
 * screen with text of the desk's kind, shifted a row, as a list scrolled by a
 * row would be.  Prints "ready" on its first frame; q quits. */
#include <locale.h>
#include <stdio.h>
#include <wchar.h>

#include <curses.h>

static const wchar_t *const words[] = {
	L"马剑镇", L"密接", L"次密接", L"核酸检测", L"阳性", L"来电", L"诸暨市",
	L"隔离点", L"转运", L"已通报", L"值班", L"call", L"#1024", L"10:42",
};

static void draw(int k)
{
	wchar_t line[1024];

	erase();
	for (int y = 0; y < LINES - 1; y++) {
		int w = 0, n = 0;
		for (int i = 0; w < COLS - 8; i++) {
			const wchar_t *s = words[(size_t)(y + k + i) % (sizeof words / sizeof *words)];
			for (; *s && n < 1000; s++, n++) {
				line[n] = *s;
				w += wcwidth(*s) > 0 ? wcwidth(*s) : 1;
			}
			line[n++] = L' ';
			w++;
		}
		line[n] = L'\0';
		if (y == 0)
			attron(A_REVERSE);
		mvaddnwstr(y, 0, line, n);
		if (y == 0)
			attroff(A_REVERSE);
	}
	mvprintw(LINES - 1, 0, "ready %d", k);
}

int main(void)
{
	int k = 0, ch;

	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	draw(k);
	refresh();
	while ((ch = getch()) != 'q' && ch != ERR) {
		draw(++k);
		refresh();
	}
	endwin();
	return 0;
}
