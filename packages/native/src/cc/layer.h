// The C++ layer interface of nnlab's native engine. Every layer kind is one class in its own file
// (dense.cc, conv2d.cc, pool2d.cc, ...) that implements `Layer` and registers itself with
// NNLAB_REGISTER_LAYER. The model (model.cc) owns the activation buffers, chains the layers, and
// runs loss and optimizer; a layer only sees raw float pointers for one batch.
//
// Conventions (see packages/native/README.md, "The layer interface"):
// - Shapes are one sample's shape without the batch: {features} or {H, W, C}. Every buffer passed
//   to a layer is dense row-major float32 in tfjs' layout, batch first: [n, features] or NHWC.
// - `n` (the batch) varies between calls (the last batch of an epoch is partial); it never
//   exceeds the `maxBatch` of the model. Build oneDNN primitives once per distinct `n`
//   (`PerBatch` below) and execute them with new data handles on every call.
// - Weights live in `Param`s, in whatever layout the layer chooses (format_tag::any for conv
//   filters). The model writes them from / reads them back to tfjs' layout through
//   Param::load / Param::store, and the optimizer updates value from grad element-wise over the
//   whole native buffer (padding included: oneDNN keeps padded elements zero).
// - forward() writes y; backward() gets dy (the loss gradient w.r.t. y, which it may overwrite),
//   writes dx (when not null) and OVERWRITES every trainable Param's grad with the batch's
//   gradient (already a mean: the loss scales dy by 1/n).
// - Anything backward needs besides x and y (pooling workspaces, dropout masks, batch statistics)
//   is stored by the layer itself, sized for the largest batch it has seen.
// - Errors: throw nnlab::Error with a one-line message; the addon turns it into a JS Error.
#pragma once

#include "dnnl-version.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace nnlab {

/** One sample's shape, without the batch dimension. */
using Dims = std::vector<int64_t>;

inline int64_t dimsSize(const Dims& d) {
  int64_t s = 1;
  for (int64_t v : d) s *= v;
  return s;
}

/** A failure with a message meant for the user (becomes a JS Error). */
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/** What all layers of one model share: oneDNN's CPU engine and stream, and the model's RNG. */
struct Context {
  dnnl::engine engine;
  dnnl::stream stream;
  /** Dropout masks draw from here; seeded by the model so runs repeat. */
  std::mt19937_64 rng;
  explicit Context(uint64_t seed) : engine(dnnl::engine::kind::cpu, 0), stream(engine), rng(seed) {}
};

/**
 * A plain description of one layer, as the TypeScript planner sends it (packages/native/src/plan.ts
 * builds it from the tfjs layer's config). Fields a kind does not use keep their defaults.
 */
struct LayerDesc {
  /** "dense", "conv2d", "maxPooling2d", "averagePooling2d", "globalAveragePooling2d", "flatten",
   *  "dropout", "batchNormalization", "activation". */
  std::string kind;
  /** Activation applied to the layer's output: "linear", "relu", "sigmoid", "tanh", "softmax". */
  std::string activation = "linear";
  bool useBias = true;
  /** Dense: output units. */
  int64_t units = 0;
  /** Conv2D: output channels. */
  int64_t filters = 0;
  /** Conv2D kernel size, or pool size for the pooling layers. */
  int64_t kernelH = 1, kernelW = 1;
  int64_t strideH = 1, strideW = 1;
  /** "valid" or "same" (tfjs' rule: same pads so that out = ceil(in / stride), extra on the bottom/right). */
  std::string padding = "valid";
  /** Dropout rate. */
  float rate = 0.0f;
  /** BatchNormalization (last axis). */
  float epsilon = 1e-3f;
  float momentum = 0.99f;
  bool center = true;
  bool scale = true;
};

/** Output size of a conv/pool window along one axis, and the padding before it (tfjs' rules). */
struct Window {
  int64_t out;
  int64_t padBefore;
  int64_t padAfter;
};
Window windowFor(int64_t in, int64_t kernel, int64_t stride, const std::string& padding);

/** One weight of a layer (kernel, bias, gamma, moving mean ...). */
struct Param {
  /** The tfjs weight's short name: "kernel", "bias", "gamma", "beta", "moving_mean", "moving_variance". */
  std::string name;
  /** The tfjs variable's shape. */
  Dims tfShape;
  /** Trainable weights get a grad and are updated by the optimizer; others (moving statistics) are state. */
  bool trainable = true;
  /** The tfjs variable's layout (e.g. {KH, KW, IC, OC} as hwio for conv, {in, out} as io for dense). */
  dnnl::memory::desc tfDesc;
  /** The value in the layer's layout (may be tfDesc itself). */
  dnnl::memory value;
  /** Gradient, same desc as value (empty when not trainable). */
  dnnl::memory grad;

  /** A weight stored in tfjs' own layout. */
  Param(Context& ctx, std::string name, Dims tfShape, dnnl::memory::format_tag tfTag, bool trainable = true);
  /** A weight stored in `native` (for instance a conv primitive's chosen weights_desc()). */
  Param(Context& ctx, std::string name, Dims tfShape, dnnl::memory::format_tag tfTag, const dnnl::memory::desc& native, bool trainable = true);

