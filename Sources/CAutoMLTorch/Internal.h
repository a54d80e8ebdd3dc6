// Shared declarations of the AutoMLTorch implementation (not part of the public C API).
#ifndef AUTOML_TORCH_INTERNAL_H
#define AUTOML_TORCH_INTERNAL_H

#include "AutoMLTorch.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace amt {

// ---- Errors ---------------------------------------------------------------------------------------

/// A failure caused by the caller's input (bad argument, out-of-range label, ...).
struct InvalidArgument : std::runtime_error {
    using std::runtime_error::runtime_error;
};

void clear_error();
void set_error(const std::string &message);
/// Installs a warning handler that keeps libtorch quiet (the library never writes to stdout/stderr).
void ensure_quiet();

/// Runs `body`, turning every exception into `failure` plus a message for amt_last_error().
template <class R, class F>
R guarded(R failure, F &&body) {
    ensure_quiet();
    clear_error();
    try {
        return body();
    } catch (const c10::Error &e) {
        set_error(e.what_without_backtrace());
    } catch (const std::bad_alloc &) {
        set_error("out of memory");
    } catch (const std::exception &e) {
        set_error(e.what());
    } catch (...) {
        set_error("unknown C++ exception");
    }
    return failure;
}

inline void require(bool condition, const std::string &message) {
    if (!condition) throw InvalidArgument(message);
}

// ---- Datasets -------------------------------------------------------------------------------------

struct Box {
    int32_t label;
    float x_min, y_min, x_max, y_max;
};

}  // namespace amt

struct AMTDataset {
    int32_t size = 0;
    int32_t num_labels = 0;
    int64_t count = 0;
    std::vector<uint8_t> pixels;               // count × size × size × 3
    std::vector<float> targets;                // count × num_labels
    std::vector<std::vector<amt::Box>> boxes;  // per image
};

namespace amt {

/// The whole dataset as a uint8 tensor [N,H,W,3] viewing the dataset's memory (no copy).
torch::Tensor dataset_images(const AMTDataset &dataset);
/// The classification targets as a float tensor [N,L] viewing the dataset's memory.
torch::Tensor dataset_targets(const AMTDataset &dataset);
/// Images `index` (int64) as float [B,3,H,W] in 0...1.
torch::Tensor load_batch(const torch::Tensor &images, const torch::Tensor &index);
/// uint8 HWC RGB (one image) to float [1,3,H,W] in 0...1.
torch::Tensor image_from_rgb(const uint8_t *rgb, int32_t size);
/// Validates and returns the dataset pointer.
const AMTDataset &checked(const AMTDataset *dataset);

at::Generator make_generator(uint64_t seed);

// ---- Augmentation ---------------------------------------------------------------------------------

/// Per-sample geometric transform: input coordinate (normalised to -1...1) = scale * output + shift,
/// with scale_x negative for a horizontal flip.
struct Geometry {
    bool any_flip = false;
    bool any_affine = false;
    std::vector<float> scale_x, scale_y, shift_x, shift_y;
};

/// Draws flips (AMT_AUGMENT_FLIP) and crops (AMT_AUGMENT_CROP) for `batch` images.
Geometry sample_geometry(int64_t batch, int32_t flags, at::Generator &gen, float min_scale,
                         float max_scale, float max_shift);
torch::Tensor apply_geometry(const torch::Tensor &x, const Geometry &geometry);
/// Colour jitter (AMT_AUGMENT_COLOR) and random grayscale (AMT_AUGMENT_GRAYSCALE), batched.
torch::Tensor apply_color(const torch::Tensor &x, int32_t flags, at::Generator &gen);

// ---- Parameters -----------------------------------------------------------------------------------

/// Named tensors of a model: trainable parameters and running statistics. All models are plain functional code over these tensors, so the same
/// names serve training, saving and the TorchScript export.
struct Store {
    std::vector<std::pair<std::string, torch::Tensor>> params;
    std::vector<bool> decay;  // weight decay applies (conv/linear weights, not BN or biases)
    std::vector<std::pair<std::string, torch::Tensor>> buffers;

