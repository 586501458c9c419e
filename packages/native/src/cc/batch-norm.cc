// BatchNormalization over the last axis (channels of NHWC, features of [n, f]) on oneDNN's
// batch-normalization primitives, with tfjs-layers' (Keras') semantics:
// - training (fit): normalize with the batch's mean and biased variance (tf.moments), then
//   moving ← moving − (moving − batch)·(1 − momentum) for mean and variance, in float32 as tfjs
//   computes it; the gradient flows through the batch statistics (oneDNN's full backward);
//   gamma/beta get their gradients (use_scale / use_shift, each only when the layer has it);
// - inference (predict, evaluate): normalize with the moving statistics (use_global_stats).
// Defaults come from the layer's config (planner): epsilon 1e-3, momentum 0.99.
//
// Weights in tfjs' `layer.weights` order: gamma (scale), beta (center), moving_mean,
// moving_variance; the last two are non-trainable Params. The batch mean/variance of the last
// training forward are kept for backward (C floats each, independent of the batch size).
// Primitives are built once per batch size and mode (PerBatch) and run with new data handles.
#include <vector>

#include "layer.h"

namespace nnlab {
namespace {

using namespace dnnl;
using tag = memory::format_tag;
using dt = memory::data_type;

class BatchNorm : public Layer {
 public:
  BatchNorm(const LayerDesc& d, const Dims& in, Context& ctx) : Layer(d, in), ctx_(ctx) {
    if (in.size() != 1 && in.size() != 3) throw Error("BatchNormalization needs an input of rank 2 or 4, got rank " + std::to_string(in.size() + 1));
    if (!(d.epsilon > 0)) throw Error("BatchNormalization epsilon must be > 0");
    if (!(d.momentum >= 0 && d.momentum <= 1)) throw Error("BatchNormalization momentum must be in [0, 1]");
    channels_ = in.back();
    out_ = in;
    if (d.scale) params_.emplace_back(ctx, "gamma", Dims{channels_}, tag::x);
    if (d.center) params_.emplace_back(ctx, "beta", Dims{channels_}, tag::x);
    movingMean_ = params_.size();
    params_.emplace_back(ctx, "moving_mean", Dims{channels_}, tag::x, false);
    params_.emplace_back(ctx, "moving_variance", Dims{channels_}, tag::x, false);
    const memory::desc c({channels_}, dt::f32, tag::x);
    mean_ = memory(c, ctx.engine);
    variance_ = memory(c, ctx.engine);
    // Without gamma (scale: false) oneDNN uses 1, without beta (center: false) 0, as tfjs does.
    flags_ = normalization_flags::none;
    if (d.scale) flags_ = flags_ | normalization_flags::use_scale;
    if (d.center) flags_ = flags_ | normalization_flags::use_shift;
  }

  double flopsPerSample() const override { return 2.0 * static_cast<double>(dimsSize(in_)); }

  void forward(const float* x, float* y, int64_t n, bool training) override {
    Prims& p = prims(n);
    memory src = userMemory(ctx_, p.data, x), dst = userMemory(ctx_, p.data, y);
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}};
    addScaleShift(args, false);
    if (training) {
      args[DNNL_ARG_MEAN] = mean_;
      args[DNNL_ARG_VARIANCE] = variance_;
      p.fwdTrain.execute(ctx_.stream, args);
      ctx_.stream.wait();
      updateMoving();
      trained_ = true;
    } else {
      args[DNNL_ARG_MEAN] = params_[movingMean_].value;
      args[DNNL_ARG_VARIANCE] = params_[movingMean_ + 1].value;
      p.fwdInfer.execute(ctx_.stream, args);
      ctx_.stream.wait();
    }
  }

  void backward(const float* x, const float*, float* dy, float* dx, int64_t n) override {
    if (!trained_) throw Error("BatchNormalization: backward without a training forward");
    Prims& p = prims(n);
    float* out = dx;
    if (!out) {
      // oneDNN always writes diff_src; the first layer of a model has nowhere to put it.
      scratch_.resize(static_cast<size_t>(n * dimsSize(in_)));
      out = scratch_.data();
    }
    memory src = userMemory(ctx_, p.data, x), ddst = userMemory(ctx_, p.data, dy), dsrc = userMemory(ctx_, p.data, out);
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_DIFF_DST, ddst}, {DNNL_ARG_DIFF_SRC, dsrc}, {DNNL_ARG_MEAN, mean_}, {DNNL_ARG_VARIANCE, variance_}};
    addScaleShift(args, true);
    p.bwd.execute(ctx_.stream, args);
    ctx_.stream.wait();
  }

 private:
  struct Prims {
    memory::desc data;
    primitive fwdTrain, fwdInfer, bwd;
  };

  void addScaleShift(std::unordered_map<int, memory>& args, bool diffs) {
    size_t i = 0;
    if (desc_.scale) {
      args[DNNL_ARG_SCALE] = params_[i].value;
      if (diffs) args[DNNL_ARG_DIFF_SCALE] = params_[i].grad;
      i++;
    }
    if (desc_.center) {
      args[DNNL_ARG_SHIFT] = params_[i].value;
      if (diffs) args[DNNL_ARG_DIFF_SHIFT] = params_[i].grad;
    }
  }

  /** tfjs-layers' doMovingAverage: moving − (moving − batch)·(1 − momentum), in float32. */
  void updateMoving() {
    const float decay = 1.0f - desc_.momentum;
    const float* stats[2] = {static_cast<const float*>(mean_.get_data_handle()), static_cast<const float*>(variance_.get_data_handle())};
    for (int s = 0; s < 2; s++) {
      float* moving = params_[movingMean_ + s].valuePtr();
      for (int64_t c = 0; c < channels_; c++) moving[c] = moving[c] - (moving[c] - stats[s][c]) * decay;
    }
  }

  Prims& prims(int64_t n) {
    return prims_.get(n, [this](int64_t b) {
      Prims p;
      // [n, features] as n×C×1×1 in NHWC (the same bytes): oneDNN's jit kernels take that
      // layout, while a 2-D "nc" tensor gets its plain reference kernel.
      p.data = in_.size() == 1 ? memory::desc({b, channels_, 1, 1}, dt::f32, tag::nhwc) : batchDesc(b, in_);
      const float eps = desc_.epsilon;
      batch_normalization_forward::primitive_desc train({prop_kind::forward_training, p.data, eps, flags_}, ctx_.engine);
      batch_normalization_forward::primitive_desc infer({prop_kind::forward_inference, p.data, eps, flags_ | normalization_flags::use_global_stats}, ctx_.engine);
      const prop_kind bwdKind = desc_.scale || desc_.center ? prop_kind::backward : prop_kind::backward_data;
      batch_normalization_backward::primitive_desc bwd({bwdKind, p.data, p.data, eps, flags_}, ctx_.engine, train);
      p.fwdTrain = batch_normalization_forward(train);
      p.fwdInfer = batch_normalization_forward(infer);
      p.bwd = batch_normalization_backward(bwd);
      return p;
    });
  }

  Context& ctx_;
  int64_t channels_ = 0;
  size_t movingMean_ = 0;
  normalization_flags flags_ = normalization_flags::none;
  memory mean_, variance_;
  bool trained_ = false;
  std::vector<float> scratch_;
  PerBatch<Prims> prims_;
};

}  // namespace

NNLAB_REGISTER_LAYER("batchNormalization", BatchNorm);

}  // namespace nnlab
