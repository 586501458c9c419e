// The oneDNN API generation this engine is written against. oneDNN 2.x builds primitives from
// operation descriptors (`eltwise_forward::desc` → `primitive_desc`); oneDNN 3.0 removed the
// descriptors and takes the same arguments in the primitive_desc constructors. Every primitive
// is built through the few helpers in layer.cc / each layer file, so a port is mechanical, but it
// is not done: building against 3.x stops here with one clear message, which build-addon.mjs
// turns into its one-line "not built" notice.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>
#include <oneapi/dnnl/dnnl_version.h>

#if DNNL_VERSION_MAJOR >= 3
#error "nnlab-native: oneDNN >= 3.0 found; this engine uses the oneDNN 2.x operation-descriptor API (Debian 12's libdnnl-dev 2.6)"
#endif
