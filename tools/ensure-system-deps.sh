#!/usr/bin/env bash
# Installs the Debian packages nnlab's tests need when they are missing:
#   chromium — its Vulkan loader + SwiftShader give Dawn (the `webgpu` npm package) a WebGPU
#              adapter without a GPU, and it runs the browser tests (playwright-core drives it).
#   g++, libdnnl-dev — compile @nnlab/native (the oneDNN training engine); its build target runs
#              again in `npm test` (not cached), so an addon skipped by `npm ci` gets built then.
# Needs root (or sudo) the first time; a no-op once installed.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -e /usr/lib/chromium/vk_swiftshader_icd.json ] || missing+=(chromium)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
[ -e /usr/include/oneapi/dnnl/dnnl.hpp ] || missing+=(libdnnl-dev)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-system-deps: need root to apt-get install ${missing[*]}" >&2; exit 1
  fi
fi
echo "ensure-system-deps: installing ${missing[*]} with apt-get" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
