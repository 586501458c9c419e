// The optimizers' update rules in float32, term by term as nnlab's TypeScript optimizers compute
// them (packages/core/src/keras-rmsprop.ts, keras-adam.ts, tfjs' SGD/momentum), over each
// weight's native buffer. Slots (mean squares, moments) live here during fit.
#pragma once

#include <string>
#include <vector>

#include "layer.h"

namespace nnlab {

struct OptimizerDesc {
  /** "rmsprop", "adam", "sgd". */
  std::string kind;
  double learningRate = 1e-3;
  double rho = 0.9;
  double momentum = 0.0;
  double epsilon = 1e-7;
  double beta1 = 0.9;
  double beta2 = 0.999;
  bool nesterov = false;
  /** RMSprop: divide by the estimated variance v − ḡ². */
  bool centered = false;
  /** Steps already taken (Adam's bias correction continues from here). */
  int64_t iterations = 0;
};

class Optimizer {
 public:
  Optimizer(const OptimizerDesc& desc, const std::vector<Param*>& trainable);
  /** Slots per weight, in the order the TypeScript side names them (rmsprop: rms[, momentum][, mg]; adam: m, v; sgd+momentum: accumulation). */
  size_t slotsPerParam() const { return slotCount_; }
  float* slot(size_t param, size_t which) { return slots_[param * slotCount_ + which].data(); }
  int64_t iterations() const { return desc_.iterations; }
  /** One update of every trainable weight from its grad. */
  void step();

 private:
  OptimizerDesc desc_;
  std::vector<Param*> params_;
  size_t slotCount_;
  std::vector<std::vector<float>> slots_;
};

}  // namespace nnlab
