#include <gsl/gsl_rng.h>
/* Declared here rather than through <gsl/gsl_randist.h>, which pulls in GSL's own CBLAS
   declarations and clashes with OpenBLAS's cblas.h in the same program. */
double gsl_ran_gaussian(const gsl_rng *r, const double sigma);
unsigned int gsl_ran_bernoulli(const gsl_rng *r, double p);

/* The Mersenne Twister's type. GSL exports it as a mutable global, which Swift 6 will not read
   from concurrent code; the value never changes after GSL is loaded. */
static inline const gsl_rng_type *backprop_mt19937(void) { return gsl_rng_mt19937; }
