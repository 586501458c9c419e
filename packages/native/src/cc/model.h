// A whole Sequential model on oneDNN: the layers, one activation buffer per layer output, the
// loss and the optimizer. One call trains one step: gather the batch from the dataset by index,
// forward, loss, backward, update. Weights stay here during fit and are copied to/from tfjs'
// layout on request (Param::load / store).
#pragma once

#include <cstdlib>
#include <memory>
#include <vector>

#include "layer.h"
#include "loss.h"
#include "optimizer.h"

namespace nnlab {

/** A float buffer aligned for vector loads. */
class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(size_t floats);
  ~Buffer() { std::free(data_); }
  Buffer(Buffer&& o) noexcept : data_(o.data_), size_(o.size_) { o.data_ = nullptr; o.size_ = 0; }
  Buffer& operator=(Buffer&& o) noexcept;
  float* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  float* data_ = nullptr;
  size_t size_ = 0;
};

struct ModelDesc {
  Dims input;
  std::vector<LayerDesc> layers;
  int64_t maxBatch = 32;
  std::string loss = "categoricalCrossentropy";
  /** Absent (kind empty) for inference-only models. */
  OptimizerDesc optimizer;
  /** OpenMP threads; 0 = the rule: 1 below 10 MFLOP forward per sample, else every core. */
  int threads = 0;
  uint64_t seed = 0;
  /** Per-class loss weights (empty = none), indexed by label. */
  std::vector<float> classWeight;
};

struct StepResult {
  double loss;
  int64_t hits;
};

class Model {
 public:
  explicit Model(const ModelDesc& desc);

  /** Every weight in tfjs' `model.weights` order. */
  const std::vector<Param*>& weights() const { return weights_; }
  /** The trainable ones, in `model.trainableWeights` order (the optimizer's order). */
  const std::vector<Param*>& trainable() const { return trainable_; }
  Optimizer* optimizer() { return optimizer_.get(); }
  Context& context() { return ctx_; }
  int threads() const { return threads_; }
  double flopsPerSample() const { return flops_; }
  int64_t sampleSize() const { return dimsSize(desc_.input); }
  int64_t outputSize() const { return dimsSize(layers_.back()->outputShape()); }

  /** The training set, held by reference (the caller keeps x [count, sample] and y [count, out] alive). */
  void setData(const float* x, const float* y, int64_t count);
  /** One optimizer step on samples idx[0..n) of the training set. */
  StepResult trainStep(const int32_t* idx, int64_t n);
  /** Inference on x [n, sample] → out [n, outputs], in chunks of maxBatch. */
  void predict(const float* x, int64_t n, float* out);

 private:
  void useThreads() const;
  /** Forward through every layer from act_[0]; returns the output buffer. */
  const float* forward(int64_t n, bool training);

  ModelDesc desc_;
  Context ctx_;
  LossKind loss_;
  std::vector<std::unique_ptr<Layer>> layers_;
  std::vector<Param*> weights_, trainable_;
  std::unique_ptr<Optimizer> optimizer_;
  /** act_[i] is layer i's input; the last one is the model's output. */
  std::vector<float*> act_;
  std::vector<Buffer> actStore_;
  Buffer yBatch_, wBatch_, gradA_, gradB_;
  const float* dataX_ = nullptr;
  const float* dataY_ = nullptr;
  int64_t dataCount_ = 0;
  int threads_ = 1;
  double flops_ = 0;
};

}  // namespace nnlab
