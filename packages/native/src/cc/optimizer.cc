#include "optimizer.h"

#include <cmath>

namespace nnlab {

Optimizer::Optimizer(const OptimizerDesc& desc, const std::vector<Param*>& trainable) : desc_(desc), params_(trainable) {
  if (desc.kind == "rmsprop") slotCount_ = 1 + (desc.momentum > 0 ? 1 : 0) + (desc.centered ? 1 : 0);
  else if (desc.kind == "adam") slotCount_ = 2;
  else if (desc.kind == "sgd") slotCount_ = desc.momentum > 0 ? 1 : 0;
  else throw Error("the native engine has no optimizer '" + desc.kind + "'");
  for (Param* p : params_) {
    for (size_t s = 0; s < slotCount_; s++) slots_.emplace_back(p->nativeSize(), 0.0f);
  }
}

void Optimizer::step() {
  const float lr = static_cast<float>(desc_.learningRate);
  const float eps = static_cast<float>(desc_.epsilon);
  // Adam's step size for step t, computed in double and rounded once, as keras-adam.ts does.
  const double t = static_cast<double>(desc_.iterations + 1);
  const float alpha = static_cast<float>(desc_.learningRate * std::sqrt(1 - std::pow(desc_.beta2, t)) /
                                         (1 - std::pow(desc_.beta1, t)));
  for (size_t i = 0; i < params_.size(); i++) {
    float* v = params_[i]->valuePtr();
    const float* g = params_[i]->gradPtr();
    const size_t size = params_[i]->nativeSize();
    if (desc_.kind == "rmsprop") {
      // Keras: v ← ρ·v + (1 − ρ)·g²; centered ḡ ← ρ·ḡ + (1 − ρ)·g, denominator √(v − ḡ² + ε);
      // momentum: m ← μ·m + η·g/√(…), θ ← θ − m; else θ ← θ − η·g/√(v + ε).
      const float r = static_cast<float>(desc_.rho);
      const float oneMinusR = static_cast<float>(1.0 - desc_.rho);
      const float mu = static_cast<float>(desc_.momentum);
      float* ms = slot(i, 0);
      float* m = desc_.momentum > 0 ? slot(i, 1) : nullptr;
      float* mg = desc_.centered ? slot(i, desc_.momentum > 0 ? 2 : 1) : nullptr;
      for (size_t j = 0; j < size; j++) {
        const float s = ms[j] * r + (g[j] * g[j]) * oneMinusR;
        ms[j] = s;
        float denominator = s;
        if (mg) {
          const float gm = mg[j] * r + g[j] * oneMinusR;
          mg[j] = gm;
          denominator = s - gm * gm;
        }
        float stepj = (g[j] * lr) / std::sqrt(denominator + eps);
        if (m) {
          stepj = m[j] * mu + stepj;
          m[j] = stepj;
        }
        v[j] -= stepj;
      }
    } else if (desc_.kind == "adam") {
      const float b1 = static_cast<float>(desc_.beta1), b2 = static_cast<float>(desc_.beta2);
      const float c1 = static_cast<float>(1.0 - desc_.beta1);
      const float c2 = static_cast<float>(1.0 - desc_.beta2);
      float* m = slot(i, 0);
      float* s = slot(i, 1);
      for (size_t j = 0; j < size; j++) {
        const float mj = m[j] * b1 + g[j] * c1;
        const float sj = s[j] * b2 + (g[j] * g[j]) * c2;
        m[j] = mj;
        s[j] = sj;
        v[j] -= (mj * alpha) / (std::sqrt(sj) + eps);
      }
    } else if (desc_.momentum > 0) {
      // tfjs' momentum optimizer: u ← μ·u + g; θ ← θ − η·u (Nesterov: θ ← θ − η·(g + μ·u)).
      const float mu = static_cast<float>(desc_.momentum);
      float* u = slot(i, 0);
      for (size_t j = 0; j < size; j++) {
        const float uj = u[j] * mu + g[j];
        u[j] = uj;
        v[j] -= desc_.nesterov ? lr * (g[j] + uj * mu) : lr * uj;
      }
    } else {
      for (size_t j = 0; j < size; j++) v[j] -= lr * g[j];
    }
  }
  desc_.iterations++;
}

}  // namespace nnlab
