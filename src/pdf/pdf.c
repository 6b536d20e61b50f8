/* pdf.c — the handover sheet as an A4 PDF, typeset with pango.
 *
 * Two passes over the same layout code: the first measures every row and
 * counts the pages, the second draws, so that each page's foot can say
 * "第 N 页 / 共 M 页".  Each cell is laid out (shaped) once: its layout is
 * kept from the measuring to the drawing, and the short texts that come
 * again and again (numbers, times, kinds, statuses, the header rows) are
 * laid out once for the whole sheet.  Tables are ruled cell by cell; a table that goes on
 * to the next page repeats its heading and header row there; a row is never
 * split (a very long cell is cut at CELL_MAX_LINES lines with an ellipsis,
 * so that every row fits on a page).  Text is Noto Sans CJK SC, the title
 * Noto Serif CJK SC (Debian's fonts-noto-cjk). */
#include "pdf/pdf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/text.h"
#include "docs/textdoc.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

/* A4 in points, and the margins. */
#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN_X 42.0
#define MARGIN_TOP 46.0
#define MARGIN_BOTTOM 56.0
#define BODY_W (PAGE_W - 2 * MARGIN_X)
#define BODY_BOTTOM (PAGE_H - MARGIN_BOTTOM)
#define CELL_PAD 3.0
#define CELL_MAX_LINES 30

#define FONT_SANS "Noto Sans CJK SC"
#define FONT_SERIF "Noto Serif CJK SC"
#define FONT_SANS_OR_SERIF_TITLE FONT_SERIF " Bold 20"

enum font {
	F_TITLE, F_SUB, F_HEAD, F_SECTION, F_TH, F_TD, F_TD_BOLD, F_FOOT, F_MARK, F_BANNER,
	F_COUNT
};

static const char *const font_specs[F_COUNT] = {
	FONT_SANS_OR_SERIF_TITLE, FONT_SANS " 11", FONT_SANS " 10", FONT_SANS " Bold 12",
	FONT_SANS " Bold 9", FONT_SANS " 9", FONT_SANS " Bold 9", FONT_SANS " 8",
	FONT_SANS " Bold 80", FONT_SANS " Bold 12",
};

struct pdf {
	const struct handover *h;
	cairo_t *cr;
	PangoFontMap *fontmap;  /* our own: released whole at the end */
	PangoContext *ctx;
	PangoLayout *lay;
	PangoFontDescription *fonts[F_COUNT];
	int draw;             /* 0: the measuring pass */
	int page, pages;
	double y;
	double **heights;     /* per section, per row: measured in the first pass */
	/* Each cell is laid out once: a short text (a number, a time, a kind,
	 * a status: the same few again and again) once for the whole sheet,
	 * kept by font, width and text; a long one when its row is measured,
	 * kept until the row is drawn. */
	GHashTable *cache;
	PangoLayout ***kept;  /* per section, per row * ncols + col */
};

/* Cells of at most this many bytes are laid out once for the sheet. */
#define CACHE_TEXT_MAX 64

/* The head of the sheet as a table of two columns without a header. */
static const struct handover_column head_cols[] = {
	{"项目", 0, 14, 0}, {"内容", 0, 86, 0},
};

/* ---- text ---- */

