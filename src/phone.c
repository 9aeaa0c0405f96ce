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

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alnum(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* May a number start at s[i] / end before s[j]? */
static bool
left_ok(const char *s, size_t i)
{
	char c = i ? s[i - 1] : ' ';

	return !is_alnum(c) && c != '.' && c != ',' && c != '-' && c != '+' &&
	    c != '_' && c != '/';
}

static bool
right_ok(const char *s, size_t j)
{
	return !is_alnum(s[j]) && !((s[j] == '.' || s[j] == ',' ||
	    s[j] == '-') && is_digit(s[j + 1]));
}

/* Does text before s[i] end with one of `words`, or text from s[j] start
 * with one, spaces and colons skipped? */
static bool
near_word(const char *s, size_t i, size_t j)
{
	static const char *const before[] = {"拨打", "电话", "热线", "致电",
	    "拨", NULL};
	static const char *const after[] = {"热线", "政务", "公共", "报警",
	    "火警", "急救", "便民", NULL};
	size_t k, n;

	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == ':'))
		i--;
	if (i >= 3 && strncmp(s + i - 3, "：", 3) == 0)
		i -= 3;
	for (k = 0; before[k]; k++) {
		n = strlen(before[k]);
		if (i >= n && strncmp(s + i - n, before[k], n) == 0)
			return true;
	}
	while (s[j] == ' ')
		j++;
	for (k = 0; after[k]; k++)
		if (strncmp(s + j, after[k], strlen(after[k])) == 0)
			return true;
	return false;
}

/* A mobile at s[i]: 3-4-4 digits, the groups optionally split by one
 * space or one dash (the same both times).  Its length, or 0. */
static size_t
mobile_at(const char *s, size_t i, char *canon)
{
	size_t j = i, d = 0;
	char sep = 0;

	if (s[i] != '1' || s[i + 1] < '3' || s[i + 1] > '9')
		return 0;
	while (d < 11) {
		if (is_digit(s[j])) {
			canon[d++] = s[j++];
			continue;
		}
		if ((d == 3 || d == 7) && (s[j] == ' ' || s[j] == '-') &&
		    is_digit(s[j + 1]) && (sep == 0 || sep == s[j]) &&
		    (d == 3 || sep != 0)) {
			sep = s[j++];
			continue;
		}
		return 0;
	}
	if (sep != 0 && !(s[i + 3] == sep && s[i + 8] == sep))
		return 0;
	canon[11] = '\0';
	return right_ok(s, j) ? j - i : 0;
}

bool
phone_find(const char *s, size_t *start, size_t *len, char *canon)
{
	size_t i, j, n;

	for (i = 0; s[i]; i++) {
		if (!is_digit(s[i]) || !left_ok(s, i))
			continue;
		if ((n = mobile_at(s, i, canon)) != 0) {
			*start = i;
			*len = n;
			return true;
		}
		/* A landline: phone_kind() checks the shape. */
		for (j = i; is_digit(s[j]) || (s[j] == '-' && is_digit(s[j + 1]));
		    j++)
			;
		if (j - i < 64 && right_ok(s, j)) {
			memcpy(canon, s + i, j - i);
			canon[j - i] = '\0';
			if (phone_kind(canon) == PHONE_LANDLINE ||
			    (phone_kind(canon) == PHONE_HOTLINE &&
			    near_word(s, i, j))) {
				*start = i;
				*len = j - i;
				return true;
			}
		}
		while (is_digit(s[i + 1]))
			i++; /* not inside this run of digits */
	}
	return false;
}
