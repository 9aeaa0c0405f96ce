#include "phone.h"

#include <stdio.h>
#include <string.h>

static const char *const hotlines[] = {"110", "119", "120", "12345",
    "12348", "12388", "12315", "12333", "12338"};

static size_t
span_digits(const char *s)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

enum phone_kind
phone_kind(const char *s)
{
	size_t i, n, len = strlen(s);

	for (i = 0; i < sizeof(hotlines) / sizeof(hotlines[0]); i++)
		if (strcmp(s, hotlines[i]) == 0)
			return PHONE_HOTLINE;
	if (len == 11 && span_digits(s) == 11 && s[0] == '1' && s[1] >= '3')
		return PHONE_MOBILE;
	/* 0[1-9][0-9]{1,2}-[0-9]{7,8}(-[0-9]{1,6})? */
	if (s[0] != '0' || s[1] < '1' || s[1] > '9')
		return PHONE_INVALID;
	n = span_digits(s);
	if (n < 3 || n > 4 || s[n] != '-')
		return PHONE_INVALID;
	s += n + 1;
	n = span_digits(s);
	if (n < 7 || n > 8)
		return PHONE_INVALID;
	s += n;
	if (*s == '\0')
		return PHONE_LANDLINE;
	if (*s != '-')
		return PHONE_INVALID;
	n = span_digits(s + 1);
	if (n < 1 || n > 6 || s[1 + n] != '\0')
		return PHONE_INVALID;
	return PHONE_LANDLINE;
}

char *
phone_display(const char *s, char *out)
{
	if (phone_kind(s) == PHONE_MOBILE)
		snprintf(out, 64, "%.3s %.4s %.4s", s, s + 3, s + 7);
	else
		snprintf(out, 64, "%s", s);
	return out;
}

char *
phone_tel(const char *s, char *out)
{
	size_t j = 0;
	int dashes = 0;

	memcpy(out, "tel:", 4);
	j = 4;
	for (; *s && j < 60; s++) {
		if (*s == '-') {
			/* The second dash of a landline starts an extension. */
			if (++dashes == 2)
				out[j++] = ',';
			continue;
		}
		if (*s >= '0' && *s <= '9')
			out[j++] = *s;
	}
	out[j] = '\0';
	return out;
}
