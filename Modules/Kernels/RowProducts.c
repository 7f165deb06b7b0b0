#include "CKernels.h"

#include <math.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

int backprop_row_kernels_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int fma = 1u << 12, osxsave = 1u << 27, avx = 1u << 28;
    if ((ecx & (fma | osxsave | avx)) != (fma | osxsave | avx)) return 0;
    unsigned int low, high;
    __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    if ((low & 6) != 6) return 0; /* the OS saves the SSE and AVX registers */
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    return (ebx & (1u << 5)) != 0; /* AVX2 */
}

static size_t block_length(size_t remaining, size_t depth, size_t unroll) {
    if (remaining >= 2 * depth) return depth;
    if (remaining > depth) return ((remaining / 2 + unroll - 1) / unroll) * unroll;
    return remaining;
}

/* Columns t … t+3 and t+4 … t+7 of eight rows (each from t), as eight vectors: column i holds row l in
   lane l. Each 256-bit register is loaded as two 128-bit halves (rows l and l+4), so a 4×4 transpose
   within each half finishes the job. */
__attribute__((target("avx2,fma"))) static inline void transpose8(const float *rows, size_t ldw, __m256 column[8]) {
    for (int half = 0; half < 2; half++) {
        __m256 r[4], u[4];
        for (int l = 0; l < 4; l++) {
            const float *low = rows + l * ldw + 4 * half, *high = rows + (l + 4) * ldw + 4 * half;
            r[l] = _mm256_insertf128_ps(_mm256_castps128_ps256(_mm_loadu_ps(low)), _mm_loadu_ps(high), 1);
        }
        u[0] = _mm256_unpacklo_ps(r[0], r[1]);
        u[1] = _mm256_unpackhi_ps(r[0], r[1]);
        u[2] = _mm256_unpacklo_ps(r[2], r[3]);
        u[3] = _mm256_unpackhi_ps(r[2], r[3]);
        column[4 * half] = _mm256_shuffle_ps(u[0], u[2], _MM_SHUFFLE(1, 0, 1, 0));
        column[4 * half + 1] = _mm256_shuffle_ps(u[0], u[2], _MM_SHUFFLE(3, 2, 3, 2));
        column[4 * half + 2] = _mm256_shuffle_ps(u[1], u[3], _MM_SHUFFLE(1, 0, 1, 0));
        column[4 * half + 3] = _mm256_shuffle_ps(u[1], u[3], _MM_SHUFFLE(3, 2, 3, 2));
    }
}

/* Finishes a block's terms start ..< end one at a time for the eight outputs in acc (lane l: output l,
   whose terms are `stride` apart from w + l·step). */
__attribute__((target("avx2,fma"))) static __m256 finish_block(__m256 acc, const float *x, const float *w,
                                                              size_t step, size_t stride, size_t start, size_t end) {
    float lanes[8];
    _mm256_storeu_ps(lanes, acc);
    for (int l = 0; l < 8; l++)
        for (size_t s = start; s < end; s++) lanes[l] = fmaf(x[s], w[l * step + s * stride], lanes[l]);
    return _mm256_loadu_ps(lanes);
}

/* One block (terms start ..< end) of `groups` × 8 rows of w stored transposed, each fused in order
   from zero; the groups run side by side so their chains of dependent additions overlap. */
__attribute__((target("avx2,fma"))) static void transposed_block(const float *x, const float *w, size_t ldw,
                                                                int groups, size_t start, size_t end, __m256 *acc) {
    for (int g = 0; g < groups; g++) acc[g] = _mm256_setzero_ps();
    size_t t = start;
    for (; t + 8 <= end; t += 8) {
        for (int g = 0; g < groups; g++) {
            __m256 column[8];
            transpose8(w + 8 * g * ldw + t, ldw, column);
            for (int i = 0; i < 8; i++) acc[g] = _mm256_fmadd_ps(column[i], _mm256_set1_ps(x[t + i]), acc[g]);
        }
    }
    if (t < end)
        for (int g = 0; g < groups; g++) acc[g] = finish_block(acc[g], x, w + 8 * g * ldw, ldw, 1, t, end);
}

