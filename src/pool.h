/*
 * pool: run fn(ctx, i, worker) for every i in [0, n) on up to `threads`
 * threads (the caller's thread is worker 0).  Items are handed out one by
 * one from a shared counter, so uneven items balance themselves.  fn must
 * only write what belongs to item i or to worker `worker`.
 */
#ifndef GONGSHI_POOL_H
#define GONGSHI_POOL_H

#include <stddef.h>

typedef void (*pool_fn)(void *ctx, size_t i, int worker);

/* Returns the number of workers used (>= 1): fn's `worker` is below it. */
int pool_run(size_t n, int threads, pool_fn fn, void *ctx);

/* The number of threads to use when the user did not say: the cores. */
int pool_default_threads(void);

#endif
