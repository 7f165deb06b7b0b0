#include "CPairWorker.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <time.h>

/* How long the helper keeps spinning for the next part before it sleeps: a training step's products
   and layers come microseconds apart, and waking a sleeping thread costs tens of microseconds. */
static const long spin_nanoseconds = 200000;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int started;
static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t posted_condition = PTHREAD_COND_INITIALIZER;
static atomic_int taken;
static atomic_ulong posted, finished;
static _Atomic(backprop_pair_body) job_body;
static _Atomic(void *) job_context;

static long nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000000000L + now.tv_nsec;
}

static void relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

static void wait_for_post(unsigned long seen) {
    long deadline = nanoseconds() + spin_nanoseconds;
    for (unsigned spins = 1; atomic_load_explicit(&posted, memory_order_acquire) == seen; spins++) {
        relax();
        if (spins % 256 == 0 && nanoseconds() > deadline) {
            pthread_mutex_lock(&mutex);
            while (atomic_load_explicit(&posted, memory_order_acquire) == seen)
                pthread_cond_wait(&posted_condition, &mutex);
            pthread_mutex_unlock(&mutex);
            return;
        }
    }
}

static void *helper(void *unused) {
    (void)unused;
    unsigned long seen = 0;
    for (;;) {
        wait_for_post(seen);
        seen = atomic_load_explicit(&posted, memory_order_acquire);
        atomic_load_explicit(&job_body, memory_order_relaxed)(atomic_load_explicit(&job_context, memory_order_relaxed), 1);
        atomic_store_explicit(&finished, seen, memory_order_release);
    }
    return 0;
}

static void start_helper(void) {
    pthread_t thread;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    started = pthread_create(&thread, &attributes, helper, 0) == 0;
    pthread_attr_destroy(&attributes);
}

void backprop_pair_run(backprop_pair_body body, void *context) {
    pthread_once(&once, start_helper);
    int free = 0;
    if (!started || !atomic_compare_exchange_strong(&taken, &free, 1)) {
        body(context, 0);
        body(context, 1);
        return;
    }
    atomic_store_explicit(&job_body, body, memory_order_relaxed);
    atomic_store_explicit(&job_context, context, memory_order_relaxed);
    unsigned long ticket = atomic_load_explicit(&posted, memory_order_relaxed) + 1;
    pthread_mutex_lock(&mutex);
    atomic_store_explicit(&posted, ticket, memory_order_release);
    pthread_cond_signal(&posted_condition);
    pthread_mutex_unlock(&mutex);
    body(context, 0);
    for (unsigned spins = 1; atomic_load_explicit(&finished, memory_order_acquire) != ticket; spins++) {
        relax();
        if (spins % 4096 == 0) sched_yield();
    }
    atomic_store_explicit(&taken, 0, memory_order_release);
}
