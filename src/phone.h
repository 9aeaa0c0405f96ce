/*
 * phone: the phone numbers of the content model.  A mobile
 * (1[3-9] + 9 digits), a landline (0area-number[-ext]) or one of the fixed
 * public hotlines (12345 and friends).
 */
#ifndef GONGSHI_PHONE_H
#define GONGSHI_PHONE_H

#include <stdbool.h>

enum phone_kind { PHONE_INVALID, PHONE_MOBILE, PHONE_LANDLINE, PHONE_HOTLINE };

enum phone_kind phone_kind(const char *s);
/* As people read it: 139 0000 1111; landlines and hotlines unchanged.
 * `out` holds >= 64 bytes. */
char *phone_display(const char *s, char *out);
/* tel: URI: tel:13900001111, tel:057186000100, an extension after ','.
 * `out` holds >= 64 bytes. */
char *phone_tel(const char *s, char *out);

#endif
