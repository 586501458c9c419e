// The model functions JavaScript calls (typed in src/node/addon.ts): create a model from a plain
// description, move weights and optimizer slots, hand the training set over once, train a step,
// predict. Argument conversion only; the work is in model.cc.
#include <memory>

#include "model.h"
#include "napi-util.h"

namespace nnlab {
namespace {

/** A model plus the references that keep its training set alive. */
struct Handle {
  std::unique_ptr<Model> model;
  napi_ref dataX = nullptr;
  napi_ref dataY = nullptr;
};

void releaseData(napi_env env, Handle* h) {
  if (h->dataX) napi_delete_reference(env, h->dataX);
  if (h->dataY) napi_delete_reference(env, h->dataY);
  h->dataX = h->dataY = nullptr;
}

Handle* handle(napi_env env, napi_value v) {
  void* p = nullptr;
  napi::check(env, napi_get_value_external(env, v, &p), "expected a native model");
  Handle* h = static_cast<Handle*>(p);
  if (!h->model) throw Error("the native model was disposed");
  return h;
}

double numberOr(napi_env env, napi_value obj, const char* key, double fallback) {
  napi_value v = napi::property(env, obj, key);
  return v ? napi::number(env, v) : fallback;
}

std::string stringOr(napi_env env, napi_value obj, const char* key, const std::string& fallback) {
  napi_value v = napi::property(env, obj, key);
  return v ? napi::string(env, v) : fallback;
}

bool boolOr(napi_env env, napi_value obj, const char* key, bool fallback) {
  napi_value v = napi::property(env, obj, key);
  return v ? napi::boolean(env, v) : fallback;
}

Dims dims(napi_env env, napi_value v) {
  Dims d;
  for (napi_value e : napi::array(env, v)) d.push_back(napi::integer(env, e));
  return d;
}

}  // namespace

// Shared with layer-api.cc (declared in napi-util.h).
LayerDesc layerDesc(napi_env env, napi_value o) {
  LayerDesc d;
  d.kind = napi::string(env, napi::property(env, o, "kind"));
  d.activation = stringOr(env, o, "activation", d.activation);
  d.useBias = boolOr(env, o, "useBias", d.useBias);
  d.units = static_cast<int64_t>(numberOr(env, o, "units", 0));
  d.filters = static_cast<int64_t>(numberOr(env, o, "filters", 0));
  d.kernelH = static_cast<int64_t>(numberOr(env, o, "kernelH", 1));
  d.kernelW = static_cast<int64_t>(numberOr(env, o, "kernelW", 1));
  d.strideH = static_cast<int64_t>(numberOr(env, o, "strideH", 1));
  d.strideW = static_cast<int64_t>(numberOr(env, o, "strideW", 1));
  d.padding = stringOr(env, o, "padding", d.padding);
  d.rate = static_cast<float>(numberOr(env, o, "rate", 0));
  d.epsilon = static_cast<float>(numberOr(env, o, "epsilon", d.epsilon));
  d.momentum = static_cast<float>(numberOr(env, o, "momentum", d.momentum));
  d.center = boolOr(env, o, "center", d.center);
  d.scale = boolOr(env, o, "scale", d.scale);
  return d;
}

namespace {

ModelDesc modelDesc(napi_env env, napi_value o) {
  ModelDesc d;
  d.input = dims(env, napi::property(env, o, "input"));
  for (napi_value l : napi::array(env, napi::property(env, o, "layers"))) d.layers.push_back(layerDesc(env, l));
  d.maxBatch = static_cast<int64_t>(numberOr(env, o, "maxBatch", 32));
  d.loss = stringOr(env, o, "loss", d.loss);
  d.threads = static_cast<int>(numberOr(env, o, "threads", 0));
  d.seed = static_cast<uint64_t>(numberOr(env, o, "seed", 0));
  if (napi_value cw = napi::property(env, o, "classWeight")) {
    for (napi_value e : napi::array(env, cw)) d.classWeight.push_back(static_cast<float>(napi::number(env, e)));
  }
  if (napi_value opt = napi::property(env, o, "optimizer")) {
    OptimizerDesc& od = d.optimizer;
    od.kind = napi::string(env, napi::property(env, opt, "kind"));
    od.learningRate = numberOr(env, opt, "learningRate", od.learningRate);
    od.rho = numberOr(env, opt, "rho", od.rho);
    od.momentum = numberOr(env, opt, "momentum", od.momentum);
    od.epsilon = numberOr(env, opt, "epsilon", od.epsilon);
    od.beta1 = numberOr(env, opt, "beta1", od.beta1);
    od.beta2 = numberOr(env, opt, "beta2", od.beta2);
    od.nesterov = boolOr(env, opt, "nesterov", od.nesterov);
    od.centered = boolOr(env, opt, "centered", od.centered);
    od.iterations = static_cast<int64_t>(numberOr(env, opt, "iterations", 0));
  }
  return d;
}

void finalize(napi_env env, void* data, void*) {
  Handle* h = static_cast<Handle*>(data);
  releaseData(env, h);
  delete h;
}

napi_value CreateModel(napi_env env, napi_callback_info info) {
  return napi::guard(env, [&] {
    auto a = napi::args(env, info, 1);
    auto h = std::make_unique<Handle>();
    h->model = std::make_unique<Model>(modelDesc(env, a[0]));
    napi_value ext;
    napi::check(env, napi_create_external(env, h.get(), finalize, nullptr, &ext), "external");
    h.release();
    return ext;
  });
}

/** modelInfo(h) → { threads, flopsPerSample, weights: [{ name, shape, trainable, size }], slotsPerWeight } */
napi_value ModelInfo(napi_env env, napi_callback_info info) {
  return napi::guard(env, [&] {
    Model& m = *handle(env, napi::args(env, info, 1)[0])->model;
    napi_value o = napi::makeObject(env);
    napi::set(env, o, "threads", napi::makeNumber(env, m.threads()));
    napi::set(env, o, "flopsPerSample", napi::makeNumber(env, m.flopsPerSample()));
    napi::set(env, o, "slotsPerWeight", napi::makeNumber(env, m.optimizer() ? static_cast<double>(m.optimizer()->slotsPerParam()) : 0.0));
    napi_value list;
    napi::check(env, napi_create_array(env, &list), "array");
    uint32_t i = 0;
    for (const Param* p : m.weights()) {
      napi_value w = napi::makeObject(env);
      napi::set(env, w, "name", napi::makeString(env, p->name));
      napi_value shape;
      napi::check(env, napi_create_array(env, &shape), "array");
      for (uint32_t j = 0; j < p->tfShape.size(); j++) napi_set_element(env, shape, j, napi::makeNumber(env, static_cast<double>(p->tfShape[j])));
      napi::set(env, w, "shape", shape);
      napi_value trainable;
      napi_get_boolean(env, p->trainable, &trainable);
      napi::set(env, w, "trainable", trainable);
      napi_set_element(env, list, i++, w);
    }
    napi::set(env, o, "weights", list);
    return o;
  });
}

/** Checks that `arrays` matches the weights' tfjs sizes. */
std::vector<float*> weightArrays(napi_env env, napi_value arrays, const std::vector<Param*>& params, size_t perParam) {
  auto list = napi::array(env, arrays);
  if (list.size() != params.size() * perParam) throw Error("expected " + std::to_string(params.size() * perParam) + " arrays, got " + std::to_string(list.size()));
  std::vector<float*> out;
  for (size_t i = 0; i < list.size(); i++) {
    size_t len = 0;
    out.push_back(napi::float32(env, list[i], &len));
    const Param* p = params[i / perParam];
    if (len != p->tfSize()) throw Error("weight " + p->name + ": expected " + std::to_string(p->tfSize()) + " values, got " + std::to_string(len));
  }
  return out;
}

/** loadWeights(h, arrays) / storeWeights(h, arrays): every weight, tfjs layout, model.weights order. */
napi_value LoadWeights(napi_env env, napi_callback_info info) {
  return napi::guard(env, [&]() -> napi_value {
    auto a = napi::args(env, info, 2);
    Model& m = *handle(env, a[0])->model;
    auto arrays = weightArrays(env, a[1], m.weights(), 1);
    for (size_t i = 0; i < arrays.size(); i++) m.weights()[i]->load(m.context(), arrays[i]);
    return nullptr;
  });
}

napi_value StoreWeights(napi_env env, napi_callback_info info) {
  return napi::guard(env, [&]() -> napi_value {
    auto a = napi::args(env, info, 2);
    Model& m = *handle(env, a[0])->model;
    auto arrays = weightArrays(env, a[1], m.weights(), 1);
    for (size_t i = 0; i < arrays.size(); i++) m.weights()[i]->store(m.context(), arrays[i]);
    return nullptr;
  });
}

/** loadSlots(h, arrays) / storeSlots(h, arrays): per trainable weight, its slots in order. */
napi_value MoveSlots(napi_env env, napi_callback_info info, bool load) {
  return napi::guard(env, [&]() -> napi_value {
    auto a = napi::args(env, info, 2);
    Model& m = *handle(env, a[0])->model;
    Optimizer* opt = m.optimizer();
    if (!opt) throw Error("this model has no optimizer");
    const size_t per = opt->slotsPerParam();
    auto arrays = weightArrays(env, a[1], m.trainable(), per);
    for (size_t i = 0; i < arrays.size(); i++) {
      const Param* p = m.trainable()[i / per];
      float* native = opt->slot(i / per, i % per);
      if (load) p->fromTf(m.context(), arrays[i], native);
      else p->toTf(m.context(), native, arrays[i]);
    }
    return nullptr;
  });
}

napi_value LoadSlots(napi_env env, napi_callback_info info) { return MoveSlots(env, info, true); }
napi_value StoreSlots(napi_env env, napi_callback_info info) { return MoveSlots(env, info, false); }

/** setData(h, x, y): the training set, kept by reference until replaced or disposed. */
napi_value SetData(napi_env env, napi_callback_info info) {
  return napi::guard(env, [&]() -> napi_value {
    auto a = napi::args(env, info, 3);
    Handle* h = handle(env, a[0]);
    size_t nx = 0, ny = 0;
    const float* x = napi::float32(env, a[1], &nx);
    const float* y = napi::float32(env, a[2], &ny);
    const int64_t s = h->model->sampleSize(), k = h->model->outputSize();
    const int64_t count = static_cast<int64_t>(nx) / s;
    if (static_cast<int64_t>(nx) != count * s || static_cast<int64_t>(ny) != count * k) {
      throw Error("setData: " + std::to_string(nx) + " inputs and " + std::to_string(ny) + " targets do not make whole samples of " + std::to_string(s) + " / " + std::to_string(k));
    }
    releaseData(env, h);
    napi::check(env, napi_create_reference(env, a[1], 1, &h->dataX), "reference");
    napi::check(env, napi_create_reference(env, a[2], 1, &h->dataY), "reference");
    h->model->setData(x, y, count);
    return nullptr;
  });
}

/** trainStep(h, indices Int32Array, out Float64Array(2)): out = [loss, hits]. */
napi_value TrainStep(napi_env env, napi_callback_info info) {
  return napi::guard(env, [&]() -> napi_value {
    auto a = napi::args(env, info, 3);
    Model& m = *handle(env, a[0])->model;
    size_t n = 0, outLen = 0;
    const int32_t* idx = napi::int32(env, a[1], &n);
    double* out = napi::float64(env, a[2], &outLen);
    if (outLen < 2) throw Error("trainStep: the result array needs 2 entries");
    StepResult r = m.trainStep(idx, static_cast<int64_t>(n));
    out[0] = r.loss;
    out[1] = static_cast<double>(r.hits);
    return nullptr;
  });
}

/** predict(h, x, out): out [n, outputs] from x [n, sample]. */
napi_value Predict(napi_env env, napi_callback_info info) {
  return napi::guard(env, [&]() -> napi_value {
    auto a = napi::args(env, info, 3);
    Model& m = *handle(env, a[0])->model;
    size_t nx = 0, no = 0;
    const float* x = napi::float32(env, a[1], &nx);
    float* out = napi::float32(env, a[2], &no);
    const int64_t n = static_cast<int64_t>(nx) / m.sampleSize();
    if (n * m.sampleSize() != static_cast<int64_t>(nx) || static_cast<int64_t>(no) < n * m.outputSize()) throw Error("predict: array sizes do not match the model");
    m.predict(x, n, out);
    return nullptr;
  });
}

napi_value DisposeModel(napi_env env, napi_callback_info info) {
  return napi::guard(env, [&]() -> napi_value {
    void* p = nullptr;
    napi::check(env, napi_get_value_external(env, napi::args(env, info, 1)[0], &p), "expected a native model");
    Handle* h = static_cast<Handle*>(p);
    releaseData(env, h);
    h->model.reset();
    return nullptr;
  });
}

}  // namespace

void registerModelFunctions(napi_env env, napi_value exports) {
  const napi_property_descriptor fns[] = {
      {"createModel", nullptr, CreateModel, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"modelInfo", nullptr, ModelInfo, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"loadWeights", nullptr, LoadWeights, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"storeWeights", nullptr, StoreWeights, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"loadSlots", nullptr, LoadSlots, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"storeSlots", nullptr, StoreSlots, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setData", nullptr, SetData, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"trainStep", nullptr, TrainStep, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"predict", nullptr, Predict, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"disposeModel", nullptr, DisposeModel, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(fns) / sizeof(fns[0]), fns);
}

}  // namespace nnlab
