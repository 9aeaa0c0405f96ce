/*
 * schedule: 法律顾问（三官一律）坐班安排 (CONTENT-MODEL.md §8.7).
 *
 * check_legal_schedule() (check.h) expands a schedule's `recurring` rules
 * within its validity window, applies its `exceptions`, adds its one-off
 * `sessions`, reports every problem, and adds to the record's map (in
 * s->arena) what the page, the home page and the .ics files show:
 *
 *   session_list    every session, sorted by date, start, adviser; each a
 *                   map {date, weekday ("星期三"), start, end (GV_TIME),
 *                   adviser (the adviser's map: id, name, role_label, org,
 *                   phone …), location, kind, kind_label, title?, past,
 *                   cancelled, moved, moved_from? (GV_DATE, when the date
 *                   changed), moved_note? ("原定11月25日（星期三）"),
 *                   reason?, state ("past" | "cancelled" | "next" |
 *                   "upcoming"), status_label ("已结束" | "已取消" |
 *                   "今天" | ""), is_next, orig_date, orig_start}.  The
 *                   map's line:col is where the session was written (the
 *                   recurring rule, the exception that moved it, or the
 *                   one-off session).  Cancelled sessions stay in the list
 *                   (at their original date) with their reason.
 *   session_months  the same sessions grouped by month: {month_label
 *                   ("2026年10月"), session_list}
 *   next_session    the first session neither past nor cancelled, as a
 *                   copy of its map plus days_left (int), days_left_label
 *                   ("今天" | "还有N天"), schedule_url, schedule_title;
 *                   absent when there is none
 *   services_core   the 4 of "4+X" that the schedule offers ({key, label})
 *   services_extra  the X
 *   services_text   every service label joined with "、"
 *   valid_status, valid_status_label   upcoming | active | ended, in words
 *   superseded      true when another schedule `supersedes` this one
 *   ics, ics_all    GV_URL of this schedule's and the whole site's .ics
 *   and on each adviser map: recurring_list (that adviser's recurring
 *   rules); on each recurring rule: rule_label ("每月第2、4个星期三"),
 *   adviser_info (the adviser's map); on each one-off session and
 *   exception: adviser_info.
 *
 * "Past" and "next" compare with the build time (s->today, s->now):
 * a session is past once its end time has gone by.
 */
#ifndef GONGSHI_SCHEDULE_H
#define GONGSHI_SCHEDULE_H

#include <stdint.h>

/* Most sessions one schedule may expand to. */
#define SCHED_MAX_SESSIONS 5000

/*
 * The day of the `nth` `weekday` (1 = Monday … 7 = Sunday) of month
 * `m` of year `y`; nth is 1–5, or -1 for the last one.  -1 when the month
 * has no such day (a 5th Wednesday in a month with four).
 */
int64_t sched_nth_weekday(int y, int m, int weekday, int nth);

#endif
