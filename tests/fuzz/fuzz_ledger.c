/*
 * libFuzzer harness: a 财务收支公开 with its ledger.  The whole input is a
 * disclosure record that goes through load-like typing (amounts parsed
 * into fen by the schema) and check_disclosure() (ledger_check(): sums,
 * the balance equation, periods, vouchers, 科目) like any record.
 * Its first 24 bytes are also read as three int64 amounts for the pure
 * arithmetic, checked against the compiler's overflow builtins: ledger
 * sums and balances, the mismatch sentence, and money formatting and
 * parsing (a formatted amount parses back to itself).
 */
#include <stdio.h>

#include "ledger.h"
#include "money.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x) do { if (!(x)) { \
	fprintf(stderr, "fuzz_ledger: %s:%d: %s\n", __FILE__, __LINE__, #x); \
	abort(); } } while (0)

/* "75,831.45" without its commas. */
static void
strip_commas(const char *in, char *out)
{
	for (; *in; in++)
		if (*in != ',')
			*out++ = *in;
	*out = '\0';
}

static void
arithmetic(const int64_t v[3])
{
	int64_t r, want, sum;
	char s[32], plain[32], up[256], msg[512];
	size_t i;

	CHECK(ledger_add(v[0], v[1], &r) ==
	    !__builtin_add_overflow(v[0], v[1], &want));
	if (!__builtin_add_overflow(v[0], v[1], &want))
		CHECK(r == want);
	CHECK(ledger_closing(v[0], v[1], v[2], &r) ==
	    (!__builtin_add_overflow(v[0], v[1], &want) &&
	    !__builtin_sub_overflow(want, v[2], &want)));
	if (ledger_sum(v, 3, &sum)) {
		__int128 w = (__int128)v[0] + v[1] + v[2];
		CHECK(w == sum);
	}
	for (i = 0; i < 3; i++) {
		/* Any int64 formats, in both forms, within its buffer. */
		money_fmt(v[i], s);
		CHECK(strlen(s) < sizeof(s));
		money_upper(v[i], up);
		CHECK(strlen(up) < sizeof(up));
		CHECK(utf8_check(up, strlen(up)) == strlen(up));
		/* What the schema accepts comes back the same. */
		if (v[i] >= -MONEY_MAX_FEN && v[i] <= MONEY_MAX_FEN &&
		    v[i] != 0) {
			strip_commas(s, plain);
			CHECK(money_parse(plain, true, &r) && r == v[i]);
			CHECK(money_parse(plain, false, &r) == (v[i] > 0));
		}
	}
	ledger_mismatch(msg, 256, "收入合计 total_income", v[0], "明细之和",
	    v[1]);
	CHECK(strlen(msg) < 256);
	CHECK(utf8_check(msg, strlen(msg)) == strlen(msg));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int64_t v[3];

	if (size >= sizeof(v)) {
		memcpy(v, data, sizeof(v));
		arithmetic(v);
	}
	fuzz_record(data, size, RT_DISCLOSURE, NULL);
	return 0;
}
