/* CBLAS types from OpenBLAS's header, and two small system helpers. The library itself is opened at run time by TensorCore's
   BLASLibrary (see there why), so this module links nothing. */
#include <cblas.h>

typedef void (*BackpropSgemm)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE,
                              blasint, blasint, blasint, float, const float *, blasint,
                              const float *, blasint, float, float *, blasint);
typedef void (*BackpropDgemm)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE,
                              blasint, blasint, blasint, double, const double *, blasint,
                              const double *, blasint, double, double *, blasint);
typedef void (*BackpropSetThreads)(int);
typedef char *(*BackpropCoreName)(void);
typedef int (*BackpropThreadCount)(void);

/* Flush-to-zero and denormals-are-zero for this thread's SSE arithmetic. Subnormal floats make
   SGEMM about 100 times slower; a diverging or decaying run can fill its weights with them. */
#if defined(__x86_64__) || defined(__i386__)
static inline int backprop_can_flush_subnormals(void) { return 1; }
static inline unsigned int backprop_float_control(void) {
    unsigned int state;
    __asm__ __volatile__("stmxcsr %0" : "=m"(state));
    return state;
}
static inline void backprop_restore_float_control(unsigned int state) {
    __asm__ __volatile__("ldmxcsr %0" : : "m"(state) : "memory");
}
static inline unsigned int backprop_flush_subnormals(void) {
    unsigned int previous = backprop_float_control();
    backprop_restore_float_control(previous | 0x8040);
    return previous;
}
#else
/* Elsewhere (ARM, …) flushing is not set up here: the scope runs as is, and subnormals stay slow. */
static inline int backprop_can_flush_subnormals(void) { return 0; }
static inline unsigned int backprop_float_control(void) { return 0; }
static inline unsigned int backprop_flush_subnormals(void) { return 0; }
static inline void backprop_restore_float_control(unsigned int state) { (void)state; }
#endif

/* glibc's malloc thresholds (see TensorCore's AllocatorTuning); <malloc.h> is not in Swift's Glibc module. */
#if defined(__GLIBC__)
#include <malloc.h>
static inline void backprop_keep_freed_memory(int trimThreshold) {
    mallopt(M_MMAP_MAX, 0);
    mallopt(M_TRIM_THRESHOLD, trimThreshold);
}
#else
static inline void backprop_keep_freed_memory(int trimThreshold) { (void)trimThreshold; }
#endif
