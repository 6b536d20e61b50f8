/* test_ui.c — the UI's parts that need no terminal: the key table (what
 * each key may change) and the text editor of forms and prompts. */
#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "ui/frame/editor.h"
#include "ui/frame/ui_int.h"

static struct ui_key ch(wint_t c)
{
	return (struct ui_key){0, c};
}

static struct ui_key fk(int k)
{
	return (struct ui_key){1, (wint_t)k};
}

static void type(struct editor *e, const wchar_t *s)
{
	for (; *s; s++)
		editor_key(e, ch((wint_t)*s));
}

static void expect(struct editor *e, const char *want)
{
	char *got = editor_text(e);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(table_is_consistent)
{
	char problem[256] = "";
	ck_assert_msg(actions_validate(problem, sizeof problem) == 0, "%s", problem);
	for (int s = 0; s < SCOPE_COUNT; s++)
		ck_assert_int_gt(actions_count((enum ui_scope)s), 0);
}
END_TEST

/* Moving a cursor, paging, switching panes: a redraw, never a re-read. */
START_TEST(moving_keys_change_no_data)
{
	const struct ui_key moves[] = {fk(KEY_UP), fk(KEY_DOWN), ch('j'), ch('k'), fk(KEY_PPAGE),
				       fk(KEY_NPAGE), fk(KEY_HOME), fk(KEY_END), ch('\t'),
				       fk(KEY_BTAB), ch('1'), ch('2'), ch('3')};
	int bound = 0;

	for (int s = 0; s < SCOPE_COUNT; s++) {
		for (size_t i = 0; i < sizeof moves / sizeof moves[0]; i++) {
			long may = actions_may_change((enum ui_scope)s, moves[i]);
			if (may < 0)
				continue;
			bound++;
			ck_assert_msg((may & ~(long)UI_CH_CURSOR) == 0,
				      "scope %d: moving key %d may change data (%#lx)", s,
				      (int)moves[i].ch, (unsigned long)may);
		}
		/* j moves in every pane and view. */
		ck_assert_int_eq(actions_may_change((enum ui_scope)s, ch('j')),
				 s == SCOPE_GLOBAL ? -1 : UI_CH_CURSOR);
	}
	ck_assert_int_gt(bound, 50);
}
END_TEST

/* What writes says what it writes: recording an entry re-reads the log and
 * the escalations, marking a notification done the escalations. */
START_TEST(writing_keys_name_their_data)
{
	long entry = actions_may_change(SCOPE_LOG, ch('n'));
	long done = actions_may_change(SCOPE_ESC, ch('d'));
	long filter = actions_may_change(SCOPE_LOG, ch('o'));

	ck_assert(entry & UI_CH_LOG);
	ck_assert(entry & UI_CH_ESC);
	ck_assert(entry & UI_CH_MODE);
	ck_assert(done & UI_CH_ESC);
	ck_assert(!(done & UI_CH_LOG));
	ck_assert_int_eq(filter, UI_CH_LOG);
	ck_assert_int_eq(actions_may_change(SCOPE_LOG, ch('%')), -1);
}
END_TEST

START_TEST(editor_typing_cjk)
{
	struct editor e;
	editor_init(&e, NULL, 0, 100);
	ck_assert(editor_blank(&e));
	type(&e, L"阳性病例");
	expect(&e, "阳性病例");
	ck_assert(e.dirty);
	editor_key(&e, fk(KEY_LEFT));
	editor_key(&e, fk(KEY_LEFT));
	type(&e, L"x");
	expect(&e, "阳性x病例");
	editor_key(&e, fk(KEY_BACKSPACE));
	editor_key(&e, fk(KEY_DC));
	expect(&e, "阳性例");
	editor_key(&e, fk(KEY_HOME));
	type(&e, L"本土");
	expect(&e, "本土阳性例");
	editor_key(&e, fk(KEY_END));
	type(&e, L"!");
	expect(&e, "本土阳性例!");
	editor_free(&e);
}
END_TEST

START_TEST(editor_kill_keys)
{
	struct editor e;
	editor_init(&e, "诸暨市值班组 来电 通知", 0, 100);
	editor_key(&e, ch(0x17)); /* Ctrl-W: the word before */
	expect(&e, "诸暨市值班组 来电 ");
	editor_key(&e, ch(0x17));
	expect(&e, "诸暨市值班组 ");
	editor_key(&e, ch(0x01)); /* Ctrl-A */
	editor_key(&e, ch(0x0b)); /* Ctrl-K */
	expect(&e, "");
	editor_set(&e, "abc def");
	editor_key(&e, fk(KEY_LEFT));
	editor_key(&e, ch(0x15)); /* Ctrl-U: to the line start */
	expect(&e, "f");
	editor_free(&e);
}
END_TEST

START_TEST(editor_single_line_refuses_newline)
{
	struct editor e;
	editor_init(&e, NULL, 0, 100);
	ck_assert_int_eq(editor_key(&e, ch('\r')), 0);
	ck_assert_int_eq(editor_key(&e, fk(KEY_UP)), 0);
	ck_assert_int_eq(editor_key(&e, ch('\t')), 0);
	expect(&e, "");
	editor_free(&e);
}
END_TEST

START_TEST(editor_multiline)
{
	struct editor e;
	editor_init(&e, "第一行\n第二行长一些", 1, 100);
	expect(&e, "第一行\n第二行长一些");
	/* The cursor is at the end of line 2; up keeps the column. */
	editor_key(&e, fk(KEY_UP));
	type(&e, L"X");
	expect(&e, "第一行X\n第二行长一些");
	editor_key(&e, fk(KEY_DOWN));
	editor_key(&e, fk(KEY_HOME));
	type(&e, L"Y");
	expect(&e, "第一行X\nY第二行长一些");
	editor_key(&e, ch('\r'));
	expect(&e, "第一行X\nY\n第二行长一些");
	editor_free(&e);
}
END_TEST

START_TEST(editor_limit_and_controls)
{
	struct editor e;
	editor_init(&e, NULL, 0, 3);
	type(&e, L"一二三四五");
	expect(&e, "一二三");
	ck_assert_int_eq(editor_key(&e, ch(0x07)), 0); /* a bell is not text */
	ck_assert_int_eq(editor_key(&e, ch(UIK_REFRESHED)), 0);
	editor_free(&e);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ui");
	TCase *tc;
	SRunner *sr;
	int failed;

	setlocale(LC_ALL, "C.UTF-8");
	tc = tcase_create("actions");
	tcase_add_test(tc, table_is_consistent);
	tcase_add_test(tc, moving_keys_change_no_data);
	tcase_add_test(tc, writing_keys_name_their_data);
	suite_add_tcase(s, tc);
	tc = tcase_create("editor");
	tcase_add_test(tc, editor_typing_cjk);
	tcase_add_test(tc, editor_kill_keys);
	tcase_add_test(tc, editor_single_line_refuses_newline);
	tcase_add_test(tc, editor_multiline);
	tcase_add_test(tc, editor_limit_and_controls);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
