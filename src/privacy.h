/*
 * privacy: the privacy lint of CONTENT-MODEL.md §8.0, the scanner under
 * check_privacy() (check.h).
 *
 * privacy_scan() finds, in a piece of text, what must not be published:
 *   - an 18-character 居民身份证号 (PRIV_ID_NUMBER):
 *     [1-9][0-9]{5}(19|20)YYMMDD[0-9]{3}[0-9Xx], not inside a longer digit
 *     run, also when written in 6-8-4 groups ("330102 19900307 1234");
 *   - a bank-card-like digit run of 16-19 digits (PRIV_BANK_CARD), also
 *     written in groups of four separated by spaces or dashes;
 *   - a mainland mobile number (PRIV_MOBILE), 1[3-9] and 9 more digits,
 *     also written 3-4-4 with spaces or dashes, or after "+86".
 *
 * Choices that keep false positives down without losing real numbers:
 *   - the birth date inside an ID must be a real calendar day between
 *     1900-01-01 and the build day (no 0230, no birth in the future);
 *   - the ISO 7064 MOD 11-2 check character is NOT required: a real number
 *     copied with one wrong digit, or a made-up number that belongs to
 *     nobody yet looks real to every reader, still identifies or seems to
 *     identify a person, and ten in eleven such numbers fail the check.
 *     The structure (area code, real birth date, exact length, digit
 *     boundaries) already rules out dates, amounts, vouchers, 12-digit
 *     统计用区划代码 and 17-digit licence numbers;
 *   - a number touching an ASCII letter or underscore ("sn=a1390000…",
 *     "art_6222…") is an identifier in a URL, not a card or a phone, and a
 *     digit run next to a decimal point is part of an amount;
 *   - full-width digits (０-９) are not recognised.
 */
#ifndef GONGSHI_PRIVACY_H
#define GONGSHI_PRIVACY_H

#include <stddef.h>
#include <stdint.h>

enum privacy_kind { PRIV_ID_NUMBER, PRIV_BANK_CARD, PRIV_MOBILE };

struct privacy_hit {
	enum privacy_kind kind;
	size_t off, len;  /* bytes of the scanned text, separators included */
	char digits[24];  /* the number without separators (an ID may end in
	                     X), NUL-terminated */
};

typedef void (*privacy_fn)(void *ctx, const struct privacy_hit *h);

/* Scan s[0..n) and call `fn` for each hit, in order.  `today` (days, see
 * date.h) bounds an ID's birth date.  Returns the number of hits. */
size_t privacy_scan(const char *s, size_t n, int64_t today, privacy_fn fn,
    void *ctx);

/* The number as a message may show it: an ID as 3301**********1234, a
 * card as 6222***********0123, a mobile as 139****2222.  `out` holds at
 * least 32 bytes; returns `out`. */
char *privacy_mask(const struct privacy_hit *h, char *out);

#endif
