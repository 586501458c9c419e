// runLayer: one layer on its own, for the per-layer parity tests (src/testing/layer-run.ts) and
// per-layer timings. It builds the layer from the same LayerDesc the model uses, loads weights
// in tfjs' layout, runs forward (and backward when dy is given) and returns every result in
// tfjs' layout. The trainer never calls it; it exists so tests can check each layer's dx,
// weight gradients and state (batch-norm moving statistics, dropout masks) directly.
//
// runLayer({ layer, input, n, x, weights?, training = true, dy?, wantDx = true, seed = 0,
//            threads = 0 (OpenMP's default), repeat = 0 })
//   → { y, dx?, grads: Float32Array[] (trainable weights), weights: Float32Array[] (all, after),
//       forwardMs?, backwardMs? (wall-clock means over `repeat` timed runs after one warm-up),
//       forwardCpuMs?, backwardCpuMs? (the process's CPU time, all threads: on a busy machine
//       with one thread this is close to what the layer takes on an idle one) }
#include <omp.h>
#include <time.h>

#include <chrono>
#include <cstring>

#include "napi-util.h"

namespace nnlab {
namespace {

napi_value makeFloat32(napi_env env, const float* data, size_t count) {
  void* raw = nullptr;
  napi_value buffer, array;
  napi::check(env, napi_create_arraybuffer(env, count * sizeof(float), &raw, &buffer), "arraybuffer");
  if (count) std::memcpy(raw, data, count * sizeof(float));
  napi::check(env, napi_create_typedarray(env, napi_float32_array, count, buffer, 0, &array), "Float32Array");
  return array;
}

napi_value makeArray(napi_env env, const std::vector<napi_value>& items) {
  napi_value a;
  napi::check(env, napi_create_array_with_length(env, items.size(), &a), "array");
  for (uint32_t i = 0; i < items.size(); i++) napi::check(env, napi_set_element(env, a, i, items[i]), "array element");
  return a;
}

const float* sized(napi_env env, napi_value v, size_t want, const char* what) {
  size_t len = 0;
  const float* p = napi::float32(env, v, &len);
  if (len != want) throw Error(std::string("runLayer: ") + what + " has " + std::to_string(len) + " values, expected " + std::to_string(want));
  return p;
}

/** Wall-clock and process CPU time, in ms. */
struct Clock {
  double wall, cpu;
  static Clock now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return {std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count(), ts.tv_sec * 1e3 + ts.tv_nsec / 1e6};
  }
};

napi_value RunLayer(napi_env env, napi_callback_info info) {
  return napi::guard(env, [&] {
    napi_value o = napi::args(env, info, 1)[0];
    const LayerDesc desc = layerDesc(env, napi::property(env, o, "layer"));
    Dims input;
    for (napi_value e : napi::array(env, napi::property(env, o, "input"))) input.push_back(napi::integer(env, e));
    const int64_t n = napi::integer(env, napi::property(env, o, "n"));
    if (n < 1) throw Error("runLayer: n must be >= 1");
    auto opt = [&](const char* key, double fallback) {
      napi_value v = napi::property(env, o, key);
      return v ? napi::number(env, v) : fallback;
    };
    napi_value trainingV = napi::property(env, o, "training");
    napi_value wantDxV = napi::property(env, o, "wantDx");
    const bool training = trainingV ? napi::boolean(env, trainingV) : true;
    const bool wantDx = wantDxV ? napi::boolean(env, wantDxV) : true;
    const int threads = static_cast<int>(opt("threads", 0));
    const int repeat = static_cast<int>(opt("repeat", 0));
    if (threads > 0) omp_set_num_threads(threads);

    Context ctx(static_cast<uint64_t>(opt("seed", 0)));
    std::unique_ptr<Layer> layer = makeLayer(desc, input, ctx);
    const size_t inSize = static_cast<size_t>(n * dimsSize(input));
    const size_t outSize = static_cast<size_t>(n * dimsSize(layer->outputShape()));
    const float* x = sized(env, napi::property(env, o, "x"), inSize, "x");
    if (napi_value w = napi::property(env, o, "weights")) {
      auto list = napi::array(env, w);
      if (list.size() != layer->params().size()) throw Error("runLayer: expected " + std::to_string(layer->params().size()) + " weights, got " + std::to_string(list.size()));
      for (size_t i = 0; i < list.size(); i++) {
        Param& p = layer->params()[i];
        p.load(ctx, sized(env, list[i], p.tfSize(), p.name.c_str()));
      }
    }

    std::vector<float> y(outSize), dyWork, dx;
    layer->forward(x, y.data(), n, training);
    napi_value result = napi::makeObject(env);
    napi::set(env, result, "y", makeFloat32(env, y.data(), y.size()));

    napi_value dyV = napi::property(env, o, "dy");
    const float* dy = dyV ? sized(env, dyV, outSize, "dy") : nullptr;
    if (dy) {
      dyWork.assign(dy, dy + outSize);  // backward may overwrite dy
      if (wantDx) dx.resize(inSize);
      layer->backward(x, y.data(), dyWork.data(), wantDx ? dx.data() : nullptr, n);
      if (wantDx) napi::set(env, result, "dx", makeFloat32(env, dx.data(), dx.size()));
    }

    std::vector<napi_value> grads, weights;
    for (Param& p : layer->params()) {
      std::vector<float> tf(p.tfSize());
      p.store(ctx, tf.data());
      weights.push_back(makeFloat32(env, tf.data(), tf.size()));
      if (p.trainable && dy) {
        p.toTf(ctx, p.gradPtr(), tf.data());
        grads.push_back(makeFloat32(env, tf.data(), tf.size()));
      }
    }
    napi::set(env, result, "grads", makeArray(env, grads));
    napi::set(env, result, "weights", makeArray(env, weights));

    if (repeat > 0) {
      // The first run above was the warm-up (it built the primitives).
      double fwd = 0, bwd = 0, fwdCpu = 0, bwdCpu = 0;
      for (int r = 0; r < repeat; r++) {
        Clock t0 = Clock::now();
        layer->forward(x, y.data(), n, training);
        Clock t1 = Clock::now();
        fwd += t1.wall - t0.wall;
        fwdCpu += t1.cpu - t0.cpu;
        if (!dy) continue;
        std::memcpy(dyWork.data(), dy, outSize * sizeof(float));
        t0 = Clock::now();
        layer->backward(x, y.data(), dyWork.data(), wantDx ? dx.data() : nullptr, n);
        t1 = Clock::now();
        bwd += t1.wall - t0.wall;
        bwdCpu += t1.cpu - t0.cpu;
      }
      napi::set(env, result, "forwardMs", napi::makeNumber(env, fwd / repeat));
      napi::set(env, result, "forwardCpuMs", napi::makeNumber(env, fwdCpu / repeat));
      if (dy) {
        napi::set(env, result, "backwardMs", napi::makeNumber(env, bwd / repeat));
        napi::set(env, result, "backwardCpuMs", napi::makeNumber(env, bwdCpu / repeat));
      }
    }
    return result;
  });
}

}  // namespace

void registerLayerFunctions(napi_env env, napi_value exports) {
  napi_property_descriptor fn = {"runLayer", nullptr, RunLayer, nullptr, nullptr, nullptr, napi_default, nullptr};
  napi::check(env, napi_define_properties(env, exports, 1, &fn), "runLayer");
}

}  // namespace nnlab
