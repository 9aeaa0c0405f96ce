/*
 * serve: `gongshi serve`, a preview for the staff who write the records.
 *
 * It builds the site (build.h) into a directory of its own, serves that
 * directory over HTTP on 127.0.0.1 only (libmicrohttpd), and builds again
 * whenever a file under content/, templates/ or static/, or site.yaml, is
 * saved (inotify).  A build that finds errors leaves the previous output
 * in place, prints its diagnostics, and every page then shows them in the
 * browser until the next good build, so nobody mistakes a stale page for
 * the saved one.
 */
#ifndef GONGSHI_SERVE_H
#define GONGSHI_SERVE_H

#include <signal.h>
#include <stdio.h>

#include "build.h"

/* The signals that stop the server: the caller blocks them in every
 * thread (before serve_run starts any) and serve_run waits for them. */
void serve_signals(sigset_t *set);

/*
 * Build, serve on 127.0.0.1:`port` (0: any free port, printed), and
 * rebuild on change until one of serve_signals() arrives.  Without
 * cfg->out the output goes to a new temporary directory, removed when the
 * server stops; with it, OUT is used as `gongshi build` would.  Messages
 * go to `err`.  Returns the exit code: 0 after a signal, 3 when the
 * server or the watch cannot start (reported).
 */
int serve_run(const struct build_cfg *cfg, int port, FILE *err);

#endif
