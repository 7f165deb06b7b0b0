/* Our own C: the pair worker (CPairWorker.h) and the row products below.

   Small products that BLAS runs slowly, summed in the order OpenBLAS's Haswell SGEMM sums them, so
   a result is the same to the bit whichever computes it (TensorCore's RowProducts checks that on the
   running library before using them). */
#ifndef BACKPROP_CKERNELS_H
#define BACKPROP_CKERNELS_H

#include <stddef.h>

#include "CPairWorker.h"

/* 1 when this CPU and OS run AVX2 and FMA instructions, which the kernels below need. */
int backprop_row_kernels_available(void);

/* c[j] = Σ_t x[t]·w[j·ldw + t] for j < n (the 1×k times k×n product with w stored transposed), or
   with `transposed` 0, c[j] = Σ_t x[t]·w[t·ldw + j]. The sum over t runs in blocks: from the start,
   blocks of `depth` while at least 2·depth terms remain, then one block of half the rest rounded up
   to a multiple of `unroll` if more than `depth` remain, then the rest. Within a block the terms are
   fused multiply-adds in order from zero; the block sums are added in order onto zero. */
void backprop_row_product(const float *x, const float *w, size_t ldw, size_t n, size_t k, int transposed,
                          size_t depth, size_t unroll, float *c);

#endif
