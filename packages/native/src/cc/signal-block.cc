#include "signal-block.h"

#include <pthread.h>

#include <initializer_list>

namespace nnlab {
namespace {

sigset_t asynchronousSignals() {
  sigset_t set;
  sigfillset(&set);
  // Raised by the faulting instruction itself: blocking them would turn a crash report (or
  // V8's WebAssembly trap handler) into a silent kill.
  for (int s : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGABRT, SIGSYS}) sigdelset(&set, s);
  return set;
}

}  // namespace

SignalBlock::SignalBlock() {
  static const sigset_t blocked = asynchronousSignals();
  restore_ = pthread_sigmask(SIG_BLOCK, &blocked, &previous_) == 0;
}

SignalBlock::~SignalBlock() {
  if (restore_) pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

}  // namespace nnlab