/* Lay `text` out in `font`, `width` points wide (0: no wrapping). */
static void set_text(struct pdf *p, enum font f, const char *text, double width, int right)
{
	pango_layout_set_font_description(p->lay, p->fonts[f]);
	pango_layout_set_width(p->lay, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(p->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_ellipsize(p->lay, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
	pango_layout_set_height(p->lay, -CELL_MAX_LINES);
	pango_layout_set_alignment(p->lay, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	{
		char *shown = text_visible(text);  /* a control character never acts on the layout */
		pango_layout_set_text(p->lay, shown, -1);
		free(shown);
	}
}

static double text_h(struct pdf *p)
{
	int w, h;
	pango_layout_get_size(p->lay, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double text_w(struct pdf *p)
{
	int w, h;
	pango_layout_get_size(p->lay, &w, &h);
	return (double)w / PANGO_SCALE;
}

static void show(struct pdf *p, double x, double y)
{
	if (!p->draw)
		return;
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->lay);
}

/* ---- pages ---- */

static void foot(struct pdf *p)
{
	char left[512], right[64], chain[160];

	textdoc_chain_line(p->h->chain_head, chain, sizeof chain);
	snprintf(left, sizeof left, "%s　疫情防控值班交接班记录　班次：%s\n%s", p->h->town,
		 p->h->period_text, chain);
	snprintf(right, sizeof right, "第 %d 页 / 共 %d 页", p->page, p->pages);
	cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN_X, BODY_BOTTOM + 14);
	cairo_line_to(p->cr, PAGE_W - MARGIN_X, BODY_BOTTOM + 14);
	cairo_stroke(p->cr);
	set_text(p, F_FOOT, left, BODY_W * 0.7, 0);
	show(p, MARGIN_X, BODY_BOTTOM + 18);
	set_text(p, F_FOOT, right, 0, 0);
	show(p, PAGE_W - MARGIN_X - text_w(p), BODY_BOTTOM + 18);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void end_page(struct pdf *p)
{
	if (!p->draw)
		return;
	foot(p);
	cairo_show_page(p->cr);
}

/* The document's watermark across the page, light, under what follows. */
static void watermark(struct pdf *p)
{
	const char *mark = p->h->watermark;

	if (!p->draw || !*mark)
		return;
	cairo_save(p->cr);
	cairo_translate(p->cr, PAGE_W / 2, PAGE_H / 2);
	cairo_rotate(p->cr, -0.9553);  /* along the page's diagonal */
	set_text(p, F_MARK, mark, 0, 0);
	cairo_set_source_rgba(p->cr, 0.8, 0.1, 0.1, 0.16);
	cairo_move_to(p->cr, -text_w(p) / 2, -text_h(p) / 2);
	pango_cairo_show_layout(p->cr, p->lay);
	cairo_restore(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

static void new_page(struct pdf *p)
{
	if (p->page > 0)
		end_page(p);
	p->page++;
	p->y = MARGIN_TOP;
	watermark(p);
}

/* Room for `h` points on this page?  Else a new page; returns 1 then. */
static int room(struct pdf *p, double h)
{
	if (p->y + h <= BODY_BOTTOM || p->y == MARGIN_TOP)
		return 0;
	new_page(p);
	return 1;
}

/* The document's marker line (a drill's), bold and red. */
static void banner(struct pdf *p)
{
	if (!*p->h->banner)
		return;
	set_text(p, F_BANNER, p->h->banner, BODY_W, 0);
	room(p, text_h(p) + 8);
	if (p->draw)
		cairo_set_source_rgb(p->cr, 0.75, 0, 0);
	show(p, MARGIN_X, p->y);
	if (p->draw)
		cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y += text_h(p) + 8;
}

/* ---- tables ---- */

static void col_x(const struct handover_column *cols, int ncols, double *x, double *w)
{
	int total = 0;
	double at = MARGIN_X;

	for (int c = 0; c < ncols; c++)
		total += cols[c].weight;
	for (int c = 0; c < ncols; c++) {
		x[c] = at;
		w[c] = BODY_W * cols[c].weight / (total ? total : 1);
		at += w[c];
	}
}

/* A layout of its own for `text` (as set_text lays it out). */
static PangoLayout *new_layout(struct pdf *p, enum font f, const char *text, double width,
			       int right)
{
	PangoLayout *lay = pango_layout_new(p->ctx);
	char *shown = text_visible(text);  /* a control character never acts on the layout */

	pango_layout_set_font_description(lay, p->fonts[f]);
	pango_layout_set_width(lay, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_ellipsize(lay, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
	pango_layout_set_height(lay, -CELL_MAX_LINES);
	pango_layout_set_alignment(lay, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(lay, shown, -1);
	free(shown);
	return lay;
}

/* The layout of a cell: a short text's from the sheet's cache (*own 0), a
 * long one's made now (*own 1: the caller keeps or releases it). */
static PangoLayout *cell_layout(struct pdf *p, enum font f, const char *text, double width,
				int right, int *own)
{
	PangoLayout *lay;
	char *key;

	*own = strlen(text) > CACHE_TEXT_MAX;
	if (*own)
		return new_layout(p, f, text, width, right);
	key = g_strdup_printf("%d|%d|%d|%s", (int)f, (int)(width * PANGO_SCALE), right, text);
	lay = g_hash_table_lookup(p->cache, key);
	if (lay) {
		g_free(key);
		return lay;
	}
	lay = new_layout(p, f, text, width, right);
	g_hash_table_insert(p->cache, key, lay);
	return lay;
}

static double layout_h(PangoLayout *lay)
{
	int w, h;
	pango_layout_get_size(lay, &w, &h);
	return (double)h / PANGO_SCALE;
}

static enum font cell_font(enum font f, int flag, int c)
{
	return flag && c == 0 && f == F_TD ? F_TD_BOLD : f;
}

/* The height of a row; the layouts of its long cells kept in `keep` (one
 * per column; NULL: none kept). */
static double row_height(struct pdf *p, const struct handover_column *cols, int ncols,
			 char *const *cells, enum font f, const double *w, int flag,
			 PangoLayout **keep)
{
	double hmax = 0;

	for (int c = 0; c < ncols; c++) {
		int own;
		PangoLayout *lay = cell_layout(p, cell_font(f, flag, c), cells[c],
					       w[c] - 2 * CELL_PAD, cols[c].right, &own);
		if (layout_h(lay) > hmax)
			hmax = layout_h(lay);
		if (own && keep)
			keep[c] = lay;
		else if (own)
			g_object_unref(lay);
	}
	return hmax + 2 * CELL_PAD;
}

static void draw_row(struct pdf *p, const struct handover_column *cols, int ncols,
		     char *const *cells, enum font f, const double *x, const double *w,
		     double rh, int shade, int flag, PangoLayout **keep)
{
	if (!p->draw) {
		p->y += rh;
		return;
	}
	if (shade || flag) {
		if (shade)
			cairo_set_source_rgb(p->cr, 0.88, 0.88, 0.88);
		else
			cairo_set_source_rgb(p->cr, 1.0, 0.91, 0.91);
		cairo_rectangle(p->cr, MARGIN_X, p->y, BODY_W, rh);
		cairo_fill(p->cr);
	}
	/* The row's rules as one path, one stroke. */
	cairo_set_line_width(p->cr, 0.6);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	for (int c = 0; c < ncols; c++)
		cairo_rectangle(p->cr, x[c], p->y, w[c], rh);
	cairo_stroke(p->cr);
	for (int c = 0; c < ncols; c++) {
		int own = 0;
		PangoLayout *lay = keep && keep[c] ? keep[c]
			: cell_layout(p, cell_font(f, flag, c), cells[c], w[c] - 2 * CELL_PAD,
				      cols[c].right, &own);
		if (flag && c < 2)
			cairo_set_source_rgb(p->cr, c == 0 ? 0.7 : 0, 0, 0);
		cairo_move_to(p->cr, x[c] + CELL_PAD, p->y + CELL_PAD);
		pango_cairo_show_layout(p->cr, lay);
		if (keep && keep[c]) {  /* drawn once: let it go */
			g_object_unref(keep[c]);
			keep[c] = NULL;
		} else if (own) {
			g_object_unref(lay);
		}
	}
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y += rh;
}

static void heading(struct pdf *p, const char *text)
{
	set_text(p, F_SECTION, text, BODY_W, 0);
	show(p, MARGIN_X, p->y);
	p->y += text_h(p) + 4;
}

/* A section's heading and table; rows' heights are measured in the first
 * pass and kept for the second. */
static void table(struct pdf *p, const struct handover_section *s, const char *title,
		  double *heights, PangoLayout **kept)
{
	double *x = malloc((size_t)s->ncols * sizeof *x), *w = malloc((size_t)s->ncols * sizeof *w);
	char **head = malloc((size_t)s->ncols * sizeof *head), cont[512];
	double hh, th;

	if (!x || !w || !head)
		abort();
	col_x(s->cols, s->ncols, x, w);
	for (int c = 0; c < s->ncols; c++)
		head[c] = (char *)s->cols[c].title;
	hh = row_height(p, s->cols, s->ncols, head, F_TH, w, 0, NULL);
	set_text(p, F_SECTION, title, BODY_W, 0);
	th = text_h(p) + 4;
	/* The heading stays with the header row and the first row. */
	room(p, th + hh + (s->nrows ? heights[0] : 0));
	heading(p, title);
	draw_row(p, s->cols, s->ncols, head, F_TH, x, w, hh, 1, 0, NULL);
	snprintf(cont, sizeof cont, "%s（续）", s->title);
	for (int r = 0; r < s->nrows; r++) {
		if (room(p, heights[r])) {
			heading(p, cont);
			draw_row(p, s->cols, s->ncols, head, F_TH, x, w, hh, 1, 0, NULL);
		}
		draw_row(p, s->cols, s->ncols, s->rows[r].cells, F_TD, x, w, heights[r], 0,
			 s->rows[r].flag, p->draw ? kept + (size_t)r * (size_t)s->ncols : NULL);
	}
	p->y += 10;
	free(x);
	free(w);
	free(head);
}

static void measure(struct pdf *p, const struct handover_section *s, double *heights,
		    PangoLayout **kept)
{
	double x[16], w[16];
	int n = s->ncols < 16 ? s->ncols : 16;

	col_x(s->cols, n, x, w);
	for (int r = 0; r < s->nrows; r++)
		heights[r] = row_height(p, s->cols, n, s->rows[r].cells, F_TD, w,
					s->rows[r].flag, kept + (size_t)r * (size_t)s->ncols);
}

static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八",
				       "九", "十"};

static void section(struct pdf *p, int i, const struct handover_section *s)
{
	char title[512];

	snprintf(title, sizeof title, "%s、%s%s%s", i < 10 ? numerals[i] : "", s->title,
		 *s->summary ? "：" : "", s->summary);
	if (s->ncols > 0 && s->nrows > 0) {
		table(p, s, title, p->heights[i], p->kept[i]);
		return;
	}
	set_text(p, F_SECTION, title, BODY_W, 0);
	room(p, text_h(p) + 4);
	heading(p, title);
	if (s->ncols == 0 && s->text && *s->text) {
		set_text(p, F_HEAD, s->text, BODY_W - 16, 0);
		pango_layout_set_height(p->lay, -1000);
		room(p, text_h(p));
		show(p, MARGIN_X + 16, p->y);
		p->y += text_h(p);
	}
	p->y += 10;
}

/* ---- the head and the signatures ---- */

static void head_row(char **cells, const char *label, char *value)
{
	cells[0] = (char *)label;
	cells[1] = value;
}

static void head(struct pdf *p)
{
	const struct handover *h = p->h;
	char period[512], mode[256], people[1024], summary[512], when[DDTIME_BUFSZ];
	char *rows[5][2];
	double x[2], w[2];

	set_text(p, F_TITLE, "疫情防控值班交接班记录", 0, 0);
	show(p, (PAGE_W - text_w(p)) / 2, p->y);
	p->y += text_h(p) + 2;
	set_text(p, F_SUB, "三清：情况清、问题清、任务清", 0, 0);
	show(p, (PAGE_W - text_w(p)) / 2, p->y);
	p->y += text_h(p) + 10;

	snprintf(period, sizeof period, "%s　　（截至 %s）", h->period_text, h->as_of_text);
	if (h->taskforce && h->mode_trigger)
		snprintf(mode, sizeof mode, "疫情处置专班（战时），自 %s 起（条目 #%lld 触发）",
			 ddtime_format(h->mode_since, DDTIME_MINUTE, when), h->mode_trigger);
	else if (h->taskforce)
		snprintf(mode, sizeof mode, "疫情处置专班（战时），自 %s 起",
			 ddtime_format(h->mode_since, DDTIME_MINUTE, when));
	else if (h->mode_since)
		snprintf(mode, sizeof mode, "常态化防控，自 %s 起",
			 ddtime_format(h->mode_since, DDTIME_MINUTE, when));
	else
		snprintf(mode, sizeof mode, "常态化防控");
	snprintf(people, sizeof people, "交班人：%s　　接班人：%s　　带班领导：%s",
		 *h->outgoing ? h->outgoing : "（未排班）",
		 *h->incoming ? h->incoming : "（未排班）", *h->leader ? h->leader : "（未指定）");
	snprintf(summary, sizeof summary,
		 "本班记录 %lld 条（重要 %lld 条）；未办结 %lld 起；上报逾期 %lld 项、待报 %lld "
		 "项；交办逾期 %lld 项；值班空档 %lld 段", h->entries, h->significant,
		 h->open_incidents, h->esc_overdue, h->esc_pending, h->tasks_overdue, h->gaps);
	head_row(rows[0], "班次", period);
	head_row(rows[1], "模式", mode);
	head_row(rows[2], "人员", people);
	head_row(rows[3], "概况", summary);
	col_x(head_cols, 2, x, w);
	for (int r = 0; r < 4; r++) {
		double rh = row_height(p, head_cols, 2, rows[r], F_HEAD, w, 0, NULL);
		draw_row(p, head_cols, 2, rows[r], F_HEAD, x, w, rh, 0, 0, NULL);
		if (p->draw) { /* the label column shaded, as on a form */
			cairo_set_source_rgba(p->cr, 0, 0, 0, 0.08);
			cairo_rectangle(p->cr, x[0], p->y - rh, w[0], rh);
			cairo_fill(p->cr);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
		}
	}
	p->y += 12;
}

static void sign_line(struct pdf *p, const char *who, const char *name, dd_time at)
{
	char label[128], when[DDTIME_BUFSZ];
	double x = MARGIN_X, lx;

	snprintf(label, sizeof label, "%s（签名）：", who);
	set_text(p, F_SUB, label, 0, 0);
	show(p, x, p->y);
	lx = x + text_w(p);
	if (p->draw) {
		cairo_set_line_width(p->cr, 0.6);
		cairo_move_to(p->cr, lx, p->y + text_h(p));
		cairo_line_to(p->cr, x + BODY_W * 0.55, p->y + text_h(p));
		cairo_move_to(p->cr, x + BODY_W * 0.55 + 60, p->y + text_h(p));
		cairo_line_to(p->cr, x + BODY_W, p->y + text_h(p));
		cairo_stroke(p->cr);
	}
	if (name && *name) {
		set_text(p, F_SUB, name, 0, 0);
		show(p, lx + 8, p->y);
	}
	set_text(p, F_SUB, "时间：", 0, 0);
	show(p, x + BODY_W * 0.55 + 60 - text_w(p), p->y);
	if (at) {
		set_text(p, F_SUB, ddtime_format(at, DDTIME_MINUTE, when), 0, 0);
		show(p, x + BODY_W * 0.55 + 68, p->y);
	}
	p->y += text_h(p) + 16;
}

static void signatures(struct pdf *p)
{
	const struct handover_signing *g = &p->h->signing;
	char line[256], when[DDTIME_BUFSZ];
	double need;

	set_text(p, F_SUB, "交班人", 0, 0);
	need = 8 + 3 * (text_h(p) + 16);
	set_text(p, F_FOOT, "尚未", 0, 0);
	room(p, need + text_h(p));
	p->y += 8;
	sign_line(p, "交班人", g->done ? g->outgoing : NULL, g->done ? g->at : 0);
	sign_line(p, "接班人", g->done ? g->incoming : NULL, g->done ? g->at : 0);
	sign_line(p, "带班领导", NULL, 0);
	if (g->done)
		snprintf(line, sizeof line, "已于 %s 在值班台双方签字交接（记录 #%lld）。",
			 ddtime_format(g->at, DDTIME_MINUTE, when), g->event_id);
	else
		snprintf(line, sizeof line, "尚未在值班台签字交接。");
	set_text(p, F_FOOT, line, BODY_W, 0);
	show(p, MARGIN_X, p->y);
	p->y += text_h(p);
}

static void render(struct pdf *p)
{
	p->page = 0;
	new_page(p);
	banner(p);
	head(p);
	for (int i = 0; i < p->h->nsections; i++)
		section(p, i, &p->h->sections[i]);
	signatures(p);
	p->y += 8;
	banner(p);
	end_page(p);
}

/* Pango falls back from font to font; a sheet whose Chinese comes out as
 * empty boxes is of no use, so a missing CJK font is an error. */
static int check_font(struct pdf *p, struct dd_err *err)
{
	set_text(p, F_TD, "值班交接班记录", 0, 0);
	if (pango_layout_get_unknown_glyphs_count(p->lay) > 0)
		return dd_fail(err, DD_EIO, _("no Chinese font to typeset the handover sheet: "
					      "install Noto Sans CJK (Debian package "
					      "fonts-noto-cjk)"));
	return 0;
}

static int write_pdf(struct pdf *p, cairo_surface_t *surface, struct dd_err *err)
{
	const struct handover *h = p->h;
	char title[320];

	snprintf(title, sizeof title, "疫情防控值班交接班记录 %s", h->period_text);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "dutydesk " DD_VERSION);
	p->cr = cairo_create(surface);
	p->fontmap = pango_cairo_font_map_new();
	p->ctx = pango_font_map_create_context(p->fontmap);
	pango_cairo_update_context(p->cr, p->ctx);
	/* Sizes in points: the PDF's user unit is the point, not a 96 dpi pixel. */
	pango_cairo_context_set_resolution(p->ctx, 72);
	p->lay = pango_layout_new(p->ctx);
	for (int f = 0; f < F_COUNT; f++)
		p->fonts[f] = pango_font_description_from_string(font_specs[f]);
	if (check_font(p, err) < 0)
		return -1;
	p->cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
	p->heights = dd_xcalloc((size_t)h->nsections, sizeof *p->heights);
	p->kept = dd_xcalloc((size_t)h->nsections, sizeof *p->kept);
	for (int i = 0; i < h->nsections; i++) {
		const struct handover_section *s = &h->sections[i];
		p->heights[i] = dd_xcalloc((size_t)s->nrows + 1, sizeof **p->heights);
		p->kept[i] = dd_xcalloc((size_t)s->nrows * (size_t)s->ncols + 1, sizeof **p->kept);
		measure(p, s, p->heights[i], p->kept[i]);
	}
	p->draw = 0;
	render(p);
	p->pages = p->page;
	p->draw = 1;
	render(p);
	return 0;
}

static cairo_status_t to_stream(void *out, const unsigned char *data, unsigned int n)
{
	return fwrite(data, 1, n, out) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int pdf_write(const struct handover *h, FILE *out, const char *path, struct dd_err *err)
{
	cairo_surface_t *surface = cairo_pdf_surface_create_for_stream(to_stream, out, PAGE_W,
								       PAGE_H);
	struct pdf p = {.h = h};
	cairo_status_t cs;
	int rc;

	cs = cairo_surface_status(surface);
	if (cs != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surface);
		return dd_fail(err, DD_EIO, _("cannot write %s: %s"), path,
			       cairo_status_to_string(cs));
	}
	rc = write_pdf(&p, surface, err);
	if (p.heights)
		for (int i = 0; i < h->nsections; i++)
			free(p.heights[i]);
	free(p.heights);
	if (p.kept) {
		for (int i = 0; i < h->nsections; i++) {
			size_t n = (size_t)h->sections[i].nrows * (size_t)h->sections[i].ncols;
			for (size_t k = 0; k < n; k++)  /* a row never drawn (a failure) */
				if (p.kept[i][k])
					g_object_unref(p.kept[i][k]);
			free(p.kept[i]);
		}
		free(p.kept);
	}
	if (p.cache)
		g_hash_table_destroy(p.cache);
	for (int f = 0; f < F_COUNT; f++)
		if (p.fonts[f])
			pango_font_description_free(p.fonts[f]);
	if (p.lay)
		g_object_unref(p.lay);
	if (p.ctx)
		g_object_unref(p.ctx);
	if (p.cr)
		cairo_destroy(p.cr);
	cairo_surface_finish(surface);
	cs = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (p.fontmap)
		g_object_unref(p.fontmap);
	/* Give back what cairo and fontconfig keep for the whole process: a
	 * sheet is written now and then, not all the time. */
	cairo_debug_reset_static_data();
	FcFini();
	/* A failed write may have been reported only to stdio (ferror): cairo
	 * does not always pass its stream's error on. */
	if (rc == 0 && (cs != CAIRO_STATUS_SUCCESS || fflush(out) != 0 || ferror(out)))
		return dd_fail(err, DD_EIO, _("cannot write %s: %s"), path,
			       cs != CAIRO_STATUS_SUCCESS ? cairo_status_to_string(cs)
			       : errno ? strerror(errno) : _("the file could not be written whole"));
	return rc;
}

