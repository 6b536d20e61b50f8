/* changes.h — what changed in the town's situation over a stretch of time,
 * for the office's papers (the handover sheet, the daily report): the mode
 * (the task force activated, stood down), zones (封控区, 管控区, 防范区 set,
 * changed or lifted) and checkpoints (卡点 set up, stood down), as the chain
 * recorded them.  Inside docs/ (the papers share it). */
#ifndef DUTYDESK_CHANGES_H
#define DUTYDESK_CHANGES_H

#include "base/ddtime.h"
#include "base/err.h"
#include "store/store.h"

enum doc_change_kind { DOC_CHANGE_MODE, DOC_CHANGE_ZONE, DOC_CHANGE_CHECKPOINT };

struct doc_change {
	long long event_id;
	dd_time at;                 /* recorded (the event on the chain) */
	enum doc_change_kind kind;
	const char *what;           /* "模式", "管控区域", "卡点" */
	const char *text;           /* "启动疫情处置专班（战时）", "马剑村：划为封控区" … */
	const char *detail;         /* trigger or reason, source, staff and hours ("" none) */
	const char *by;             /* who recorded it ("" unknown) */
	int taskforce;              /* a change of mode: 1 the task force started, 0 stood down */
};

/* Call `fn` for each change recorded in [from, until), in the chain's order
 * (the drill's own mode changes when `drill`; zones and checkpoints are
 * real only), until it returns non-zero.  The strings live until `fn`
 * returns.  One query over the few events of these types. */
int doc_changes_each(struct store *st, int drill, dd_time from, dd_time until,
		     int (*fn)(const struct doc_change *c, void *ctx), void *ctx,
		     struct dd_err *err);

#endif
