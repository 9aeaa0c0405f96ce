#include "utf8.h"

#include <string.h>

/* utf8_decode, where utf8_check can inline it: every byte of every file
 * goes through it, Chinese text three at a time. */
static inline int
decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	int len, i;

	if (n == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		len = 2;
		c &= 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3;
		c &= 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) ||
	    (len == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

int
utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	return decode(s, n, cp);
}

size_t
utf8_check(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	uint32_t cp;
	int l;

	while (i < n) {
		if (u[i] == 0)
			return i;
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		/* Most Chinese text: a lead byte E1-EC or EE-EF takes any two
		 * continuation bytes (E0 could be overlong, ED a surrogate:
		 * decode() checks those). */
		if (u[i] >= 0xe1 && u[i] <= 0xef && u[i] != 0xed && n - i >= 3 &&
		    (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		l = decode(u + i, n - i, &cp);
		if (l == 0)
			return i;
		i += (size_t)l;
	}
	return n;
}

size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

size_t
utf8_prefix(const char *s, size_t max_chars)
{
	size_t i = 0, n = 0;

	while (s[i]) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (n == max_chars)
				break;
			n++;
		}
		i++;
	}
	return i;
}

bool
utf8_is_cjk(uint32_t c)
{
	return (c >= 0x2e80 && c <= 0x9fff) ||   /* radicals ... unified */
	    (c >= 0xf900 && c <= 0xfaff) ||      /* compatibility ideographs */
	    (c >= 0xfe30 && c <= 0xfe4f) ||      /* compatibility forms */
	    (c >= 0xff00 && c <= 0xffef) ||      /* full-width forms */
	    (c >= 0x20000 && c <= 0x3ffff) ||    /* extension planes */
	    c == 0x2014 || c == 0x2026 ||        /* —— and …… */
	    (c >= 0x2018 && c <= 0x201d) ||      /* ‘’“” */
	    c == 0x00b7;                         /* · */
}

uint32_t
utf8_last(const char *s, size_t n)
{
	size_t i = n;
	uint32_t cp;

	while (i > 0) {
		i--;
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			break;
	}
	if (i == n || utf8_decode((const unsigned char *)s + i, n - i, &cp) == 0)
		return 0;
	return cp;
}

uint32_t
utf8_first(const char *s, size_t n)
{
	uint32_t cp;

	if (utf8_decode((const unsigned char *)s, n, &cp) == 0)
		return 0;
	return cp;
}
