// Conv2D: y = act(conv(x, K) + b) on oneDNN's convolution primitives (forward, backward data,
// backward weights + bias), with tfjs' window rules: 'valid', or 'same' padding with the extra
// row/column of an even kernel at the bottom/right (windowFor), strides ≥ 1, any kernel size.
//
// Design:
// - Activations stay NHWC (tfjs' layout, the model's buffers are used in place). The filters do
//   NOT: with tfjs' HWIO filters oneDNN falls back to a slow gemm path, so the kernel Param lives
//   in the layout oneDNN picks for `format_tag::any` (a blocked layout such as OIhw16i16o; it may
//   be padded to the block: the padding stays zero). Param::load / store reorder from / to HWIO
//   once when weights move between tfjs and the engine, never per step.
// - The layout is chosen once, in the constructor, from a forward primitive for kLayoutBatch
//   samples. Primitives are then built once per batch size (PerBatch: the full batch and the
//   partial last one) and executed with new data handles on every call. Backward data and
//   backward weights usually prefer other filter layouts than forward; where a primitive's
//   layout differs from the Param's, a small reorder into a per-layer scratch runs each step
//   (filters are at most a few hundred KB, the reorder is microseconds).
// - relu/sigmoid/tanh are fused into the convolution as an eltwise post-op; their gradient is
//   taken from the stored output (Activation::backward, use_dst_for_bwd). softmax runs as a
//   separate in-place pass over the channels.
// - Backward primitives are built on the first backward call (inference never builds them); the
//   backward-data primitive only when dx is wanted (the first layer of a model never needs it).
#include "layer.h"

namespace nnlab {
namespace {

using namespace dnnl;
using tag = memory::format_tag;
using dt = memory::data_type;

/** Batch size of the forward primitive that picks the filters' layout. */
constexpr int64_t kLayoutBatch = 64;

/** A filter buffer in one primitive's layout, and the reorders between it and the Param's. */
struct FilterView {
  bool same = true;
  memory mem;
  reorder toView, fromView;
};

FilterView filterView(Context& ctx, const memory& param, const memory::desc& wanted, bool into, bool outOf) {
  FilterView v;
  if (wanted == param.get_desc()) return v;
  v.same = false;
  v.mem = memory(wanted, ctx.engine);
  if (into) v.toView = reorder(param, v.mem);
  if (outOf) v.fromView = reorder(v.mem, param);
  return v;
}

class Conv2D : public Layer {
 public:
  Conv2D(const LayerDesc& d, const Dims& in, Context& ctx) : Layer(d, in), ctx_(ctx) {
    if (in.size() != 3) throw Error("Conv2D needs an input of rank 4 (batch, height, width, channels), got rank " + std::to_string(in.size() + 1));
    if (d.filters <= 0) throw Error("Conv2D needs filters > 0, got " + std::to_string(d.filters));
    if (d.kernelH < 1 || d.kernelW < 1) throw Error("Conv2D kernel size must be >= 1");
    if (d.strideH < 1 || d.strideW < 1) throw Error("Conv2D strides must be >= 1");
    h_ = windowFor(in[0], d.kernelH, d.strideH, d.padding);
    w_ = windowFor(in[1], d.kernelW, d.strideW, d.padding);
    channels_ = in[2];
    out_ = {h_.out, w_.out, d.filters};
    act_ = std::make_unique<Activation>(ctx, d.activation, out_);
    fused_ = d.activation == "relu" || d.activation == "sigmoid" || d.activation == "tanh";

    const memory::desc native = forwardDesc(kLayoutBatch).weights_desc();
    params_.emplace_back(ctx, "kernel", Dims{d.kernelH, d.kernelW, channels_, d.filters}, tag::hwio, native);
    if (d.useBias) params_.emplace_back(ctx, "bias", Dims{d.filters}, tag::x);
  }

  double flopsPerSample() const override {
    return 2.0 * static_cast<double>(h_.out * w_.out * desc_.filters * desc_.kernelH * desc_.kernelW * channels_);
  }

  void forward(const float* x, float* y, int64_t n, bool) override {
    Prims& p = prims(n);
    if (!p.fwdW.same) p.fwdW.toView.execute(ctx_.stream, params_[0].value, p.fwdW.mem);
    memory src = userMemory(ctx_, p.src, x), dst = userMemory(ctx_, p.dst, y);
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, p.fwdW.same ? params_[0].value : p.fwdW.mem}, {DNNL_ARG_DST, dst}};
    if (desc_.useBias) args[DNNL_ARG_BIAS] = params_[1].value;
    p.fwd.execute(ctx_.stream, args);
    ctx_.stream.wait();
    if (!fused_) act_->forward(y, n);
  }

