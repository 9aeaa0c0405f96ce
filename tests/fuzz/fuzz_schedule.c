/*
 * libFuzzer harness: a legal_schedule record (三官一律坐班安排) through
 * load-like typing, check_legal_schedule() (rule expansion, exceptions,
 * one-off sessions, overlaps, duty months), the rules across schedules,
 * site_model(), and the iCalendar writer on the expanded sessions.
 */
#include "buf.h"
#include "ics.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
calendar(struct site *s)
{
	struct buf out = BUF_INIT;
	struct record *r = &s->recs[0];

	ics_write(s, &r, 1, "坐班安排", &out);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_record(data, size, RT_LEGAL_SCHEDULE, calendar);
	return 0;
}
