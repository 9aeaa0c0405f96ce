/*
 * search: the index the search page's script (templates/assets/search.js)
 * reads, so a static site can be searched without a server.
 *
 * search.xml, written with libxml2's xmlTextWriter, one <r> per record,
 * newest first:
 *   <search next="search-2.xml">   (next: only when there is a next part)
 *     <r u="notices/x/" s="通知公告" d="2026-11-20">
 *       <t>title</t><m>summary</m><k>tag tag</k><b>body as plain text</b>
 *     </r>
 *   </search>
 * u is site-relative (the script resolves it against the index's own
 * URL); b is the Markdown body through cmark's plain-text renderer, on one
 * line, then the text of a few front matter fields (ledger items and
 * counterparties, list tables, a power item's subject and scope ...).  Built in one render job: no page scans all records for it.
 */
#ifndef GONGSHI_SEARCH_H
#define GONGSHI_SEARCH_H

#include "buf.h"
#include "diag.h"
#include "site.h"

#define SEARCH_INDEX "search.xml"
/* Records per file: a big site's index comes in parts, search.xml then
 * search-2.xml ..., each naming the next in <search next="...">, so the
 * parts are built in parallel and a phone reads them one by one. */
#define SEARCH_SHARD 500

/* Write the index of records [from, to) of s->sorted into `out`; `next`
 * (or NULL) names the next part.  texts[i - from], when `texts` and it
 * are not NULL, is record i's md_text() (its page's job made it from the
 * same parse); else the body is read and parsed here.  0; -1 when a
 * record's file changed since it was loaded (reported); -3 when out of
 * memory or unreadable. */
int search_index_write(const struct site *s, size_t from, size_t to,
    const char *next, char *const *texts, struct diags *dg,
    struct buf *out);

/*
 * The same part made from `old` (old_len bytes: that part as
 * search_index_write() wrote it, with the same records in the same
 * places) with the entries of the records at places at[0..n) (ascending,
 * inside the part) made again: for `gongshi serve`, when only those
 * records' bodies changed.  Byte for byte what search_index_write()
 * makes, without reading every other record's body.  0; 1 when `old` is
 * not such a part (write it in full); -1 when a record's file changed
 * since it was loaded (reported); -3 when out of memory.
 */
int search_index_splice(const struct site *s, size_t from, size_t to,
    const char *next, const char *old, size_t old_len, const size_t *at,
    size_t n, struct diags *dg, struct buf *out);

/* The fingerprint of that part: a hash of `salt` (what changes every
 * file: version, base URL), `next`, the site's wording of the sections and
 * every record's path, URL and source hash, which is everything the part
 * is made of.  Equal fingerprints, equal bytes: the part need not be
 * built again.  0, or -3 when out of memory. */
int search_fingerprint(const struct site *s, size_t from, size_t to,
    const char *next, const char *salt, unsigned char fp[32]);

#endif