  void backward(const float* x, const float* y, float* dy, float* dx, int64_t n) override {
    Prims& p = prims(n);
    buildBackward(p, n, dx != nullptr);
    act_->backward(y, dy, n);
    memory src = userMemory(ctx_, p.src, x), ddst = userMemory(ctx_, p.dst, dy);
    Param& k = params_[0];
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_DIFF_DST, ddst}, {DNNL_ARG_DIFF_WEIGHTS, p.bwdW.same ? k.grad : p.bwdW.mem}};
    if (desc_.useBias) args[DNNL_ARG_DIFF_BIAS] = params_[1].grad;
    p.bwdWeights.execute(ctx_.stream, args);
    if (!p.bwdW.same) p.bwdW.fromView.execute(ctx_.stream, p.bwdW.mem, k.grad);
    if (dx) {
      if (!p.dataW.same) p.dataW.toView.execute(ctx_.stream, k.value, p.dataW.mem);
      memory dsrc = userMemory(ctx_, p.src, dx);
      p.bwdData.execute(ctx_.stream, {{DNNL_ARG_DIFF_DST, ddst}, {DNNL_ARG_WEIGHTS, p.dataW.same ? k.value : p.dataW.mem}, {DNNL_ARG_DIFF_SRC, dsrc}});
    }
    ctx_.stream.wait();
  }

 private:
  struct Prims {
    memory::desc src, dst;
    convolution_forward::primitive_desc fwdPd;
    primitive fwd, bwdData, bwdWeights;
    bool hasBwdData = false, hasBwdWeights = false;
    /** Filters in the forward / backward-data layout, diff filters in the backward-weights one. */
    FilterView fwdW, dataW, bwdW;
  };

  memory::dims strides() const { return {desc_.strideH, desc_.strideW}; }
  memory::dims padL() const { return {h_.padBefore, w_.padBefore}; }
  memory::dims padR() const { return {h_.padAfter, w_.padAfter}; }
  memory::desc anyFilters() const { return memory::desc({desc_.filters, channels_, desc_.kernelH, desc_.kernelW}, dt::f32, tag::any); }
  memory::desc biasDesc() const { return desc_.useBias ? memory::desc({desc_.filters}, dt::f32, tag::x) : memory::desc(); }

  convolution_forward::primitive_desc forwardDesc(int64_t n) const {
    const memory::desc src = batchDesc(n, in_), dst = batchDesc(n, out_);
    convolution_forward::desc fd(prop_kind::forward_training, algorithm::convolution_direct, src, anyFilters(), biasDesc(), dst, strides(), padL(), padR());
    primitive_attr attr;
    if (fused_) {
      post_ops ops;
      const algorithm alg = desc_.activation == "relu"      ? algorithm::eltwise_relu
                            : desc_.activation == "sigmoid" ? algorithm::eltwise_logistic
                                                            : algorithm::eltwise_tanh;
      ops.append_eltwise(1.0f, alg, 0.0f, 0.0f);
      attr.set_post_ops(ops);
    }
    return convolution_forward::primitive_desc(fd, attr, ctx_.engine);
  }

  Prims& prims(int64_t n) {
    return prims_.get(n, [this](int64_t b) {
      Prims p;
      p.src = batchDesc(b, in_);
      p.dst = batchDesc(b, out_);
      p.fwdPd = forwardDesc(b);
      p.fwd = convolution_forward(p.fwdPd);
      p.fwdW = filterView(ctx_, params_[0].value, p.fwdPd.weights_desc(), true, false);
      return p;
    });
  }

  void buildBackward(Prims& p, int64_t n, bool wantData) {
    if (!p.hasBwdWeights) {
      convolution_backward_weights::desc wd(algorithm::convolution_direct, p.src, anyFilters(), biasDesc(), p.dst, strides(), padL(), padR());
      convolution_backward_weights::primitive_desc wpd(wd, ctx_.engine, p.fwdPd);
      p.bwdWeights = convolution_backward_weights(wpd);
      p.bwdW = filterView(ctx_, params_[0].grad, wpd.diff_weights_desc(), false, true);
      p.hasBwdWeights = true;
    }
    if (wantData && !p.hasBwdData) {
      convolution_backward_data::desc dd(algorithm::convolution_direct, p.src, anyFilters(), p.dst, strides(), padL(), padR());
      convolution_backward_data::primitive_desc dpd(dd, ctx_.engine, p.fwdPd);
      p.bwdData = convolution_backward_data(dpd);
      p.dataW = filterView(ctx_, params_[0].value, dpd.weights_desc(), true, false);
      p.hasBwdData = true;
    }
  }

  Context& ctx_;
  Window h_{}, w_{};
  int64_t channels_ = 0;
  std::unique_ptr<Activation> act_;
  bool fused_ = false;
  PerBatch<Prims> prims_;
};

}  // namespace

NNLAB_REGISTER_LAYER("conv2d", Conv2D);

}  // namespace nnlab
