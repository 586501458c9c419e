// Small helpers over the C Node-API (node_api.h): argument reading, typed-array access and
// turning C++ exceptions into JS Errors. No node-addon-api dependency.
#pragma once

#include <node_api.h>

#include <cstdint>
#include <string>
#include <vector>

#include "layer.h"
#include "signal-block.h"

namespace nnlab::napi {

/** Throws nnlab::Error when a Node-API call fails. */
void check(napi_env env, napi_status status, const char* what);

/** The call's arguments (at most `max`). */
std::vector<napi_value> args(napi_env env, napi_callback_info info, size_t max);

double number(napi_env env, napi_value v);
int64_t integer(napi_env env, napi_value v);
bool boolean(napi_env env, napi_value v);
std::string string(napi_env env, napi_value v);
bool isNullish(napi_env env, napi_value v);
/** obj[key], or nullptr when absent/undefined. */
napi_value property(napi_env env, napi_value obj, const char* key);
std::vector<napi_value> array(napi_env env, napi_value v);

/** A Float32Array's data and length (throws when `v` is not one). */
float* float32(napi_env env, napi_value v, size_t* length);
/** A Float64Array's data and length. */
double* float64(napi_env env, napi_value v, size_t* length);
/** An Int32Array's data and length. */
int32_t* int32(napi_env env, napi_value v, size_t* length);

napi_value makeNumber(napi_env env, double v);
napi_value makeString(napi_env env, const std::string& s);
napi_value makeObject(napi_env env);
void set(napi_env env, napi_value obj, const char* key, napi_value v);

/**
 * Runs `body` with asynchronous signals held back (signal-block.h: oneDNN's GEMM kernels must not
 * take a signal); a thrown exception becomes a pending JS Error and the call returns undefined.
 */
template <class F>
napi_value guard(napi_env env, F body) {
  try {
    SignalBlock quiet;
    return body();
  } catch (const std::exception& e) {
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (!pending) napi_throw_error(env, "NNLAB_NATIVE", e.what());
    return nullptr;
  }
}

}  // namespace nnlab::napi

namespace nnlab {
/** A LayerDesc from the planner's plain object (model-api.cc; layer-api.cc uses it too). */
LayerDesc layerDesc(napi_env env, napi_value o);
}  // namespace nnlab