/* The same for `groups` × 8 columns of w stored plainly. */
__attribute__((target("avx2,fma"))) static void plain_block(const float *x, const float *w, size_t ldw, int groups,
                                                           size_t start, size_t end, __m256 *acc) {
    for (int g = 0; g < groups; g++) acc[g] = _mm256_setzero_ps();
    for (size_t t = start; t < end; t++) {
        __m256 factor = _mm256_set1_ps(x[t]);
        for (int g = 0; g < groups; g++) acc[g] = _mm256_fmadd_ps(factor, _mm256_loadu_ps(w + t * ldw + 8 * g), acc[g]);
    }
}

/* Outputs j … j + 8·groups − 1 (groups ≤ 4): w points at row j (transposed) or column j (plain). */
__attribute__((target("avx2,fma"))) static void output_groups(const float *x, const float *w, size_t ldw, size_t k,
                                                             int transposed, int groups, size_t depth, size_t unroll,
                                                             float *c) {
    __m256 total[4], block[4];
    for (int g = 0; g < groups; g++) total[g] = _mm256_setzero_ps();
    for (size_t start = 0; start < k;) {
        size_t end = start + block_length(k - start, depth, unroll);
        if (transposed)
            transposed_block(x, w, ldw, groups, start, end, block);
        else
            plain_block(x, w, ldw, groups, start, end, block);
        for (int g = 0; g < groups; g++) total[g] = _mm256_add_ps(total[g], block[g]);
        start = end;
    }
    for (int g = 0; g < groups; g++) _mm256_storeu_ps(c + 8 * g, total[g]);
}

/* One output: w points at row j (transposed) or column j (plain, stride ldw). */
__attribute__((target("avx2,fma"))) static float one_output(const float *x, const float *w, size_t stride, size_t k,
                                                           size_t depth, size_t unroll) {
    float total = 0;
    for (size_t start = 0; start < k;) {
        size_t end = start + block_length(k - start, depth, unroll);
        float acc = 0;
        for (size_t t = start; t < end; t++) acc = fmaf(x[t], w[t * stride], acc);
        total += acc;
        start = end;
    }
    return total;
}

void backprop_row_product(const float *x, const float *w, size_t ldw, size_t n, size_t k, int transposed,
                          size_t depth, size_t unroll, float *c) {
    /* Output j starts at row j (transposed) or column j (plain); its terms are 1 or ldw apart. */
    const size_t outputStep = transposed ? ldw : 1, termStride = transposed ? 1 : ldw;
    const int widest = transposed ? 2 : 4;
    size_t j = 0;
    for (; j + 8 * widest <= n; j += 8 * widest)
        output_groups(x, w + j * outputStep, ldw, k, transposed, widest, depth, unroll, c + j);
    for (; j + 8 <= n; j += 8) output_groups(x, w + j * outputStep, ldw, k, transposed, 1, depth, unroll, c + j);
    if (j == n) return;
    if (n >= 8) {
        /* The last outputs again as a whole group of eight: each output's sum is its own, so the overlap
           writes the same values. */
        output_groups(x, w + (n - 8) * outputStep, ldw, k, transposed, 1, depth, unroll, c + n - 8);
        return;
    }
    for (; j < n; j++) c[j] = one_output(x, w + j * outputStep, termStride, k, depth, unroll);
}

#else

int backprop_row_kernels_available(void) { return 0; }

void backprop_row_product(const float *x, const float *w, size_t ldw, size_t n, size_t k, int transposed,
                          size_t depth, size_t unroll, float *c) {
    (void)x, (void)w, (void)ldw, (void)n, (void)k, (void)transposed, (void)depth, (void)unroll, (void)c;
}

#endif
