/* Our own C: the pair worker (CPairWorker.h), and below, for products that BLAS runs slowly:
   - the row products, summed in the order OpenBLAS's Haswell SGEMM sums them, so a result is the same
     to the bit whichever computes it (TensorCore's SmallProducts checks that on the running library
     before using them);
   - the direct convolutions of thin layers, each sum in a fixed order of its own (Layers'
     DirectConvolution). */
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

/* Stride-1 correlation of `channels` zero-padded planes with `outChannels` k×k filters (Layers'
   DirectConvolution). Plane c holds inRows rows of inRowStride floats; every row must be readable and
   finite up to column round_up(outWidth, 8) + k − 2, and inRows ≥ outHeight + k − 1. Writes
   out[(o·outHeight + y)·outWidth + x] = Σ_c Σ_ky Σ_kx w[((o·channels + c)·k + ky)·k + kx] ·
   in[(c·inRows + y + ky)·inRowStride + x + kx], each sum fused in the order c, ky, kx from zero. */
void backprop_correlate(const float *in, size_t channels, size_t inRows, size_t inRowStride, const float *w,
                        size_t outChannels, size_t k, float *out, size_t outHeight, size_t outWidth);

/* The filters' gradient of the correlation above: dw[((o·channels + c)·k + ky)·k + kx] gets
   Σ_y Σ_x g[(o·outHeight + y)·gRowStride + x] · in[(c·inRows + y + ky)·inRowStride + x + kx], written
   when `overwrite` is 1, else added. gRowStride is a multiple of 8 and each row of g is zero beyond
   the output's width; `in` is readable and finite up to column gRowStride + k − 2. Each sum runs in
   eight lanes (x mod 8), fused in the order y, x from zero; the lanes are then added l + (l + 4),
   then l + (l + 2), then 0 + 1. */
void backprop_correlate_weights(const float *in, size_t channels, size_t inRows, size_t inRowStride, const float *g,
                                size_t outChannels, size_t outHeight, size_t gRowStride, size_t k, float *dw,
                                int overwrite);

#endif
