/*
 * ledger: the arithmetic of a 财务收支公开 (CONTENT-MODEL.md §8.4
 * `ledger`), in integer fen (分) only.
 *
 * The pure helpers (sums with overflow guards, the balance equation, the
 * mismatch sentence, the recommended 科目) need nothing but numbers and
 * strings.  ledger_check() walks a typed `ledger` map (schema.c) and
 * reports what does not add up, so the rules can be unit-tested without
 * a site.
 */
#ifndef GONGSHI_LEDGER_H
#define GONGSHI_LEDGER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "date.h"
#include "diag.h"
#include "gv.h"

enum ledger_side { LEDGER_INCOME, LEDGER_EXPENSE };

/* *out = a + b; false (and *out untouched) when it leaves int64. */
bool ledger_add(int64_t a, int64_t b, int64_t *out);
/* *sum = v[0] + … + v[n-1] (0 for n = 0); false on overflow. */
bool ledger_sum(const int64_t *v, size_t n, int64_t *sum);
/* *closing = opening + income − expense; false on overflow. */
bool ledger_closing(int64_t opening, int64_t income, int64_t expense,
    int64_t *closing);

/*
 * The sentence for a total that does not match, e.g.
 *   "收入合计 total_income 75,831.45 ≠ 明细之和 75,381.45（相差 450.00 元）"
 * from field "收入合计 total_income", what "明细之和".  The difference is
 * the absolute value of declared − computed.  Writes at most `n` bytes
 * (n >= 256 is always enough) and returns `out`.
 */
char *ledger_mismatch(char *out, size_t n, const char *field,
    int64_t declared, const char *what, int64_t computed);

/*
 * Is `subject` a recommended 科目 for `side`?  1: yes; 0: on no list;
 * -1: a recommended 科目 of the other side (an expense subject on an
 * income line, or the reverse).  The village list is the 农村集体经济组织
 * chart (domain.md §1.5); communities also accept a few subjects of the
 * 民间非营利组织会计制度 that 街道 bookkeeping uses for 居委会 accounts.
 */
int ledger_subject(const char *subject, enum ledger_side side, bool village);
/* The recommended 科目 of `side` as one line: "经营收入、发包及上交收入…". */
const char *ledger_subjects_text(enum ledger_side side, bool village);

/*
 * Check a typed `ledger` map (opening_balance, income, expense,
 * total_income, total_expense, closing_balance) of file `file`.
 * Errors: a total that is not the sum of its lines, a closing balance
 * that is not opening + total_income − total_expense (held against the
 * sums of the lines instead when a total is itself wrong, so one slip is
 * one error), a sum out of range.
 * Warnings: a line dated outside `period` (may be NULL), a voucher used
 * twice, a negative closing balance, a 科目 off the recommended list.
 * Every diagnostic sits at the line:col of the offending key.  A total
 * whose lines have a missing amount (the schema reported it) is not
 * compared.  Nothing is allocated; the map is not changed.
 */
void ledger_check(const struct gv *ledger, const struct period *period,
    bool village, const char *file, struct diags *dg);

#endif
