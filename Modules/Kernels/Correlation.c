#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

/* Lanes 0 ..< count set, for the last, partly valid column group of a row. */
__attribute__((target("avx2,fma"))) static inline __m256i lane_mask(size_t count) {
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count), lanes);
}

/* Output channels o ..< o + OB, row y, column groups x and x + 8 (`pair`) or x alone: every window
   term fused in the order c, ky, kx from zero. */
__attribute__((target("avx2,fma"), always_inline)) static inline void correlate_block(
    const float *in, size_t channels, size_t inRows, size_t inRowStride, const float *w, size_t k, float *out,
    size_t outHeight, size_t outWidth, size_t o, size_t y, size_t x, int pair, const int OB) {
    __m256 acc[6][2];
#pragma clang loop unroll(full)
    for (int j = 0; j < OB; j++) acc[j][0] = acc[j][1] = _mm256_setzero_ps();
    const size_t filter = channels * k * k;
    for (size_t c = 0; c < channels; c++) {
        for (size_t ky = 0; ky < k; ky++) {
            const float *row = in + (c * inRows + y + ky) * inRowStride + x;
            const float *taps = w + o * filter + (c * k + ky) * k;
            for (size_t kx = 0; kx < k; kx++) {
                __m256 v0 = _mm256_loadu_ps(row + kx);
                __m256 v1 = pair ? _mm256_loadu_ps(row + 8 + kx) : v0;
#pragma clang loop unroll(full)
                for (int j = 0; j < OB; j++) {
                    __m256 tap = _mm256_broadcast_ss(taps + j * filter + kx);
                    acc[j][0] = _mm256_fmadd_ps(tap, v0, acc[j][0]);
                    if (pair) acc[j][1] = _mm256_fmadd_ps(tap, v1, acc[j][1]);
                }
            }
        }
    }
    const size_t plane = outHeight * outWidth;
    for (int group = 0; group < (pair ? 2 : 1); group++) {
        size_t start = x + 8 * (size_t)group;
        if (start >= outWidth) break;
        for (int j = 0; j < OB; j++) {
            float *target = out + (o + j) * plane + y * outWidth + start;
            if (start + 8 <= outWidth)
                _mm256_storeu_ps(target, acc[j][group]);
            else
                _mm256_maskstore_ps(target, lane_mask(outWidth - start), acc[j][group]);
        }
    }
}

__attribute__((target("avx2,fma"), always_inline)) static inline void correlate_channels(
    const float *in, size_t channels, size_t inRows, size_t inRowStride, const float *w, size_t k, float *out,
    size_t outHeight, size_t outWidth, size_t o, const int OB) {
    for (size_t y = 0; y < outHeight; y++) {
        size_t x = 0;
        for (; x + 8 < outWidth; x += 16)
            correlate_block(in, channels, inRows, inRowStride, w, k, out, outHeight, outWidth, o, y, x, 1, OB);
        if (x < outWidth)
            correlate_block(in, channels, inRows, inRowStride, w, k, out, outHeight, outWidth, o, y, x, 0, OB);
    }
}

__attribute__((target("avx2,fma"))) void backprop_correlate(const float *in, size_t channels, size_t inRows,
                                                            size_t inRowStride, const float *w, size_t outChannels,
                                                            size_t k, float *out, size_t outHeight, size_t outWidth) {
    size_t o = 0;
    for (; o + 6 <= outChannels; o += 6)
        correlate_channels(in, channels, inRows, inRowStride, w, k, out, outHeight, outWidth, o, 6);
    switch (outChannels - o) {
    case 5: correlate_channels(in, channels, inRows, inRowStride, w, k, out, outHeight, outWidth, o, 5); break;
    case 4: correlate_channels(in, channels, inRows, inRowStride, w, k, out, outHeight, outWidth, o, 4); break;
    case 3: correlate_channels(in, channels, inRows, inRowStride, w, k, out, outHeight, outWidth, o, 3); break;
    case 2: correlate_channels(in, channels, inRows, inRowStride, w, k, out, outHeight, outWidth, o, 2); break;
    case 1: correlate_channels(in, channels, inRows, inRowStride, w, k, out, outHeight, outWidth, o, 1); break;
    default: break;
    }
}

/* The eight lanes' sum: lanes l and l + 4, then l and l + 2, then 0 and 1. */
__attribute__((target("avx2,fma"))) static inline float lane_sum(__m256 v) {
    __m128 quarter = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    quarter = _mm_add_ps(quarter, _mm_movehl_ps(quarter, quarter));
    quarter = _mm_add_ss(quarter, _mm_shuffle_ps(quarter, quarter, 1));
    return _mm_cvtss_f32(quarter);
}

