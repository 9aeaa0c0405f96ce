/*
 * phone: the phone numbers of the content model.  A mobile
 * (1[3-9] + 9 digits), a landline (0area-number[-ext]) or one of the fixed
 * public hotlines (12345 and friends).
 */
#ifndef GONGSHI_PHONE_H
#define GONGSHI_PHONE_H

#include <stdbool.h>
#include <stddef.h>

enum phone_kind { PHONE_INVALID, PHONE_MOBILE, PHONE_LANDLINE, PHONE_HOTLINE };

enum phone_kind phone_kind(const char *s);
/* As people read it: 139 0000 1111; landlines and hotlines unchanged.
 * `out` holds >= 64 bytes. */
char *phone_display(const char *s, char *out);
/* tel: URI: tel:13900001111, tel:057186000100, an extension after ','.
 * `out` holds >= 64 bytes. */
char *phone_tel(const char *s, char *out);

/*
 * Find the first phone number written in running text `s` (UTF-8), as
 * residents write them: a mobile "13900001111", "139 0000 1111" or
 * "139-0000-1111"; a landline "0571-86000100"; a public hotline only next
 * to words that say it is one ("拨打 12345", "12348 公共法律服务热线"), as
 * 110 or 12345 are also plain numbers.  Not inside a longer run of
 * digits or letters, nor an amount.  Returns true and sets *start and *len
 * (bytes of `s`) and `canon` (>= 64 bytes: the number as phone_kind()
 * reads it); false when there is none.
 */
bool phone_find(const char *s, size_t *start, size_t *len, char *canon);

#endif
