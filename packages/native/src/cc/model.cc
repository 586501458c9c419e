#include "model.h"

#include <omp.h>

#include <algorithm>
#include <cstring>

namespace nnlab {

Buffer::Buffer(size_t floats) : size_(floats) {
  const size_t bytes = ((std::max<size_t>(floats, 1) * sizeof(float) + 63) / 64) * 64;
  data_ = static_cast<float*>(std::aligned_alloc(64, bytes));
  if (!data_) throw Error("out of memory allocating " + std::to_string(bytes) + " bytes");
  std::memset(data_, 0, bytes);
}

Buffer& Buffer::operator=(Buffer&& o) noexcept {
  if (this != &o) {
    std::free(data_);
    data_ = o.data_;
    size_ = o.size_;
    o.data_ = nullptr;
    o.size_ = 0;
  }
  return *this;
}

/**
 * Threads: convolutions share well across cores at any size (cnn-mnist, 0.26 MFLOP of forward
 * work per sample: 1.85x faster on 2 cores than on 1); dense layers only when large (784->10 is
 * 0.6x as fast on 2 cores as on 1, 784->256 even). So every core for a model with a convolution
 * or with at least this much forward work per sample, else one thread.
 */
constexpr double kParallelFlops = 1e6;

Model::Model(const ModelDesc& desc) : desc_(desc), ctx_(desc.seed), loss_(lossKind(desc.loss)) {
  if (desc.layers.empty()) throw Error("the model has no layers");
  if (desc.maxBatch < 1) throw Error("maxBatch must be >= 1");
  Dims shape = desc.input;
  for (const LayerDesc& d : desc.layers) {
    layers_.push_back(makeLayer(d, shape, ctx_));
    shape = layers_.back()->outputShape();
    flops_ += layers_.back()->flopsPerSample();
  }
  for (auto& l : layers_) {
    for (Param& p : l->params()) {
      weights_.push_back(&p);
      if (p.trainable) trainable_.push_back(&p);
    }
  }
  const bool conv = std::any_of(desc.layers.begin(), desc.layers.end(), [](const LayerDesc& d) { return d.kind == "conv2d"; });
  threads_ = desc.threads > 0 ? desc.threads : (conv || flops_ >= kParallelFlops ? omp_get_num_procs() : 1);
  // One buffer per layer output (in-place layers share their input's); gradients ping-pong
  // between two buffers of the largest activation.
  const int64_t b = desc.maxBatch;
  int64_t largest = dimsSize(desc.input);
  actStore_.emplace_back(b * dimsSize(desc.input));
  act_.push_back(actStore_.back().data());
  for (auto& l : layers_) {
    largest = std::max(largest, dimsSize(l->outputShape()));
    if (l->inPlace()) {
      act_.push_back(act_.back());
    } else {
      actStore_.emplace_back(b * dimsSize(l->outputShape()));
      act_.push_back(actStore_.back().data());
    }
  }
  // Gradient and target buffers only for a model that trains (an inference model for a 256-image
  // evaluation batch of cnn-pneumonia would hold 2 x 134 MB of gradient buffers it never uses).
  if (!desc.optimizer.kind.empty()) {
    gradA_ = Buffer(b * largest);
    gradB_ = Buffer(b * largest);
    yBatch_ = Buffer(b * outputSize());
    wBatch_ = Buffer(b);
    optimizer_ = std::make_unique<Optimizer>(desc.optimizer, trainable_);
  }
}

void Model::useThreads() const {
  if (omp_get_max_threads() != threads_) omp_set_num_threads(threads_);
}

void Model::setData(const float* x, const float* y, int64_t count) {
  dataX_ = x;
  dataY_ = y;
  dataCount_ = count;
}

const float* Model::forward(int64_t n, bool training) {
  for (size_t i = 0; i < layers_.size(); i++) layers_[i]->forward(act_[i], act_[i + 1], n, training);
  return act_.back();
}

StepResult Model::trainStep(const int32_t* idx, int64_t n) {
  if (!optimizer_) throw Error("this model was built for inference only");
  if (!dataX_) throw Error("no training data: call setData first");
  if (n < 1 || n > desc_.maxBatch) throw Error("batch of " + std::to_string(n) + " outside 1.." + std::to_string(desc_.maxBatch));
  useThreads();
  const int64_t s = sampleSize(), k = outputSize();
  float* x = act_[0];
  float* y = yBatch_.data();
  for (int64_t r = 0; r < n; r++) {
    const int64_t i = idx[r];
    if (i < 0 || i >= dataCount_) throw Error("sample index " + std::to_string(i) + " outside the training set");
    std::memcpy(x + r * s, dataX_ + i * s, sizeof(float) * s);
    std::memcpy(y + r * k, dataY_ + i * k, sizeof(float) * k);
  }
  const float* w = nullptr;
  if (!desc_.classWeight.empty()) {
    float* wb = wBatch_.data();
    for (int64_t r = 0; r < n; r++) {
      int64_t label = 0;
      if (k == 1) label = y[r] >= 0.5f ? 1 : 0;
      else
        for (int64_t j = 1; j < k; j++)
          if (y[r * k + j] > y[r * k + label]) label = j;
      wb[r] = label < static_cast<int64_t>(desc_.classWeight.size()) ? desc_.classWeight[label] : 1.0f;
    }
    w = wb;
  }
  const float* p = forward(n, true);
  float* cur = gradA_.data();
  float* other = gradB_.data();
  StepResult result{lossAndGradient(loss_, p, y, w, n, k, cur), countHits(p, y, n, k)};
  for (size_t i = layers_.size(); i-- > 0;) {
    Layer& l = *layers_[i];
    if (l.inPlace()) {
      l.backward(act_[i], act_[i + 1], cur, cur, n);
      continue;
    }
    float* dx = i > 0 ? other : nullptr;
    l.backward(act_[i], act_[i + 1], cur, dx, n);
    std::swap(cur, other);
  }
  optimizer_->step();
  return result;
}

void Model::predict(const float* x, int64_t n, float* out) {
  useThreads();
  const int64_t s = sampleSize(), k = outputSize();
  for (int64_t start = 0; start < n; start += desc_.maxBatch) {
    const int64_t m = std::min(desc_.maxBatch, n - start);
    std::memcpy(act_[0], x + start * s, sizeof(float) * m * s);
    const float* p = forward(m, false);
    std::memcpy(out + start * k, p, sizeof(float) * m * k);
  }
}

}  // namespace nnlab