  float* valuePtr() const { return static_cast<float*>(value.get_data_handle()); }
  float* gradPtr() const { return static_cast<float*>(grad.get_data_handle()); }
  /** Floats in the native buffer, padding included. */
  size_t nativeSize() const { return value.get_desc().get_size() / sizeof(float); }
  /** Floats in the tfjs variable. */
  size_t tfSize() const { return static_cast<size_t>(dimsSize(tfShape)); }
  /** Copies a tfjs-layout array in (reorders when the layouts differ). */
  void load(Context& ctx, const float* src) { fromTf(ctx, src, valuePtr()); }
  /** Copies the value out in tfjs' layout. */
  void store(Context& ctx, float* dst) const { toTf(ctx, valuePtr(), dst); }
  /** Any buffer in this weight's native layout (an optimizer slot) → tfjs layout, and back. */
  void toTf(Context& ctx, const float* native, float* tf) const;
  void fromTf(Context& ctx, const float* tf, float* native) const;
};

/** The interface every layer kind implements. */
class Layer {
 public:
  Layer(const LayerDesc& desc, Dims input) : desc_(desc), in_(std::move(input)) {}
  virtual ~Layer() = default;
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  const LayerDesc& desc() const { return desc_; }
  const Dims& inputShape() const { return in_; }
  const Dims& outputShape() const { return out_; }
  /** The layer's weights in tfjs' `layer.weights` order (trainable ones first, as tfjs lists them). */
  std::vector<Param>& params() { return params_; }

  /**
   * True when the output IS the input (Flatten, Dropout at inference is still a copy-free pass):
   * the model then passes the same buffer as x and y, and dy as dx; forward/backward still run.
   */
  virtual bool inPlace() const { return false; }
  /** Forward FLOPs of one sample (multiply-add = 2), for the thread policy and GFLOP/s figures. */
  virtual double flopsPerSample() const { return 0.0; }

  /** y = f(x) for the first n samples; `training` selects batch statistics / dropout. */
  virtual void forward(const float* x, float* y, int64_t n, bool training) = 0;
  /** Gradients: dx (nullptr when not needed) from dy; trainable params' grad overwritten. */
  virtual void backward(const float* x, const float* y, float* dy, float* dx, int64_t n) = 0;

 protected:
  LayerDesc desc_;
  Dims in_;
  Dims out_;
  std::vector<Param> params_;
};

/** Primitives (or anything else) built once per batch size and kept. */
template <class T>
class PerBatch {
 public:
  template <class Build>
  T& get(int64_t n, Build build) {
    auto it = cache_.find(n);
    if (it == cache_.end()) it = cache_.emplace(n, build(n)).first;
    return it->second;
  }

 private:
  std::map<int64_t, T> cache_;
};

/** A oneDNN memory over caller-owned data (no copy); the handle is set per call. */
inline dnnl::memory userMemory(Context& ctx, const dnnl::memory::desc& md, const float* data) {
  return dnnl::memory(md, ctx.engine, const_cast<float*>(data));
}

/** Plain layouts for a batch of `shape` samples: {n, c} as nc, {n, h, w, c} as nhwc. */
dnnl::memory::desc batchDesc(int64_t n, const Dims& shape);

/** Applies one activation in place and its gradient from the stored output (use_dst_for_bwd). */
class Activation {
 public:
  Activation(Context& ctx, std::string name, Dims shape);
  const std::string& name() const { return name_; }
  bool isLinear() const { return name_ == "linear"; }
  /** y = f(y) in place. */
  void forward(float* y, int64_t n);
  /** dy = dy ⊙ f'(·) computed from the stored output y, in place. */
  void backward(const float* y, float* dy, int64_t n);

 private:
  struct Prims {
    dnnl::primitive fwd;
    dnnl::primitive bwd;
    dnnl::memory::desc md;
  };
  Prims build(int64_t n);
  Context& ctx_;
  std::string name_;
  Dims shape_;
  PerBatch<Prims> prims_;
};

// ---- registration ------------------------------------------------------------------------------

using LayerFactory = std::function<std::unique_ptr<Layer>(const LayerDesc&, const Dims& input, Context&)>;

/** Adds a kind to the registry (use NNLAB_REGISTER_LAYER). */
bool registerLayer(const std::string& kind, LayerFactory factory);
/** The layer for `desc` on `input`; throws Error for unknown kinds or bad shapes. */
std::unique_ptr<Layer> makeLayer(const LayerDesc& desc, const Dims& input, Context& ctx);
/** Kinds this build registers (the TypeScript planner refuses models with others). */
std::vector<std::string> layerKinds();

}  // namespace nnlab

/** Registers class `Cls` (constructor `Cls(const LayerDesc&, const Dims&, Context&)`) under `kind`. */
#define NNLAB_REGISTER_LAYER(kind, Cls)                                                                       \
  static const bool nnlab_registered_##Cls = ::nnlab::registerLayer(                                          \
      kind, [](const ::nnlab::LayerDesc& d, const ::nnlab::Dims& in, ::nnlab::Context& c) {                  \
        return std::unique_ptr<::nnlab::Layer>(new Cls(d, in, c));                                            \
      })
