// Pooling: MaxPooling2D, AveragePooling2D and GlobalAveragePooling2D on oneDNN's pooling
// primitives, NHWC in and out, with tfjs' window rules (windowFor: 'valid', or 'same' with the
// extra row/column at the bottom/right; strides default to the pool size in the planner).
//
// Design:
// - Max: training forward keeps a workspace (the argmax of each window, sized per batch size)
//   that backward reads; inference forward builds a primitive without one. Padded positions
//   never win (oneDNN and tfjs both ignore them). Ties pick the first maximum in both.
// - Average: the forward divides by the number of real (unpadded) pixels in the window, as
//   tfjs' avgPool does (pooling_avg_exclude_padding). tfjs' gradient (AvgPoolGrad on the cpu and
//   wasm backends) divides by the whole window kh·kw even where the forward excluded padding; the
//   backward here does the same (pooling_avg_include_padding) so both engines train alike. With
//   'valid' padding the two agree and are exact.
// - Global average: an average pool whose window is the whole H×W plane; the output is {C}
//   (tfjs' rank-2 [n, C]), the same bytes as oneDNN's n×C×1×1 in NHWC.
// - Primitives are built once per batch size (PerBatch) and run with new data handles.
#include <cstring>

#include "layer.h"

namespace nnlab {
namespace {

using namespace dnnl;

class Pool2D : public Layer {
 public:
  Pool2D(const LayerDesc& d, const Dims& in, Context& ctx) : Layer(d, in), ctx_(ctx) {
    const std::string name = d.kind == "maxPooling2d" ? "MaxPooling2D" : d.kind == "averagePooling2d" ? "AveragePooling2D" : "GlobalAveragePooling2D";
    if (in.size() != 3) throw Error(name + " needs an input of rank 4 (batch, height, width, channels), got rank " + std::to_string(in.size() + 1));
    max_ = d.kind == "maxPooling2d";
    if (d.kind == "globalAveragePooling2d") {
      kernel_ = {in[0], in[1]};
      strides_ = {1, 1};
      h_ = {1, 0, 0};
      w_ = {1, 0, 0};
      out_ = {in[2]};
      return;
    }
    if (d.kernelH < 1 || d.kernelW < 1) throw Error(name + " pool size must be >= 1");
    if (d.strideH < 1 || d.strideW < 1) throw Error(name + " strides must be >= 1");
    kernel_ = {d.kernelH, d.kernelW};
    strides_ = {d.strideH, d.strideW};
    h_ = windowFor(in[0], d.kernelH, d.strideH, d.padding);
    w_ = windowFor(in[1], d.kernelW, d.strideW, d.padding);
    out_ = {h_.out, w_.out, in[2]};
  }

  double flopsPerSample() const override { return static_cast<double>(dimsSize(out_) * kernel_[0] * kernel_[1]); }

  void forward(const float* x, float* y, int64_t n, bool training) override {
    Prims& p = prims(n);
    memory src = userMemory(ctx_, p.src, x), dst = userMemory(ctx_, p.dst, y);
    if (max_ && training) {
      p.fwdTrain.execute(ctx_.stream, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}, {DNNL_ARG_WORKSPACE, p.workspace}});
      p.trained = true;
    } else {
      p.fwdInfer.execute(ctx_.stream, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
    }
    ctx_.stream.wait();
  }

  void backward(const float*, const float*, float* dy, float* dx, int64_t n) override {
    if (!dx) return;
    Prims& p = prims(n);
    if (max_ && !p.trained) throw Error("MaxPooling2D: backward without a training forward for this batch size");
    memory ddst = userMemory(ctx_, p.dst, dy), dsrc = userMemory(ctx_, p.src, dx);
    std::unordered_map<int, memory> args{{DNNL_ARG_DIFF_DST, ddst}, {DNNL_ARG_DIFF_SRC, dsrc}};
    if (max_) args[DNNL_ARG_WORKSPACE] = p.workspace;
    p.bwd.execute(ctx_.stream, args);
    ctx_.stream.wait();
  }

 private:
  struct Prims {
    memory::desc src, dst;
    primitive fwdTrain, fwdInfer, bwd;
    memory workspace;
    bool trained = false;
  };

  pooling_forward::primitive_desc forwardDesc(prop_kind kind, algorithm alg, const memory::desc& src, const memory::desc& dst) const {
    pooling_forward::desc fd(kind, alg, src, dst, strides_, kernel_, {h_.padBefore, w_.padBefore}, {h_.padAfter, w_.padAfter});
    return pooling_forward::primitive_desc(fd, ctx_.engine);
  }

  Prims& prims(int64_t n) {
    return prims_.get(n, [this](int64_t b) {
      Prims p;
      p.src = batchDesc(b, in_);
      p.dst = out_.size() == 1 ? memory::desc({b, out_[0], 1, 1}, memory::data_type::f32, memory::format_tag::nhwc) : batchDesc(b, out_);
      const bool padded = h_.padBefore + h_.padAfter + w_.padBefore + w_.padAfter > 0;
      const algorithm fwdAlg = max_ ? algorithm::pooling_max : algorithm::pooling_avg_exclude_padding;
      // tfjs' gradient divides by the whole window (see the header comment).
      const algorithm bwdAlg = max_ ? algorithm::pooling_max : padded ? algorithm::pooling_avg_include_padding : fwdAlg;
      p.fwdInfer = pooling_forward(forwardDesc(prop_kind::forward_inference, fwdAlg, p.src, p.dst));
      const auto trainPd = forwardDesc(prop_kind::forward_training, bwdAlg, p.src, p.dst);
      if (max_) {
        p.fwdTrain = pooling_forward(trainPd);
        p.workspace = memory(trainPd.workspace_desc(), ctx_.engine);
      }
      pooling_backward::desc bd(bwdAlg, p.src, p.dst, strides_, kernel_, {h_.padBefore, w_.padBefore}, {h_.padAfter, w_.padAfter});
      p.bwd = pooling_backward(pooling_backward::primitive_desc(bd, ctx_.engine, trainPd));
      return p;
    });
  }

  Context& ctx_;
  bool max_ = false;
  memory::dims kernel_, strides_;
  Window h_{}, w_{};
  PerBatch<Prims> prims_;
};

// One registered class per kind (the registration macro names a static after the class).
struct MaxPooling2D : Pool2D {
  using Pool2D::Pool2D;
};
struct AveragePooling2D : Pool2D {
  using Pool2D::Pool2D;
};
struct GlobalAveragePooling2D : Pool2D {
  using Pool2D::Pool2D;
};

NNLAB_REGISTER_LAYER("maxPooling2d", MaxPooling2D);
NNLAB_REGISTER_LAYER("averagePooling2d", AveragePooling2D);
NNLAB_REGISTER_LAYER("globalAveragePooling2d", GlobalAveragePooling2D);

}  // namespace

}  // namespace nnlab
