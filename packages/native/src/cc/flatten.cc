// Flatten and Activation: layers without weights. Flatten is free (tfjs flattens NHWC in memory
// order, the order the buffer already has); Activation applies one activation function.
#include <cstring>

#include "layer.h"

namespace nnlab {
namespace {

class Flatten : public Layer {
 public:
  Flatten(const LayerDesc& d, const Dims& in, Context&) : Layer(d, in) { out_ = {dimsSize(in)}; }
  bool inPlace() const override { return true; }
  void forward(const float*, float*, int64_t, bool) override {}
  void backward(const float*, const float*, float*, float*, int64_t) override {}
};

class ActivationLayer : public Layer {
 public:
  ActivationLayer(const LayerDesc& d, const Dims& in, Context& ctx) : Layer(d, in), act_(ctx, d.activation, in) { out_ = in; }
  void forward(const float* x, float* y, int64_t n, bool) override {
    std::memcpy(y, x, sizeof(float) * n * dimsSize(in_));
    act_.forward(y, n);
  }
  void backward(const float*, const float* y, float* dy, float* dx, int64_t n) override {
    act_.backward(y, dy, n);
    if (dx) std::memcpy(dx, dy, sizeof(float) * n * dimsSize(in_));
  }

 private:
  Activation act_;
};

}  // namespace

NNLAB_REGISTER_LAYER("flatten", Flatten);
NNLAB_REGISTER_LAYER("activation", ActivationLayer);

}  // namespace nnlab
