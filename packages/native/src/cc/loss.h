// Cross-entropy losses with Keras' semantics (packages/core/src/losses.ts): predictions clipped to
// [1e-7, 1 − 1e-7], per-sample weights, mean over the batch. The gradient is autodiff's w.r.t. the
// predictions (zero where the clip was active, as tfjs' ClipByValue gradient); the output layer's
// activation backward (softmax / sigmoid) then turns it into the logits' gradient.
#pragma once

#include <cstdint>
#include <string>

namespace nnlab {

enum class LossKind { CategoricalCrossentropy, BinaryCrossentropy };

LossKind lossKind(const std::string& name);

/**
 * Loss of the batch (weighted mean over n samples) of predictions p [n, k] against targets y,
 * with optional per-sample weights w (nullptr = 1); writes dL/dp into dp.
 */
double lossAndGradient(LossKind kind, const float* p, const float* y, const float* w, int64_t n, int64_t k, float* dp);

/** Loss only (evaluation). */
double lossValue(LossKind kind, const float* p, const float* y, int64_t n, int64_t k);

/** Samples whose predicted class matches the target (threshold 0.5 for one output). */
int64_t countHits(const float* p, const float* y, int64_t n, int64_t k);

}  // namespace nnlab