/* Output channels o ..< o + OB, input channel c, tap row ky, taps kx and kx + 1 (`pair`) or kx alone. */
__attribute__((target("avx2,fma"), always_inline)) static inline void weight_block(
    const float *in, size_t channels, size_t inRows, size_t inRowStride, const float *g, size_t outHeight,
    size_t gRowStride, size_t k, float *dw, int overwrite, size_t o, size_t c, size_t ky, size_t kx, int pair,
    const int OB) {
    __m256 acc[6][2];
#pragma clang loop unroll(full)
    for (int j = 0; j < OB; j++) acc[j][0] = acc[j][1] = _mm256_setzero_ps();
    const size_t plane = outHeight * gRowStride;
    for (size_t y = 0; y < outHeight; y++) {
        const float *row = in + (c * inRows + y + ky) * inRowStride + kx;
        const float *gradients = g + o * plane + y * gRowStride;
#pragma clang loop unroll(disable)
        for (size_t x = 0; x < gRowStride; x += 8) {
            __m256 v0 = _mm256_loadu_ps(row + x);
            __m256 v1 = pair ? _mm256_loadu_ps(row + x + 1) : v0;
#pragma clang loop unroll(full)
            for (int j = 0; j < OB; j++) {
                __m256 gradient = _mm256_loadu_ps(gradients + j * plane + x);
                acc[j][0] = _mm256_fmadd_ps(gradient, v0, acc[j][0]);
                if (pair) acc[j][1] = _mm256_fmadd_ps(gradient, v1, acc[j][1]);
            }
        }
    }
    for (int j = 0; j < OB; j++) {
        for (int t = 0; t < (pair ? 2 : 1); t++) {
            float *target = dw + (((o + j) * channels + c) * k + ky) * k + kx + (size_t)t;
            float total = lane_sum(acc[j][t]);
            *target = overwrite ? total : *target + total;
        }
    }
}

__attribute__((target("avx2,fma"), always_inline)) static inline void weight_channels(
    const float *in, size_t channels, size_t inRows, size_t inRowStride, const float *g, size_t outHeight,
    size_t gRowStride, size_t k, float *dw, int overwrite, size_t o, const int OB) {
    for (size_t c = 0; c < channels; c++)
        for (size_t ky = 0; ky < k; ky++) {
            size_t kx = 0;
            for (; kx + 1 < k; kx += 2)
                weight_block(in, channels, inRows, inRowStride, g, outHeight, gRowStride, k, dw, overwrite, o, c, ky,
                             kx, 1, OB);
            if (kx < k)
                weight_block(in, channels, inRows, inRowStride, g, outHeight, gRowStride, k, dw, overwrite, o, c, ky,
                             kx, 0, OB);
        }
}

__attribute__((target("avx2,fma"))) void backprop_correlate_weights(const float *in, size_t channels, size_t inRows,
                                                                    size_t inRowStride, const float *g,
                                                                    size_t outChannels, size_t outHeight,
                                                                    size_t gRowStride, size_t k, float *dw,
                                                                    int overwrite) {
    size_t o = 0;
    for (; o + 4 <= outChannels; o += 4)
        weight_channels(in, channels, inRows, inRowStride, g, outHeight, gRowStride, k, dw, overwrite, o, 4);
    switch (outChannels - o) {
    case 3: weight_channels(in, channels, inRows, inRowStride, g, outHeight, gRowStride, k, dw, overwrite, o, 3); break;
    case 2: weight_channels(in, channels, inRows, inRowStride, g, outHeight, gRowStride, k, dw, overwrite, o, 2); break;
    case 1: weight_channels(in, channels, inRows, inRowStride, g, outHeight, gRowStride, k, dw, overwrite, o, 1); break;
    default: break;
    }
}

#else

#include <stdlib.h>

/* Only called where backprop_row_kernels_available() says yes, which it never does here. */
void backprop_correlate(const float *in, size_t channels, size_t inRows, size_t inRowStride, const float *w,
                        size_t outChannels, size_t k, float *out, size_t outHeight, size_t outWidth) {
    abort();
}

void backprop_correlate_weights(const float *in, size_t channels, size_t inRows, size_t inRowStride, const float *g,
                                size_t outChannels, size_t outHeight, size_t gRowStride, size_t k, float *dw,
                                int overwrite) {
    abort();
}

#endif
