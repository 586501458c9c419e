// Shared pieces of the layer interface: the registry, tfjs' window arithmetic, weights and their
// layout conversion, batch layouts, and the activation helper every layer kind uses.
#include "layer.h"

#include <algorithm>
#include <cstring>

namespace nnlab {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

namespace {
std::map<std::string, LayerFactory>& registry() {
  static std::map<std::string, LayerFactory> r;
  return r;
}
}  // namespace

bool registerLayer(const std::string& kind, LayerFactory factory) {
  registry()[kind] = std::move(factory);
  return true;
}

std::unique_ptr<Layer> makeLayer(const LayerDesc& desc, const Dims& input, Context& ctx) {
  auto it = registry().find(desc.kind);
  if (it == registry().end()) throw Error("the native engine has no layer kind '" + desc.kind + "'");
  return it->second(desc, input, ctx);
}

std::vector<std::string> layerKinds() {
  std::vector<std::string> kinds;
  for (const auto& [k, _] : registry()) kinds.push_back(k);
  return kinds;
}

Window windowFor(int64_t in, int64_t kernel, int64_t stride, const std::string& padding) {
  if (padding == "same") {
    const int64_t out = (in + stride - 1) / stride;
    const int64_t total = std::max<int64_t>((out - 1) * stride + kernel - in, 0);
    return {out, total / 2, total - total / 2};
  }
  if (padding != "valid") throw Error("padding must be 'same' or 'valid', got '" + padding + "'");
  if (in < kernel) throw Error("window " + std::to_string(kernel) + " larger than input " + std::to_string(in));
  return {(in - kernel) / stride + 1, 0, 0};
}

dnnl::memory::desc batchDesc(int64_t n, const Dims& shape) {
  if (shape.size() == 1) return dnnl::memory::desc({n, shape[0]}, dt::f32, tag::nc);
  if (shape.size() == 3) return dnnl::memory::desc({n, shape[2], shape[0], shape[1]}, dt::f32, tag::nhwc);
  throw Error("unsupported activation rank " + std::to_string(shape.size() + 1));
}

// ---- Param -------------------------------------------------------------------------------------

namespace {
// tfjs shapes map onto oneDNN dims in oneDNN's logical order: io {in,out} → {out,in};
// hwio {kh,kw,ic,oc} → {oc,ic,kh,kw}; 1-D stays.
dnnl::memory::dims logicalDims(const Dims& tf, tag t) {
  if (t == tag::io) return {tf[1], tf[0]};
  if (t == tag::hwio) return {tf[3], tf[2], tf[0], tf[1]};
  return dnnl::memory::dims(tf.begin(), tf.end());
}

void zero(const dnnl::memory& m) {
  std::memset(m.get_data_handle(), 0, m.get_desc().get_size());
}
}  // namespace

Param::Param(Context& ctx, std::string name_, Dims shape, tag tfTag, bool trainable_)
    : name(std::move(name_)), tfShape(std::move(shape)), trainable(trainable_) {
  tfDesc = dnnl::memory::desc(logicalDims(tfShape, tfTag), dt::f32, tfTag);
  value = dnnl::memory(tfDesc, ctx.engine);
  zero(value);
  if (trainable) {
    grad = dnnl::memory(tfDesc, ctx.engine);
    zero(grad);
  }
}

Param::Param(Context& ctx, std::string name_, Dims shape, tag tfTag, const dnnl::memory::desc& native, bool trainable_)
    : name(std::move(name_)), tfShape(std::move(shape)), trainable(trainable_) {
  tfDesc = dnnl::memory::desc(logicalDims(tfShape, tfTag), dt::f32, tfTag);
  value = dnnl::memory(native, ctx.engine);
  zero(value);
  if (trainable) {
    grad = dnnl::memory(native, ctx.engine);
    zero(grad);
  }
}

void Param::fromTf(Context& ctx, const float* src, float* native) const {
  if (value.get_desc() == tfDesc) {
    std::memcpy(native, src, tfSize() * sizeof(float));
    return;
  }
  dnnl::memory from(tfDesc, ctx.engine, const_cast<float*>(src));
  dnnl::memory to(value.get_desc(), ctx.engine, native);
  dnnl::reorder(from, to).execute(ctx.stream, from, to);
  ctx.stream.wait();
}

void Param::toTf(Context& ctx, const float* native, float* dst) const {
  if (value.get_desc() == tfDesc) {
    std::memcpy(dst, native, tfSize() * sizeof(float));
    return;
  }
  dnnl::memory from(value.get_desc(), ctx.engine, const_cast<float*>(native));
  dnnl::memory to(tfDesc, ctx.engine, dst);
  dnnl::reorder(from, to).execute(ctx.stream, from, to);
  ctx.stream.wait();
}

// ---- Activation --------------------------------------------------------------------------------

Activation::Activation(Context& ctx, std::string name, Dims shape) : ctx_(ctx), name_(std::move(name)), shape_(std::move(shape)) {
  if (name_ != "linear" && name_ != "relu" && name_ != "sigmoid" && name_ != "tanh" && name_ != "softmax") {
    throw Error("the native engine has no activation '" + name_ + "'");
  }
}

Activation::Prims Activation::build(int64_t n) {
  using namespace dnnl;
  const memory::desc md = batchDesc(n, shape_);
  if (name_ == "softmax") {
    // Softmax over the last (channel) axis, as tfjs does.
    const int axis = 1;  // channels: nc, and nhwc's logical {n, c, h, w}
    softmax_forward::primitive_desc fpd({prop_kind::forward_training, md, axis}, ctx_.engine);
    softmax_backward::primitive_desc bpd({md, md, axis}, ctx_.engine, fpd);
    return {softmax_forward(fpd), softmax_backward(bpd), md};
  }
  algorithm alg = name_ == "relu"      ? algorithm::eltwise_relu_use_dst_for_bwd
                  : name_ == "sigmoid" ? algorithm::eltwise_logistic_use_dst_for_bwd
                                       : algorithm::eltwise_tanh_use_dst_for_bwd;
  eltwise_forward::primitive_desc fpd({prop_kind::forward_training, alg, md, 0.0f, 0.0f}, ctx_.engine);
  eltwise_backward::primitive_desc bpd({alg, md, md, 0.0f, 0.0f}, ctx_.engine, fpd);
  return {eltwise_forward(fpd), eltwise_backward(bpd), md};
}

void Activation::forward(float* y, int64_t n) {
  if (isLinear()) return;
  Prims& p = prims_.get(n, [this](int64_t b) { return build(b); });
  dnnl::memory m = userMemory(ctx_, p.md, y);
  p.fwd.execute(ctx_.stream, {{DNNL_ARG_SRC, m}, {DNNL_ARG_DST, m}});
  ctx_.stream.wait();
}

void Activation::backward(const float* y, float* dy, int64_t n) {
  if (isLinear()) return;
  Prims& p = prims_.get(n, [this](int64_t b) { return build(b); });
  dnnl::memory dst = userMemory(ctx_, p.md, y);
  dnnl::memory g = userMemory(ctx_, p.md, dy);
  p.bwd.execute(ctx_.stream, {{DNNL_ARG_DST, dst}, {DNNL_ARG_DIFF_DST, g}, {DNNL_ARG_DIFF_SRC, g}});
  ctx_.stream.wait();
}

}  // namespace nnlab
