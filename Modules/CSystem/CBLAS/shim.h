/* CBLAS types from OpenBLAS's header. The library itself is opened at run time by TensorCore's
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
