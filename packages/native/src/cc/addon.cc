// The addon's entry: registers the functions JavaScript calls (src/node/addon.ts types them).
// Only argument conversion lives here; the work is in model.cc and the layer files.
#include <omp.h>

#include "napi-util.h"

namespace nnlab {
namespace {

const char* isaName(dnnl::cpu_isa isa) {
  switch (isa) {
    case dnnl::cpu_isa::sse41: return "sse41";
    case dnnl::cpu_isa::avx: return "avx";
    case dnnl::cpu_isa::avx2: return "avx2";
    case dnnl::cpu_isa::avx512_core: return "avx512_core";
    case dnnl::cpu_isa::avx512_core_vnni: return "avx512_core_vnni";
    case dnnl::cpu_isa::avx512_core_bf16: return "avx512_core_bf16";
    case dnnl::cpu_isa::avx512_core_amx: return "avx512_core_amx";
    case dnnl::cpu_isa::avx2_vnni: return "avx2_vnni";
    default: return "other";
  }
}

/** info() → { version, isa, maxThreads, layerKinds } */
napi_value Info(napi_env env, napi_callback_info) {
  return napi::guard(env, [&] {
    const dnnl_version_t* v = dnnl_version();
    napi_value o = napi::makeObject(env);
    napi::set(env, o, "version", napi::makeString(env, std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch)));
    napi::set(env, o, "isa", napi::makeString(env, isaName(dnnl::get_effective_cpu_isa())));
    napi::set(env, o, "maxThreads", napi::makeNumber(env, omp_get_num_procs()));
    napi_value kinds;
    napi::check(env, napi_create_array(env, &kinds), "array");
    uint32_t i = 0;
    for (const auto& k : layerKinds()) napi_set_element(env, kinds, i++, napi::makeString(env, k));
    napi::set(env, o, "layerKinds", kinds);
    return o;
  });
}

}  // namespace

void registerModelFunctions(napi_env env, napi_value exports);
void registerLayerFunctions(napi_env env, napi_value exports);

}  // namespace nnlab

static napi_value Init(napi_env env, napi_value exports) {
  napi_property_descriptor info = {"info", nullptr, nnlab::Info, nullptr, nullptr, nullptr, napi_default, nullptr};
  napi_define_properties(env, exports, 1, &info);
  nnlab::registerModelFunctions(env, exports);
  nnlab::registerLayerFunctions(env, exports);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
