/* pin.h — reading a PIN on the command line (front-end internal). */
#ifndef DUTYDESK_CLI_PIN_H
#define DUTYDESK_CLI_PIN_H

#include <stddef.h>

#include "base/err.h"

/* From the terminal with echo off, or a line of standard input. */
int pin_read(const char *prompt, int from_stdin, char *buf, size_t n, struct dd_err *err);

#endif
