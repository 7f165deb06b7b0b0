/* A helper thread that runs the second half of two-part work while the caller runs the first. */
#ifndef BACKPROP_CPAIRWORKER_H
#define BACKPROP_CPAIRWORKER_H

/* One part of the work: part is 0 (the calling thread) or 1 (the helper). */
typedef void (*backprop_pair_body)(void *context, long part);

/* Runs body(context, 0) here and body(context, 1) on the helper thread at the same time, and returns
   when both are done. The helper waits for work spinning for a short while, then sleeps. Part 1
   runs here after part 0 when the helper has not started it by then, and both run here in order
   when the helper is taken (another caller, or a call from inside a part) or cannot be started. */
void backprop_pair_run(backprop_pair_body body, void *context);

#endif