    torch::Tensor param(const std::string &name, torch::Tensor value, bool weight_decay);
    torch::Tensor buffer(const std::string &name, torch::Tensor value);
    /// Copies values of a store with the same layout (a clone's or a file's).
    void copy_from(const Store &other);
    int64_t parameter_count() const;
};

/// A conv (no bias) + batch-norm layer; ReLU follows in forward.
struct ConvBN {
    std::string name;
    torch::Tensor weight, gamma, beta, mean, var;
    int64_t stride = 1, padding = 1;
};

ConvBN make_conv_bn(Store &store, const std::string &name, int64_t in, int64_t out, int64_t kernel,
                    int64_t stride, at::Generator &gen);
/// `momentum` < 0 means evaluation mode (running statistics); otherwise train-mode batch statistics,
/// updating the running ones with that momentum.
torch::Tensor conv_bn_relu(const ConvBN &layer, const torch::Tensor &x, double momentum);
constexpr double kBNEps = 1e-5;
constexpr double kBNMomentum = 0.1;
constexpr double kEval = -1.0;

/// Kaiming-normal initialisation (fan-in, ReLU gain) with a generator.
torch::Tensor kaiming(std::vector<int64_t> shape, int64_t fan_in, at::Generator &gen);

/// Runs an evaluation-mode forward; a batch of one image is run as two copies, because libtorch 1.13
/// sends 3×3 convs of a single small image to its slow non-oneDNN path (≈7× slower here).
torch::Tensor forward_eval(const torch::Tensor &x, const std::function<torch::Tensor(const torch::Tensor &)> &forward);

/// The shared front of every model: resize to `size` (area) and standardise per image.
torch::Tensor prepare_input(const torch::Tensor &x, int64_t size);
/// TorchScript source of the same.
std::string prepare_input_script(int64_t size);
constexpr double kStdFloor = 0.01;  // variance floor of the per-image standardisation

/// AdamW over a store's parameters (two groups: with and without weight decay).
struct Optimizer {
    std::unique_ptr<torch::optim::AdamW> adam;
    double lr = -1, weight_decay = -1;
    void prepare(Store &store, double lr, double weight_decay);
};

/// Saves / loads a store with a header tensor [kind, spec values...].
void save_store(const std::string &path, const torch::Tensor &header, const Store &store);
/// Reads the header; returns it and keeps the archive open for load_store_values.
struct LoadedFile {
    torch::serialize::InputArchive archive;
    torch::Tensor header;
};
std::unique_ptr<LoadedFile> open_store(const std::string &path);
void load_store_values(LoadedFile &file, Store &store);

// ---- Colour-invariant features --------------------------------------------------------------------

struct FeatureExtractor {
    int64_t size = 0;
    int64_t channels() const;         // per-pixel feature channels
    int64_t dimension() const;        // length of the pooled feature vector
};
FeatureExtractor make_features(Store &store, int64_t input_size);
/// x: prepared float [N,3,S,S] → [N, dimension()].
torch::Tensor compute_features(const FeatureExtractor &f, const torch::Tensor &x);
/// TorchScript methods `filter` and `features` (class-body indentation) computing the same.
std::string features_script();

// ---- Models ---------------------------------------------------------------------------------------

struct Classifier {
    AMTClassifierSpec spec{};
    Store store;
    std::vector<ConvBN> blocks;        // CNN
    FeatureExtractor features;         // LINEAR_FEATURES
    torch::Tensor feat_gamma, feat_beta, feat_mean, feat_var;  // BN over features
    torch::Tensor hidden_w, hidden_b;  // LINEAR_FEATURES hidden layer
    torch::Tensor fc_w, fc_b;
    Optimizer optimizer;

    explicit Classifier(const AMTClassifierSpec &spec);
    torch::Tensor forward(const torch::Tensor &x, double momentum) const;  // logits
    torch::Tensor forward_eval(const torch::Tensor &x) const;              // logits, eval mode
    torch::Tensor scores(const torch::Tensor &logits) const;
};

struct Detector {
    AMTDetectorSpec spec{};
    Store store;
    std::vector<ConvBN> down;  // stride 2,4,8,16
    ConvBN up8, up4, head;     // top-down path and head trunk
    torch::Tensor out_w, out_b;
    Optimizer optimizer;

    explicit Detector(const AMTDetectorSpec &spec);
    /// Raw outputs [N, C+4, G, G]: heat logits, sizes (relative w,h), offsets (cells).
    torch::Tensor forward(const torch::Tensor &x, double momentum) const;
};

void validate_spec(const AMTClassifierSpec &spec);
/// Start/end offsets of an epoch's batches; a trailing batch of one image joins the previous one.
std::vector<std::pair<int64_t, int64_t>> batch_ranges(int64_t n, int64_t batch);
void validate_spec(const AMTDetectorSpec &spec);

/// Re-estimates batch-norm running statistics (`stats`: mean/var pairs) with a cumulative average
/// over up to `max_images` of `dataset`; `forward(x, momentum)` runs the model in train mode.
void recalibrate_bn(const std::vector<std::pair<torch::Tensor, torch::Tensor>> &stats,
                    const AMTDataset &dataset, int32_t max_images,
                    const std::function<void(const torch::Tensor &, double)> &forward);
std::vector<std::pair<torch::Tensor, torch::Tensor>> bn_stats(const std::vector<ConvBN> &layers);

void export_classifier(const Classifier &model, const std::string &path);
void export_detector(const Detector &model, const std::string &path);

}  // namespace amt

#endif
