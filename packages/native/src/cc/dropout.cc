// Dropout with Keras' inverted scaling: in training each value is kept with probability
// 1 − rate and scaled by 1 / (1 − rate) (tfjs: x · floor(u + keep) / keep), else zeroed; at
// inference it is the identity (a copy). Backward multiplies dy by the same mask and scale.
//
// The mask is drawn from the model's seeded RNG (Context::rng, mt19937_64; 24 random bits per
// value, kept when u ≥ rate), so a native run repeats itself from the same seed. It is NOT the
// stream tfjs draws (tfjs' randomUniform uses its own generator), so native and tfjs training
// with dropout agree in distribution, not value by value.
//
// Not in place: the previous layer's backward reads its own output (the activation gradient
// from the stored output), which the scaled copy must not overwrite.
#include <cstring>
#include <vector>

#include "layer.h"

namespace nnlab {
namespace {

class Dropout : public Layer {
 public:
  Dropout(const LayerDesc& d, const Dims& in, Context& ctx) : Layer(d, in), ctx_(ctx) {
    if (!(d.rate >= 0.0f && d.rate < 1.0f)) throw Error("Dropout rate must be in [0, 1), got " + std::to_string(d.rate));
    out_ = in;
    scale_ = 1.0f / (1.0f - d.rate);
  }

  void forward(const float* x, float* y, int64_t n, bool training) override {
    const size_t count = static_cast<size_t>(n * dimsSize(in_));
    masked_ = training && desc_.rate > 0.0f;
    if (!masked_) {
      std::memcpy(y, x, count * sizeof(float));
      return;
    }
    mask_.resize(count);
    // Two 24-bit uniforms per 64-bit draw; u ≥ rate keeps the value.
    const uint32_t threshold = static_cast<uint32_t>(static_cast<double>(desc_.rate) * (1u << 24));
    size_t i = 0;
    while (i < count) {
      const uint64_t bits = ctx_.rng();
      for (int half = 0; half < 2 && i < count; half++, i++) {
        const uint32_t u = static_cast<uint32_t>(bits >> (half ? 40 : 8)) & 0xFFFFFFu;
        mask_[i] = u >= threshold ? scale_ : 0.0f;
      }
    }
    for (size_t j = 0; j < count; j++) y[j] = x[j] * mask_[j];
  }

  void backward(const float*, const float*, float* dy, float* dx, int64_t n) override {
    if (!dx) return;
    const size_t count = static_cast<size_t>(n * dimsSize(in_));
    if (!masked_) {
      std::memcpy(dx, dy, count * sizeof(float));
      return;
    }
    for (size_t j = 0; j < count; j++) dx[j] = dy[j] * mask_[j];
  }

 private:
  Context& ctx_;
  float scale_ = 1.0f;
  bool masked_ = false;
  /** Per value of the last training batch: 0 (dropped) or 1 / (1 − rate). */
  std::vector<float> mask_;
};

}  // namespace

NNLAB_REGISTER_LAYER("dropout", Dropout);

}  // namespace nnlab
