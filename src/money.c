#include "money.h"

#include <stdio.h>
#include <string.h>

bool
money_parse(const char *s, bool allow_negative, int64_t *fen)
{
	bool neg = false;
	int64_t v = 0;
	int n = 0;

	if (*s == '-') {
		if (!allow_negative)
			return false;
		neg = true;
		s++;
	}
	if (*s == '0') {
		s++;
		n = 1;
	} else {
		while (*s >= '0' && *s <= '9') {
			if (++n > 13)
				return false;
			v = v * 10 + (*s++ - '0');
		}
	}
	if (n == 0 || *s != '.' || s[1] < '0' || s[1] > '9' || s[2] < '0' ||
	    s[2] > '9' || s[3] != '\0')
		return false;
	v = v * 100 + (s[1] - '0') * 10 + (s[2] - '0');
	if (neg && v == 0)
		return false; /* "-0.00" is not an amount anyone writes */
	*fen = neg ? -v : v;
	return true;
}

char *
money_fmt(int64_t fen, char *out)
{
	char digits[32];
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	int n, i, j = 0;

	n = snprintf(digits, sizeof(digits), "%llu",
	    (unsigned long long)(a / 100));
	if (fen < 0)
		out[j++] = '-';
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[j++] = ',';
		out[j++] = digits[i];
	}
	snprintf(out + j, 32 - (size_t)j, ".%02u", (unsigned)(a % 100));
	return out;
}

char *
money_upper(int64_t fen, char *out)
{
	static const char *const dig[] = {"零", "壹", "贰", "叁", "肆", "伍",
	    "陆", "柒", "捌", "玖"};
	static const char *const unit[] = {"", "拾", "佰", "仟"};
	/* Four digits a section; an int64 of fen has up to 17 digits of
	 * yuan, so the fifth section (亿亿) is reached too. */
	static const char *const sect[] = {"", "万", "亿", "万", "亿"};
	uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	uint64_t yuan = a / 100;
	int jiao = (int)(a / 10 % 10), fen1 = (int)(a % 10);
	int d[20], nd = 0, p, s, k;
	bool zero = false, any;

	out[0] = '\0';
	if (fen < 0)
		strcat(out, "负");
	for (; yuan > 0; yuan /= 10)
		d[nd++] = (int)(yuan % 10);
	for (p = nd - 1; p >= 0; p--) {
		if (d[p] == 0) {
			zero = true;
		} else {
			if (zero)
				strcat(out, "零");
			zero = false;
			strcat(out, dig[d[p]]);
			strcat(out, unit[p % 4]);
		}
		if (p % 4 == 0 && p > 0) {
			/* Name the section only if one of its digits is set. */
			s = p / 4;
			any = false;
			/* 亿 closes everything above it (万亿 = 万 + 亿,
			 * 亿亿 = 亿 + 亿). */
			for (k = p; k < (s == 2 ? nd : p + 4) && k < nd; k++)
				any = any || d[k] != 0;
			if (any)
				strcat(out, sect[s]);
		}
	}
	if (nd > 0)
		strcat(out, "元");
	if (jiao == 0 && fen1 == 0) {
		strcat(out, nd > 0 ? "整" : "零元整");
	} else {
		if (jiao != 0) {
			strcat(out, dig[jiao]);
			strcat(out, "角");
		} else if (nd > 0) {
			strcat(out, "零");
		}
		if (fen1 != 0) {
			strcat(out, dig[fen1]);
			strcat(out, "分");
		}
	}
	return out;
}
