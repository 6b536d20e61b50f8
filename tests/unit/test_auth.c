/* test_auth.c — PINs at the shared terminal: stored only as an Argon2id
 * hash, verified, five wrong in a row locking the person out (counted in the
 * database, so two processes count together), who may set whose PIN, and the
 * access the shipped roster gives each person. */
#include "domain/auth.h"

#include "fixture.h"

#include "domain/log.h"
#include "domain/roster.h"
#include "domain/settings.h"
#include "store/store_sql.h"

static struct store *st;
static struct actor op, op2, admin;   /* 赵娜, 俞婕: operators; 周凯琳: admin */

static void setup(void)
{
	fx_mkdir("test_auth");
	st = fx_desk("desk.db");
	op = fx_actor(st, "赵娜");
	op2 = fx_actor(st, "俞婕");
	admin = fx_actor(st, "周凯琳");
}

static void teardown(void)
{
	store_close(st);
	st = NULL;
	fx_cleanup();
}

static struct store *second_handle(void)
{
	char path[512];
	struct store *s;
	struct dd_err err;

	ck_assert_msg(store_open(&s, fx_path("desk.db", path), 0, &err) == 0, "%s", err.msg);
	return s;
}

static void set_pin(const struct actor *by, const char *name, const char *pin)
{
	struct dd_err err;

	ck_assert_msg(auth_set_pin(st, by, name, pin, &err) == 0, "%s", err.msg);
}

