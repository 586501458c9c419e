// Asynchronous signals are held back while a native call runs oneDNN code.
//
// oneDNN 2.x's generated f32 GEMM kernels (the AVX2 and AVX-512 ones behind inner product,
// i.e. every Dense layer, and gemm-based convolutions) point `rsp` at a heap workspace while
// they run. A signal delivered to the thread then — Ctrl-C, a profiler's timer, any handler
// Node installed — has its frame pushed onto that heap block, and malloc aborts later
// ("corrupted size vs. prev_size"). Upstream: uxlfoundation/oneDNN#4845, fixed in 3.11 by #4855;
// Debian's libdnnl 2.6 has the bug. Blocking the asynchronous signals on the calling thread for
// the length of a call closes the window: a signal stays pending (or goes to another of Node's
// threads) and is handled as soon as the call returns. OpenMP worker threads are created from
// inside such a call, so they inherit the blocked mask and never take a signal either.
#pragma once

#include <signal.h>

namespace nnlab {

class SignalBlock {
 public:
  /** Blocks every signal but the synchronous ones (faults, abort) on this thread. */
  SignalBlock();
  /** Restores the thread's previous mask; pending signals are delivered now. */
  ~SignalBlock();
  SignalBlock(const SignalBlock&) = delete;
  SignalBlock& operator=(const SignalBlock&) = delete;

 private:
  sigset_t previous_;
  bool restore_ = false;
};

}  // namespace nnlab
