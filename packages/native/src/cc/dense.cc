// Dense: y = act(x·W + b) with oneDNN's inner product (forward, backward data, backward weights
// + bias). W stays in tfjs' [in, out] layout (oneDNN "io"): the plain layout runs its gemm path,
// which is what an MLP-sized product wants, and needs no reorder when weights sync.
#include "layer.h"

namespace nnlab {
namespace {

using namespace dnnl;
using tag = memory::format_tag;

class Dense : public Layer {
 public:
  Dense(const LayerDesc& d, const Dims& in, Context& ctx) : Layer(d, in), ctx_(ctx), act_(ctx, d.activation, {d.units}) {
    if (in.size() != 1) throw Error("Dense needs a flat input, got rank " + std::to_string(in.size() + 1) + " (add a Flatten layer)");
    if (d.units <= 0) throw Error("Dense needs units > 0");
    inputs_ = in[0];
    out_ = {d.units};
    params_.emplace_back(ctx, "kernel", Dims{inputs_, d.units}, tag::io);
    if (d.useBias) params_.emplace_back(ctx, "bias", Dims{d.units}, tag::x);
  }

  double flopsPerSample() const override { return 2.0 * inputs_ * desc_.units; }

  void forward(const float* x, float* y, int64_t n, bool) override {
    Prims& p = prims(n);
    memory src = userMemory(ctx_, p.src, x), dst = userMemory(ctx_, p.dst, y);
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_WEIGHTS, params_[0].value}, {DNNL_ARG_DST, dst}};
    if (desc_.useBias) args[DNNL_ARG_BIAS] = params_[1].value;
    p.fwd.execute(ctx_.stream, args);
    ctx_.stream.wait();
    act_.forward(y, n);
  }

  void backward(const float* x, const float* y, float* dy, float* dx, int64_t n) override {
    Prims& p = prims(n);
    act_.backward(y, dy, n);
    memory src = userMemory(ctx_, p.src, x), ddst = userMemory(ctx_, p.dst, dy);
    std::unordered_map<int, memory> args{{DNNL_ARG_SRC, src}, {DNNL_ARG_DIFF_DST, ddst}, {DNNL_ARG_DIFF_WEIGHTS, params_[0].grad}};
    if (desc_.useBias) args[DNNL_ARG_DIFF_BIAS] = params_[1].grad;
    p.bwdWeights.execute(ctx_.stream, args);
    if (dx) {
      memory dsrc = userMemory(ctx_, p.src, dx);
      p.bwdData.execute(ctx_.stream, {{DNNL_ARG_DIFF_DST, ddst}, {DNNL_ARG_WEIGHTS, params_[0].value}, {DNNL_ARG_DIFF_SRC, dsrc}});
    }
    ctx_.stream.wait();
  }

 private:
  struct Prims {
    memory::desc src, dst;
    primitive fwd, bwdData, bwdWeights;
  };

  Prims& prims(int64_t n) {
    return prims_.get(n, [this](int64_t b) {
      Prims p;
      p.src = memory::desc({b, inputs_}, memory::data_type::f32, tag::nc);
      p.dst = memory::desc({b, desc_.units}, memory::data_type::f32, tag::nc);
      const memory::desc& w = params_[0].value.get_desc();
      const memory::desc bias = desc_.useBias ? params_[1].value.get_desc() : memory::desc();
      auto fd = desc_.useBias ? inner_product_forward::desc(prop_kind::forward_training, p.src, w, bias, p.dst)
                              : inner_product_forward::desc(prop_kind::forward_training, p.src, w, p.dst);
      inner_product_forward::primitive_desc fpd(fd, ctx_.engine);
      inner_product_backward_data::primitive_desc dpd({p.src, w, p.dst}, ctx_.engine, fpd);
      auto wd = desc_.useBias ? inner_product_backward_weights::desc(p.src, w, bias, p.dst) : inner_product_backward_weights::desc(p.src, w, p.dst);
      inner_product_backward_weights::primitive_desc wpd(wd, ctx_.engine, fpd);
      if (fpd.weights_desc() != w || wpd.diff_weights_desc() != w) throw Error("Dense: oneDNN chose another weights layout");
      p.fwd = inner_product_forward(fpd);
      p.bwdData = inner_product_backward_data(dpd);
      p.bwdWeights = inner_product_backward_weights(wpd);
      return p;
    });
  }

  Context& ctx_;
  Activation act_;
  int64_t inputs_ = 0;
  PerBatch<Prims> prims_;
};

}  // namespace

NNLAB_REGISTER_LAYER("dense", Dense);

}  // namespace nnlab