/* The stored hash of a person's PIN ("" when none). */
static const char *stored_hash(long long person)
{
	static char buf[256];
	sqlite3_stmt *stmt;

	buf[0] = '\0';
	ck_assert_int_eq(sqlite3_prepare_v2(store_db(st), "SELECT pin_hash FROM credential "
					    "WHERE person_id = ?1", -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_int64(stmt, 1, person);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		snprintf(buf, sizeof buf, "%s", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return buf;
}

static int verify(struct store *s, const struct actor *who, const char *pin, enum dd_code *code)
{
	struct dd_err err = {0};
	int rc = auth_verify(s, who, pin, &err);

	if (code)
		*code = rc == 0 ? DD_OK : err.code;
	return rc;
}

/* ---- setting ------------------------------------------------------------- */

START_TEST(pin_is_stored_as_argon2id)
{
	int has = -1;
	struct dd_err err;
	char first[256];
	const char *h;

	ck_assert_int_eq(auth_has_pin(st, op.id, &has, &err), 0);
	ck_assert_int_eq(has, 0);
	set_pin(&admin, "赵娜", "482915");
	ck_assert_int_eq(auth_has_pin(st, op.id, &has, &err), 0);
	ck_assert_int_eq(has, 1);
	h = stored_hash(op.id);
	ck_assert_msg(strncmp(h, "$argon2id$", 10) == 0, "%s", h);
	ck_assert_ptr_null(strstr(h, "482915"));
	/* Salted: the same PIN for another person hashes differently. */
	snprintf(first, sizeof first, "%s", h);
	set_pin(&admin, "俞婕", "482915");
	ck_assert_str_ne(stored_hash(op2.id), first);
	/* Nothing of the PIN went on the chain or anywhere else in clear. */
	{
		long long n = -1;
		ck_assert_int_eq(store_query_int(st, "SELECT count(*) FROM event WHERE "
						 "instr(body, '482915') > 0", 0, &n, &err), 0);
		ck_assert_int_eq(n, 0);
		ck_assert_int_eq(store_query_int(st, "SELECT count(*) FROM event WHERE "
						 "type = 'pin-set'", 0, &n, &err), 0);
		ck_assert_int_eq(n, 2);
	}
}
END_TEST

START_TEST(who_may_set_a_pin)
{
	struct dd_err err;

	ck_assert_int_eq(auth_set_pin(st, &op, "俞婕", "1234", &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);                   /* another's: an admin's act */
	ck_assert_str_eq(stored_hash(op2.id), "");
	set_pin(&admin, "俞婕", "1234");
	set_pin(&op2, "俞婕", "5678");                           /* one's own */
	ck_assert_int_eq(verify(st, &op2, "5678", NULL), 0);
	ck_assert_int_eq(auth_set_pin(st, &op, "赵娜", "123", &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);                    /* too short */
	ck_assert_int_eq(auth_set_pin(st, &op, "赵娜", NULL, &err), -1);
	ck_assert_int_eq(err.code, DD_EINVAL);
	ck_assert_int_eq(auth_set_pin(st, &admin, "无名氏", "1234", &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_str_eq(stored_hash(op.id), "");
}
END_TEST

/* ---- verifying ----------------------------------------------------------- */

START_TEST(verify_right_and_wrong)
{
	enum dd_code code;

	ck_assert_int_eq(verify(st, &op, "anything", NULL), 0);   /* no PIN: nothing to check */
	set_pin(&admin, "赵娜", "482915");
	ck_assert_int_eq(verify(st, &op, "482915", &code), 0);
	ck_assert_int_eq(verify(st, &op, "482916", &code), -1);
	ck_assert_int_eq(code, DD_EDENIED);
	ck_assert_int_eq(verify(st, &op, "", &code), -1);
	ck_assert_int_eq(verify(st, &op, NULL, &code), -1);
	ck_assert_int_eq(code, DD_EDENIED);
	ck_assert_int_eq(verify(st, &op, "482915", &code), 0);
	ck_assert_int_eq(verify(st, &op2, "482915", &code), 0);   /* 俞婕 has none */
}
END_TEST

START_TEST(five_wrong_lock_out_across_handles)
{
	struct store *other;
	struct dd_err err;
	enum dd_code code;

	set_pin(&admin, "赵娜", "482915");
	other = second_handle();
	for (int i = 0; i < AUTH_MAX_FAILURES - 1; i++) {
		/* Two terminals, taking turns. */
		ck_assert_int_eq(verify(i % 2 ? other : st, &op, "000000", &code), -1);
		ck_assert_int_eq(code, DD_EDENIED);
	}
	ck_assert_int_eq(auth_verify(other, &op, "111111", &err), -1);   /* the fifth */
	ck_assert_ptr_nonnull(strstr(err.msg, "locked out"));
	/* Now even the right PIN is refused, on either handle. */
	ck_assert_int_eq(auth_verify(st, &op, "482915", &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_ptr_nonnull(strstr(err.msg, "locked out"));
	ck_assert_int_eq(verify(other, &op, "482915", &code), -1);
	/* Another person is not affected. */
	set_pin(&admin, "俞婕", "246810");
	ck_assert_int_eq(verify(other, &op2, "246810", NULL), 0);
	store_close(other);

	/* An admin setting a new PIN lifts the lockout. */
	set_pin(&admin, "赵娜", "135790");
	ck_assert_int_eq(verify(st, &op, "135790", NULL), 0);
}
END_TEST

START_TEST(right_pin_resets_the_count)
{
	struct store *other = second_handle();

	set_pin(&admin, "赵娜", "482915");
	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < AUTH_MAX_FAILURES - 1; i++)
			ck_assert_int_eq(verify(round ? st : other, &op, "000000", NULL), -1);
		ck_assert_int_eq(verify(round ? other : st, &op, "482915", NULL), 0);
	}
	store_close(other);
}
END_TEST

START_TEST(lockout_ends)
{
	enum dd_code code;

	/* The only test that moves the clock: the lockout lasts a quarter of
	 * an hour from the fifth wrong PIN. */
	set_pin(&admin, "赵娜", "482915");
	fx_now("2021-12-16T09:00");
	for (int i = 0; i < AUTH_MAX_FAILURES; i++)
		ck_assert_int_eq(verify(st, &op, "000000", NULL), -1);
	fx_now("2021-12-16T09:14");
	ck_assert_int_eq(verify(st, &op, "482915", &code), -1);
	ck_assert_int_eq(code, DD_EDENIED);
	ck_assert_int_eq(AUTH_LOCKOUT_SECONDS, 15 * 60);
	fx_now("2021-12-16T09:15:01");
	ck_assert_int_eq(verify(st, &op, "482915", &code), 0);
	/* And the count started again from nothing. */
	ck_assert_int_eq(verify(st, &op, "000000", NULL), -1);
	ck_assert_int_eq(verify(st, &op, "482915", NULL), 0);
	fx_now(NULL);
}
END_TEST

/* ---- who may do what ------------------------------------------------------ */

/* `name` as found on the roster: not yet proved by PIN. */
static struct actor found(const char *name)
{
	struct actor a;
	struct dd_err err;

	ck_assert_msg(person_identify(st, name, &a, &err) == 0, "%s: %s", name, err.msg);
	ck_assert_int_eq(a.verified, 0);
	return a;
}

static long long count_of(const char *sql)
{
	long long n = -1;
	struct dd_err err;

	ck_assert_msg(store_query_int(st, sql, 0, &n, &err) == 0, "%s", err.msg);
	return n;
}

START_TEST(unknown_names_are_refused_not_added)
{
	struct actor a;
	struct dd_err err;
	long long people = count_of("SELECT count(*) FROM person");
	long long events = count_of("SELECT count(*) FROM event");

	ck_assert_int_eq(person_identify(st, "无名氏", &a, &err), -1);
	ck_assert_int_eq(err.code, DD_ENOTFOUND);
	ck_assert_ptr_nonnull(strstr(err.msg, "an admin enrols people"));
	ck_assert_int_eq(count_of("SELECT count(*) FROM person"), people);
	ck_assert_int_eq(count_of("SELECT count(*) FROM event"), events);
}
END_TEST

START_TEST(supervisor_rights_need_the_pin)
{
	struct actor sup = found("徐航锋"), boss = found("周凯琳");
	struct dd_err err;

	/* No admin has a PIN: an admin must first enrol themself. */
	ck_assert_int_eq(auth_require(st, &sup, ACCESS_SUPERVISOR, "standing down", &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_ptr_nonnull(strstr(err.msg, "徐航锋 has no PIN yet"));
	ck_assert_ptr_nonnull(strstr(err.msg, "an admin must first enrol themself"));
	/* The way in, then the admins with a PIN are named. */
	ck_assert_msg(auth_set_pin(st, &boss, "周凯琳", "97531", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(auth_require(st, &sup, ACCESS_SUPERVISOR, "standing down", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "an admin with a PIN sets one: 周凯琳"));
	/* With a PIN, proved: the rights hold; not proved: refused. */
	set_pin(&admin, "徐航锋", "5555");
	ck_assert_int_eq(auth_require(st, &sup, ACCESS_SUPERVISOR, "standing down", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "徐航锋's own PIN"));
	ck_assert_int_eq(auth_check(st, &sup, "5556", &err), -1);
	ck_assert_int_eq(sup.verified, 0);
	ck_assert_msg(auth_check(st, &sup, "5555", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(sup.verified, 1);
	ck_assert_msg(auth_require(st, &sup, ACCESS_SUPERVISOR, "standing down", &err) == 0, "%s",
		      err.msg);
	/* A proved operator still has no supervisor rights. */
	ck_assert_int_eq(auth_require(st, &op, ACCESS_SUPERVISOR, "standing down", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "needs supervisor rights"));
}
END_TEST

START_TEST(the_first_admin_is_the_way_in)
{
	struct actor zhao = found("赵娜"), zhou = found("周凯琳"), yang = found("杨洁");
	struct dd_err err;

	/* Nobody but an admin sets the first PIN of their own. */
	ck_assert_int_eq(auth_set_pin(st, &zhao, "赵娜", "1357", &err), -1);
	ck_assert_int_eq(err.code, DD_EDENIED);
	ck_assert_msg(auth_set_pin(st, &zhou, "周凯琳", "97531", &err) == 0, "%s", err.msg);
	/* Once one admin has a PIN, another admin is enrolled by her. */
	ck_assert_int_eq(auth_set_pin(st, &yang, "杨洁", "1357", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "an admin with a PIN sets one: 周凯琳"));
	/* An admin not proved by her PIN sets nobody's. */
	ck_assert_int_eq(auth_set_pin(st, &zhou, "赵娜", "1357", &err), -1);
	ck_assert_int_eq(auth_check(st, &zhou, "97531", &err), 0);
	ck_assert_msg(auth_set_pin(st, &zhou, "赵娜", "1357", &err) == 0, "%s", err.msg);
	/* One's own PIN changes with the current one proved. */
	ck_assert_int_eq(auth_set_pin(st, &zhao, "赵娜", "2468", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "needs the current one"));
	ck_assert_int_eq(auth_check(st, &zhao, "1357", &err), 0);
	ck_assert_msg(auth_set_pin(st, &zhao, "赵娜", "2468", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(verify(st, &zhao, "2468", NULL), 0);
	/* A proved operator sets nobody else's. */
	ck_assert_int_eq(auth_set_pin(st, &zhao, "俞婕", "2468", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "needs admin rights"));
}
END_TEST

START_TEST(operator_pins_relaxed_mark_what_is_written)
{
	struct actor wang = found("边吉");
	struct log_new n = {.kind = LOG_CALL, .summary = "未核验的来电"};
	struct log_added out;
	struct log_entry e;
	struct dd_err err;

	/* Required by default: an operator without a PIN may not act. */
	ck_assert_int_eq(auth_may_act(st, &wang, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "边吉 has no PIN yet"));
	ck_assert_int_eq(settings_set(st, &op, SETTING_OPERATOR_PIN, "optional", &err), -1);
	ck_assert_msg(settings_set(st, &admin, SETTING_OPERATOR_PIN, "optional", &err) == 0, "%s",
		      err.msg);
	ck_assert_msg(auth_may_act(st, &wang, &err) == 0, "%s", err.msg);
	/* Supervisor rights still need the PIN. */
	ck_assert_int_eq(auth_require(st, &wang, ACCESS_SUPERVISOR, "x", &err), -1);
	/* What is written without a PIN is marked, on the entry and the chain. */
	ck_assert_msg(log_add(st, &wang, &n, &out, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(log_get(st, out.id, &e, &err), 0);
	ck_assert_int_eq(e.unverified, 1);
	log_entry_clear(&e);
	ck_assert_int_eq(count_of("SELECT count(*) FROM event WHERE type = 'created' AND "
				  "json_extract(body, '$.unverified') = 1"), 1);
	ck_assert_msg(log_note(st, &wang, out.id, LOG_NOTE, "补充", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(count_of("SELECT count(*) FROM event WHERE type = 'noted' AND "
				  "json_extract(body, '$.unverified') = 1 AND "
				  "json_extract(body, '$.text') = '补充'"), 1);
	/* A proved operator's entry is not marked. */
	n.summary = "核验过的来电";
	ck_assert_msg(log_add(st, &op, &n, &out, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(log_get(st, out.id, &e, &err), 0);
	ck_assert_int_eq(e.unverified, 0);
	log_entry_clear(&e);
	/* Back to required. */
	ck_assert_msg(settings_set(st, &admin, SETTING_OPERATOR_PIN, "required", &err) == 0, "%s",
		      err.msg);
	ck_assert_int_eq(auth_may_act(st, &wang, &err), -1);
	ck_assert_int_eq(settings_set(st, &admin, SETTING_OPERATOR_PIN, "sometimes", &err), -1);
}
END_TEST

START_TEST(a_group_leader_supervises_their_group)
{
	struct actor ying = fx_actor(st, "应伟龙");   /* 交通管理组's leader, an operator */
	struct actor ying_unproved = found("应伟龙");
	long long own = 0, other = 0;
	struct dd_err err;
	int leads = -1;

	ck_assert_int_eq(roster_find_group(st, "交通管理组", &own, &err), 0);
	ck_assert_int_eq(roster_find_group(st, "宣传舆情组", &other, &err), 0);
	ck_assert_int_eq(auth_leads_group(st, ying.id, own, &leads, &err), 0);
	ck_assert_int_eq(leads, 1);
	ck_assert_int_eq(auth_leads_group(st, ying.id, other, &leads, &err), 0);
	ck_assert_int_eq(leads, 0);
	ck_assert_msg(auth_require_group(st, &ying, own, "closing", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(auth_require_group(st, &ying, other, "closing", &err), -1);
	ck_assert_int_eq(auth_require_group(st, &ying_unproved, own, "closing", &err), -1);
	ck_assert_int_eq(auth_require_group(st, &op, own, "closing", &err), -1);
	{
		/* Through log_close: her group's incident, not another's. */
		struct log_new n = {.kind = LOG_CALL, .summary = "卡点来电", .group = "交通管理组"};
		struct log_added a, b;
		ck_assert_int_eq(log_add(st, &op, &n, &a, &err), 0);
		n.group = "宣传舆情组";
		ck_assert_int_eq(log_add(st, &op, &n, &b, &err), 0);
		ck_assert_int_eq(log_close(st, &ying, b.id, "已处理", &err), -1);
		ck_assert_int_eq(err.code, DD_EDENIED);
		ck_assert_msg(log_close(st, &ying, a.id, "已处理", &err) == 0, "%s", err.msg);
	}
}
END_TEST

/* ---- access of the shipped roster ---------------------------------------- */

static int holds(const struct roster *r, enum grp_kind kind, enum post_title t1,
		 enum post_title t2, long long person)
{
	for (int i = 0; i < r->ngroups; i++)
		if (r->groups[i].kind == kind)
			for (int k = 0; k < r->groups[i].nholders; k++) {
				const struct roster_holder *h = &r->groups[i].holders[k];
				if (h->person_id == person && (h->title == t1 || h->title == t2))
					return 1;
			}
	return 0;
}

START_TEST(roles_of_the_shipped_roster)
{
	struct roster *r;
	struct dd_err err;
	int total = 0, counts[3] = {0};
	long long unprotected = -1;

	ck_assert_int_eq(roster_load(st, fx_time("2021-12-15T12:00"), &r, &err), 0);
	for (int a = ACCESS_OPERATOR; a <= ACCESS_ADMIN; a++) {
		char **names;
		int n;
		ck_assert_int_eq(person_names(st, (enum access)a, &names, &n, &err), 0);
		for (int i = 0; i < n; i++) {
			struct actor p = fx_actor(st, names[i]);
			enum access want = ACCESS_OPERATOR;
			/* The office's director and deputy are admins; the leadership
			 * group's leaders and deputies supervisors; everyone else an
			 * operator. */
			if (holds(r, GRP_OFFICE, POST_DIRECTOR, POST_DEPUTY_DIRECTOR, p.id))
				want = ACCESS_ADMIN;
			else if (holds(r, GRP_LEADERSHIP, POST_LEADER, POST_DEPUTY, p.id))
				want = ACCESS_SUPERVISOR;
			ck_assert_msg(p.access == want, "%s: %s, want %s", p.name,
				      person_access_name(p.access), person_access_name(want));
			ck_assert_int_eq(p.access, a);
			counts[a]++;
		}
		total += n;
		person_names_free(names, n);
	}
	roster_free(r);
	ck_assert_int_eq(total, 17);               /* everyone the notice names */
	ck_assert_int_eq(counts[ACCESS_SUPERVISOR], 3);   /* 徐航锋 张宝庭 何欣威 */
	ck_assert_int_eq(counts[ACCESS_ADMIN], 2);        /* 周凯琳 杨洁 */

	/* Until they set PINs, the desk warns about every supervisor and admin. */
	ck_assert_int_eq(auth_unprotected(st, &unprotected, &err), 0);
	ck_assert_int_eq(unprotected, counts[ACCESS_SUPERVISOR] + counts[ACCESS_ADMIN]);
	set_pin(&admin, "周凯琳", "97531");
	set_pin(&admin, "赵娜", "24680");                 /* an operator's: no change */
	ck_assert_int_eq(auth_unprotected(st, &unprotected, &err), 0);
	ck_assert_int_eq(unprotected, counts[ACCESS_SUPERVISOR] + counts[ACCESS_ADMIN] - 1);
}
END_TEST

int main(void)
{
	const struct fx_case cases[] = {
		{"auth_set_pin", {pin_is_stored_as_argon2id, who_may_set_a_pin}},
		{"auth_verify", {verify_right_and_wrong, five_wrong_lock_out_across_handles,
				 right_pin_resets_the_count, lockout_ends}},
		{"access", {roles_of_the_shipped_roster}},
		{"who may do what", {unknown_names_are_refused_not_added,
				     supervisor_rights_need_the_pin, the_first_admin_is_the_way_in,
				     operator_pins_relaxed_mark_what_is_written,
				     a_group_leader_supervises_their_group}},
	};

	/* Argon2id is slow on purpose; under the sanitizers more so. */
	return fx_run(fx_suite("auth", cases, sizeof cases / sizeof cases[0], setup, teardown,
			       300));
}
