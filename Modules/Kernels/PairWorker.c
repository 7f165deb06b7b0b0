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
/* posted: the last job's ticket; claimed: the last ticket whose second part someone took; finished:
   the last ticket whose second part the helper finished. */
static atomic_ulong posted, claimed, finished;
static _Atomic(backprop_pair_body) job_body;
static _Atomic(void *) job_context;
static atomic_uint job_float_control;

/* The SSE control word (flush-to-zero, denormals-are-zero, rounding) is per thread: the helper runs
   each part under the caller's, or a caller that flushes subnormals would get its helper's half
   computed with them (other bits, and about a hundred times slower). */
static unsigned int float_control(void) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned int state;
    __asm__ __volatile__("stmxcsr %0" : "=m"(state));
    return state;
#else
    return 0;
#endif
}

static void set_float_control(unsigned int state) {
#if defined(__x86_64__) || defined(__i386__)
    __asm__ __volatile__("ldmxcsr %0" : : "m"(state) : "memory");
#else
    (void)state;
#endif
}

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

/* Spinning threads yield every few microseconds: when the scheduler puts the helper on the caller's
   core, the other one runs at once instead of when the spinner's time slice ends (a batch-1 step
   took 200 µs instead of 70 then, one run in six). */
static const unsigned spins_between_yields = 256;

static void wait_for_post(unsigned long seen) {
    long deadline = nanoseconds() + spin_nanoseconds;
    for (unsigned spins = 1; atomic_load_explicit(&posted, memory_order_acquire) == seen; spins++) {
        relax();
        if (spins % spins_between_yields != 0) continue;
        sched_yield();
        if (nanoseconds() > deadline) {
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
        unsigned long previous = seen - 1;
        if (!atomic_compare_exchange_strong(&claimed, &previous, seen)) continue; /* the caller took it */
        unsigned int own = float_control();
        set_float_control(atomic_load_explicit(&job_float_control, memory_order_relaxed));
        atomic_load_explicit(&job_body, memory_order_relaxed)(atomic_load_explicit(&job_context, memory_order_relaxed), 1);
        set_float_control(own);
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
    atomic_store_explicit(&job_float_control, float_control(), memory_order_relaxed);
    unsigned long ticket = atomic_load_explicit(&posted, memory_order_relaxed) + 1;
    pthread_mutex_lock(&mutex);
    atomic_store_explicit(&posted, ticket, memory_order_release);
    pthread_cond_signal(&posted_condition);
    pthread_mutex_unlock(&mutex);
    body(context, 0);
    /* A helper that has not started the second part by now (descheduled, or sharing this core) would
       only make the caller wait: the caller takes it. */
    unsigned long previous = ticket - 1;
    if (atomic_compare_exchange_strong(&claimed, &previous, ticket)) {
        body(context, 1);
        atomic_store_explicit(&taken, 0, memory_order_release);
        return;
    }
    for (unsigned spins = 1; atomic_load_explicit(&finished, memory_order_acquire) != ticket; spins++) {
        relax();
        if (spins % spins_between_yields == 0) sched_yield();
    }
    atomic_store_explicit(&taken, 0, memory_order_release);
}
