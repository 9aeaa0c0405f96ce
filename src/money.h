/*
 * money: amounts as int64 fen (分).  Never a float anywhere.
 */
#ifndef GONGSHI_MONEY_H
#define GONGSHI_MONEY_H

#include <stdbool.h>
#include <stdint.h>

/* Largest amount accepted: 13 integer digits. */
#define MONEY_MAX_FEN INT64_C(999999999999999)

/* Parse ^-?(0|[1-9][0-9]{0,12})\.[0-9]{2}$ into fen.  A leading '-' is
 * accepted only when `allow_negative`. */
bool money_parse(const char *s, bool allow_negative, int64_t *fen);
/* 75,831.45 (a leading '-' when negative).  `out` holds >= 32 bytes. */
char *money_fmt(int64_t fen, char *out);
/* 人民币大写: 柒万伍仟捌佰叁拾壹元肆角伍分; 负 for negatives.
 * `out` holds >= 256 bytes. */
char *money_upper(int64_t fen, char *out);

#endif
