/*
 * ics: iCalendar (RFC 5545) files of the legal advisers' sessions, so a
 * resident can put them into a phone's calendar.
 *
 * One VCALENDAR (METHOD:PUBLISH, X-WR-TIMEZONE Asia/Shanghai, with its
 * VTIMEZONE) holds a VEVENT per session of the given schedules, read from
 * the `session_list` that check_legal_schedule() computed (schedule.h).
 * Cancelled sessions are left out: a calendar that still shows them would
 * send someone to a closed door, and a subscribed calendar drops them on
 * its next refresh.  A moved session keeps its UID, so a subscribed
 * calendar moves it.
 *
 * Everything is deterministic: UIDs come from the schedule's slug, the
 * adviser's id, the session's original date and start, and its kind
 * (<slug>-<adviser>-<yyyymmdd>-<hhmm>-<kind>@<host of base_url>); DTSTAMP
 * from the record's `updated` (else `date`), never from the clock.
 * Lines end in CRLF and are folded at 75 octets, never inside a UTF-8
 * character; TEXT values are escaped.
 */
#ifndef GONGSHI_ICS_H
#define GONGSHI_ICS_H

#include <stddef.h>

#include "buf.h"
#include "site.h"

/*
 * Append a VCALENDAR named `calname` with the sessions of the
 * legal_schedule records `recs[0..n)` to `out`.  Errors (out of memory)
 * show in buf_ok(out).
 */
void ics_write(const struct site *s, struct record *const *recs, size_t n,
    const char *calname, struct buf *out);

/* Append one content line (without its line break): folded so that no
 * line exceeds 75 octets, each line ended by CRLF. */
void ics_line(struct buf *out, const char *line, size_t len);

/* Append `s` escaped as a TEXT value: backslash, ';', ',' and newlines
 * (\n); other control characters are dropped; '<' and '>' become the
 * full-width ＜ and ＞, so a calendar that reads a DESCRIPTION as HTML
 * finds no markup in it. */
void ics_text(struct buf *out, const char *s);

#endif
