/*
 * utf8: what gongshi needs to know about UTF-8 text (validity, length in
 * characters, CJK, truncation).  Decoding is strict: overlongs,
 * surrogates and values past U+10FFFF are invalid.
 */
#ifndef GONGSHI_UTF8_H
#define GONGSHI_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one character at s[0..n); returns its byte length (1-4) and
 * sets *cp, or 0 when the bytes are not valid UTF-8. */
int utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Offset of the first invalid byte or NUL, or `n` when all is valid. */
size_t utf8_check(const char *s, size_t n);
/* Number of characters (the string must be valid). */
size_t utf8_chars(const char *s);
/* Byte length of the first `max_chars` characters of s. */
size_t utf8_prefix(const char *s, size_t max_chars);
/* Han ideographs, CJK punctuation and full-width forms: characters
 * between which a line break is not a space. */
bool utf8_is_cjk(uint32_t cp);
/* Last / first character of a string (0 when empty or invalid). */
uint32_t utf8_last(const char *s, size_t n);
uint32_t utf8_first(const char *s, size_t n);

#endif
