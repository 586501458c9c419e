#include "loss.h"

#include <cmath>

#include "layer.h"

namespace nnlab {

namespace {
constexpr float kLo = 1e-7f;
constexpr float kHi = 1.0f - 1e-7f;
inline float clip(float p) { return p < kLo ? kLo : (p > kHi ? kHi : p); }
inline bool inside(float p) { return p >= kLo && p <= kHi; }
}  // namespace

LossKind lossKind(const std::string& name) {
  if (name == "categoricalCrossentropy") return LossKind::CategoricalCrossentropy;
  if (name == "binaryCrossentropy") return LossKind::BinaryCrossentropy;
  throw Error("the native engine has no loss '" + name + "'");
}

double lossAndGradient(LossKind kind, const float* p, const float* y, const float* w, int64_t n, int64_t k, float* dp) {
  double total = 0;
  for (int64_t r = 0; r < n; r++) {
    const float* pr = p + r * k;
    const float* yr = y + r * k;
    float* gr = dp + r * k;
    const double weight = w ? w[r] : 1.0;
    double rowLoss = 0;
    if (kind == LossKind::CategoricalCrossentropy) {
      const double scale = weight / n;
      for (int64_t j = 0; j < k; j++) {
        rowLoss -= yr[j] * std::log(static_cast<double>(clip(pr[j])));
        gr[j] = inside(pr[j]) ? static_cast<float>(-scale * yr[j] / pr[j]) : 0.0f;
      }
      total += weight * rowLoss;
    } else {
      const double scale = weight / (static_cast<double>(n) * k);
      for (int64_t j = 0; j < k; j++) {
        const double pc = clip(pr[j]);
        const double t = yr[j];
        rowLoss -= t * std::log(pc) + (1 - t) * std::log(1 - pc);
        gr[j] = inside(pr[j]) ? static_cast<float>(-scale * (t / pr[j] - (1 - t) / (1 - static_cast<double>(pr[j])))) : 0.0f;
      }
      total += weight * rowLoss / k;
    }
  }
  return total / n;
}

double lossValue(LossKind kind, const float* p, const float* y, int64_t n, int64_t k) {
  double total = 0;
  for (int64_t r = 0; r < n; r++) {
    double rowLoss = 0;
    for (int64_t j = 0; j < k; j++) {
      const double pc = clip(p[r * k + j]);
      const double t = y[r * k + j];
      rowLoss -= kind == LossKind::CategoricalCrossentropy ? t * std::log(pc) : t * std::log(pc) + (1 - t) * std::log(1 - pc);
    }
    total += kind == LossKind::CategoricalCrossentropy ? rowLoss : rowLoss / k;
  }
  return total / n;
}

int64_t countHits(const float* p, const float* y, int64_t n, int64_t k) {
  int64_t hits = 0;
  for (int64_t r = 0; r < n; r++) {
    const float* pr = p + r * k;
    const float* yr = y + r * k;
    if (k == 1) {
      hits += (pr[0] >= 0.5f) == (yr[0] >= 0.5f);
      continue;
    }
    int64_t bp = 0, by = 0;
    for (int64_t j = 1; j < k; j++) {
      if (pr[j] > pr[bp]) bp = j;
      if (yr[j] > yr[by]) by = j;
    }
    hits += bp == by;
  }
  return hits;
}

}  // namespace nnlab
