#include "pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

struct pool_run {
	size_t n;
	atomic_size_t next;
	pool_fn fn;
	void *ctx;
};

struct pool_worker {
	struct pool_run *run;
	int id;
};

static void *
work(void *arg)
{
	struct pool_worker *w = arg;
	size_t i;

	while ((i = atomic_fetch_add(&w->run->next, 1)) < w->run->n)
		w->run->fn(w->run->ctx, i, w->id);
	return NULL;
}

int
pool_run(size_t n, int threads, pool_fn fn, void *ctx)
{
	struct pool_run run;
	struct pool_worker *ws;
	pthread_t *th;
	int k, started = 1;

	run.n = n;
	atomic_init(&run.next, 0);
	run.fn = fn;
	run.ctx = ctx;
	if (threads < 1)
		threads = 1;
	if ((size_t)threads > n)
		threads = n > 0 ? (int)n : 1;
	ws = calloc((size_t)threads, sizeof(*ws));
	th = calloc((size_t)threads, sizeof(*th));
	if (ws == NULL || th == NULL)
		threads = 1;
	for (k = 1; k < threads; k++) {
		ws[k].run = &run;
		ws[k].id = k;
		if (pthread_create(&th[k], NULL, work, &ws[k]) != 0)
			break;
		started++;
	}
	{
		struct pool_worker self = {&run, 0};

		work(&self);
	}
	for (k = 1; k < started; k++)
		pthread_join(th[k], NULL);
	free(ws);
	free(th);
	return started;
}

int
pool_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)(n > 256 ? 256 : n) : 1;
}
