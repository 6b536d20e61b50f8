/* i18n.h — translation of what people read (gettext, text domain "dutydesk").
 *
 * Messages and labels go through _(); tables of labels are marked with N_()
 * and translated where they are shown.  The shipped data (names, duties) is
 * never translated: it stays as the notice writes it. */
#ifndef DUTYDESK_I18N_H
#define DUTYDESK_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* _() of a string that may be empty: gettext("") is the catalogue's header. */
static inline const char *i18n_tr(const char *s)
{
	return s && *s ? gettext(s) : "";
}

/* Bind the text domain to the installed catalogues (or DUTYDESK_LOCALEDIR). */
void i18n_init(void);

#endif
