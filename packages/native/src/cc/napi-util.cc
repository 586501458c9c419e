#include "napi-util.h"

namespace nnlab::napi {

void check(napi_env env, napi_status status, const char* what) {
  if (status == napi_ok) return;
  const napi_extended_error_info* info = nullptr;
  napi_get_last_error_info(env, &info);
  throw Error(std::string(what) + ": " + (info && info->error_message ? info->error_message : "Node-API call failed"));
}

std::vector<napi_value> args(napi_env env, napi_callback_info info, size_t max) {
  std::vector<napi_value> out(max);
  size_t argc = max;
  check(env, napi_get_cb_info(env, info, &argc, out.data(), nullptr, nullptr), "arguments");
  napi_value undef;
  napi_get_undefined(env, &undef);
  for (size_t i = argc; i < max; i++) out[i] = undef;
  return out;
}

double number(napi_env env, napi_value v) {
  double d;
  check(env, napi_get_value_double(env, v, &d), "expected a number");
  return d;
}

int64_t integer(napi_env env, napi_value v) {
  int64_t i;
  check(env, napi_get_value_int64(env, v, &i), "expected an integer");
  return i;
}

bool boolean(napi_env env, napi_value v) {
  bool b;
  check(env, napi_get_value_bool(env, v, &b), "expected a boolean");
  return b;
}

std::string string(napi_env env, napi_value v) {
  size_t len = 0;
  check(env, napi_get_value_string_utf8(env, v, nullptr, 0, &len), "expected a string");
  std::string s(len, '\0');
  check(env, napi_get_value_string_utf8(env, v, s.data(), len + 1, &len), "expected a string");
  return s;
}

bool isNullish(napi_env env, napi_value v) {
  napi_valuetype t;
  check(env, napi_typeof(env, v, &t), "typeof");
  return t == napi_undefined || t == napi_null;
}

napi_value property(napi_env env, napi_value obj, const char* key) {
  napi_value v;
  check(env, napi_get_named_property(env, obj, key, &v), key);
  return isNullish(env, v) ? nullptr : v;
}

std::vector<napi_value> array(napi_env env, napi_value v) {
  uint32_t n = 0;
  check(env, napi_get_array_length(env, v, &n), "expected an array");
  std::vector<napi_value> out(n);
  for (uint32_t i = 0; i < n; i++) check(env, napi_get_element(env, v, i, &out[i]), "array element");
  return out;
}

namespace {
void* typed(napi_env env, napi_value v, napi_typedarray_type want, size_t* length, const char* what) {
  bool is = false;
  check(env, napi_is_typedarray(env, v, &is), what);
  if (!is) throw Error(std::string("expected a ") + what);
  napi_typedarray_type type;
  void* data = nullptr;
  napi_value buffer;
  size_t offset = 0;
  check(env, napi_get_typedarray_info(env, v, &type, length, &data, &buffer, &offset), what);
  if (type != want) throw Error(std::string("expected a ") + what);
  return data;
}
}  // namespace

float* float32(napi_env env, napi_value v, size_t* length) {
  return static_cast<float*>(typed(env, v, napi_float32_array, length, "Float32Array"));
}

double* float64(napi_env env, napi_value v, size_t* length) {
  return static_cast<double*>(typed(env, v, napi_float64_array, length, "Float64Array"));
}

int32_t* int32(napi_env env, napi_value v, size_t* length) {
  return static_cast<int32_t*>(typed(env, v, napi_int32_array, length, "Int32Array"));
}

napi_value makeNumber(napi_env env, double v) {
  napi_value r;
  check(env, napi_create_double(env, v, &r), "number");
  return r;
}

napi_value makeString(napi_env env, const std::string& s) {
  napi_value r;
  check(env, napi_create_string_utf8(env, s.c_str(), s.size(), &r), "string");
  return r;
}

napi_value makeObject(napi_env env) {
  napi_value r;
  check(env, napi_create_object(env, &r), "object");
  return r;
}

void set(napi_env env, napi_value obj, const char* key, napi_value v) {
  check(env, napi_set_named_property(env, obj, key, v), key);
}

}  // namespace nnlab::napi
