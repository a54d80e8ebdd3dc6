// Image classifiers: a small CNN or fixed colour-invariant features + an MLP head.
#include "Internal.h"

#include <cmath>
#include <cstring>

namespace amt {

namespace {
constexpr int64_t kHidden = 128;          // LINEAR_FEATURES hidden layer
constexpr int64_t kPredictChunk = 256;    // images per forward pass in predict
constexpr int64_t kHeaderKind = 1;        // file header: classifier
constexpr int64_t kHeaderVersion = 1;
}  // namespace

void validate_spec(const AMTClassifierSpec &s) {
    require(s.family == AMT_FAMILY_CNN || s.family == AMT_FAMILY_LINEAR_FEATURES,
            "unknown classifier family " + std::to_string(s.family));
    require(s.input_size >= 8 && s.input_size <= 1024,
            "input_size must be 8...1024, got " + std::to_string(s.input_size));
    require(s.num_labels >= 1 && s.num_labels <= 100000,
            "num_labels must be 1...100000, got " + std::to_string(s.num_labels));
    require(s.multi_label == 0 || s.multi_label == 1, "multi_label must be 0 or 1");
    if (s.family == AMT_FAMILY_CNN) {
        require(s.depth >= 1 && s.depth <= 8, "depth must be 1...8, got " + std::to_string(s.depth));
        require(s.width >= 1 && static_cast<int64_t>(s.width) << (s.depth - 1) <= 4096,
                "width must be ≥ 1 and width·2^(depth-1) ≤ 4096");
    }
}

Classifier::Classifier(const AMTClassifierSpec &s) : spec(s) {
    validate_spec(spec);
    auto gen = make_generator(spec.seed);
    int64_t last = 0;
    if (spec.family == AMT_FAMILY_CNN) {
        int64_t in = 3;
        for (int32_t i = 0; i < spec.depth; ++i) {
            int64_t out = static_cast<int64_t>(spec.width) << i;
            blocks.push_back(make_conv_bn(store, "b" + std::to_string(i), in, out, 3, 2, gen));
            in = out;
        }
        last = in;
    } else {
        features = make_features(store, spec.input_size);
        const int64_t d = features.dimension();
        feat_gamma = store.param("f_g", torch::ones({d}), false);
        feat_beta = store.param("f_b", torch::zeros({d}), false);
        feat_mean = store.buffer("f_rm", torch::zeros({d}));
        feat_var = store.buffer("f_rv", torch::ones({d}));
        hidden_w = store.param("h_w", kaiming({kHidden, d}, d, gen), true);
        hidden_b = store.param("h_b", torch::zeros({kHidden}), false);
        last = kHidden;
    }
    fc_w = store.param("fc_w", torch::randn({spec.num_labels, last}, gen) * 0.01, true);
    fc_b = store.param("fc_b", torch::zeros({spec.num_labels}), false);
}

torch::Tensor Classifier::forward(const torch::Tensor &input, double momentum) const {
    auto x = prepare_input(input, spec.input_size);
    if (spec.family == AMT_FAMILY_CNN) {
        for (auto &b : blocks) x = conv_bn_relu(b, x, momentum);
        x = x.mean({2, 3});
    } else {
        torch::Tensor f;
        {
            torch::NoGradGuard no_grad;  // fixed features: nothing to learn before the BN
            f = compute_features(features, x);
        }
        const bool train = momentum >= 0;
        f = torch::batch_norm(f, feat_gamma, feat_beta, feat_mean, feat_var, train,
                              train ? momentum : 0.0, kBNEps, true);
        x = torch::relu(torch::linear(f, hidden_w, hidden_b));
    }
    return torch::linear(x, fc_w, fc_b);
}

torch::Tensor Classifier::forward_eval(const torch::Tensor &x) const {
    auto run = [&](const torch::Tensor &b) { return forward(b, kEval); };
    return spec.family == AMT_FAMILY_CNN ? amt::forward_eval(x, run) : run(x);  // no convs otherwise
}

torch::Tensor Classifier::scores(const torch::Tensor &logits) const {
    return spec.multi_label ? torch::sigmoid(logits) : torch::softmax(logits, 1);
}

namespace {

std::vector<std::pair<torch::Tensor, torch::Tensor>> classifier_bn(const Classifier &m) {
    auto s = bn_stats(m.blocks);
    if (m.feat_mean.defined()) s.emplace_back(m.feat_mean, m.feat_var);
    return s;
}

torch::Tensor loss_of(const Classifier &m, const torch::Tensor &logits, const torch::Tensor &y) {
    if (m.spec.multi_label) return torch::binary_cross_entropy_with_logits(logits, y);
    // Soft cross-entropy against the normalised target; images without any label contribute nothing.
    auto row = y.sum(1);
    auto has = (row > 0).to(torch::kFloat32);
    auto t = y / row.clamp_min(1e-12).unsqueeze(1);
    auto per_image = -(t * torch::log_softmax(logits, 1)).sum(1);
    return (per_image * has).sum() / has.sum().clamp_min(1.0);
}

Classifier &checked(AMTClassifier *m) {
    require(m != nullptr, "classifier is NULL");
    return *reinterpret_cast<Classifier *>(m);
}
const Classifier &checked(const AMTClassifier *m) {
    require(m != nullptr, "classifier is NULL");
    return *reinterpret_cast<const Classifier *>(m);
}
AMTClassifier *handle(Classifier *m) { return reinterpret_cast<AMTClassifier *>(m); }

void check_options(const AMTTrainOptions *o) {
    require(o != nullptr, "options is NULL");
    require(o->batch_size >= 2 && o->batch_size <= 4096,
            "batch_size must be 2...4096, got " + std::to_string(o->batch_size));
    require((o->augment & ~0xF) == 0, "unknown augment bits " + std::to_string(o->augment));
}

}  // namespace

/// Start/end offsets of the batches of an epoch; a trailing batch of one image joins the previous.
std::vector<std::pair<int64_t, int64_t>> batch_ranges(int64_t n, int64_t batch) {
    std::vector<std::pair<int64_t, int64_t>> r;
    for (int64_t start = 0; start < n;) {
        int64_t end = std::min(n, start + batch);
        if (n - end == 1) end = n;
        r.emplace_back(start, end);
        start = end;
    }
    return r;
}

}  // namespace amt

using namespace amt;

extern "C" {

AMTClassifier *amt_classifier_create(const AMTClassifierSpec *spec) {
    return guarded<AMTClassifier *>(nullptr, [&] {
        require(spec != nullptr, "spec is NULL");
        return handle(new Classifier(*spec));
    });
}

AMTClassifier *amt_classifier_clone(const AMTClassifier *model) {
    return guarded<AMTClassifier *>(nullptr, [&] {
        const auto &m = checked(model);
        auto copy = std::make_unique<Classifier>(m.spec);
        copy->store.copy_from(m.store);
        return handle(copy.release());
    });
}

void amt_classifier_get_spec(const AMTClassifier *model, AMTClassifierSpec *out) {
    guarded<int32_t>(-1, [&] {
        require(out != nullptr, "out is NULL");
        *out = checked(model).spec;
        return 0;
    });
}

int64_t amt_classifier_parameter_count(const AMTClassifier *model) {
    return guarded<int64_t>(-1, [&] { return checked(model).store.parameter_count(); });
}

int32_t amt_classifier_train_epoch(AMTClassifier *model, const AMTDataset *dataset,
                                   const AMTTrainOptions *options, const volatile int32_t *cancel,
                                   float *mean_loss) {
    return guarded<int32_t>(-1, [&]() -> int32_t {
        auto &m = checked(model);
        const auto &d = amt::checked(dataset);
        check_options(options);
        require(d.num_labels == m.spec.num_labels,
                "dataset has " + std::to_string(d.num_labels) + " labels, model " +
                    std::to_string(m.spec.num_labels));
        require(d.count >= 2, "training needs at least 2 images");
        m.optimizer.prepare(m.store, options->learning_rate, options->weight_decay);
        auto &adam = *m.optimizer.adam;
        auto gen = make_generator(options->seed);
        auto order = torch::randperm(d.count, gen, torch::kInt64);
        auto images = dataset_images(d);
        auto targets = dataset_targets(d);
        double total = 0;
        int64_t seen = 0;
        int32_t status = 0;
        for (auto [start, end] : batch_ranges(d.count, options->batch_size)) {
            if (cancel != nullptr && *cancel != 0) {
                status = 1;
                break;
            }
            auto index = order.slice(0, start, end);
            auto x = load_batch(images, index);
            auto geometry = sample_geometry(end - start, options->augment, gen, 0.8f, 1.1f, 0.1f);
            x = apply_color(apply_geometry(x, geometry), options->augment, gen);
            auto y = targets.index_select(0, index);
            auto loss = loss_of(m, m.forward(x, kBNMomentum), y);
            adam.zero_grad();
            loss.backward();
            adam.step();
            total += loss.item<double>() * static_cast<double>(end - start);
            seen += end - start;
        }
        if (mean_loss != nullptr) *mean_loss = seen > 0 ? static_cast<float>(total / seen) : NAN;
        return status;
    });
}

int32_t amt_classifier_recalibrate(AMTClassifier *model, const AMTDataset *dataset,
                                   int32_t max_images) {
    return guarded<int32_t>(-1, [&] {
        auto &m = checked(model);
        const auto &d = amt::checked(dataset);
        recalibrate_bn(classifier_bn(m), d, max_images,
                       [&](const torch::Tensor &x, double momentum) { m.forward(x, momentum); });
        return 0;
    });
}

int32_t amt_classifier_predict(AMTClassifier *model, const AMTDataset *dataset, float *scores) {
    return guarded<int32_t>(-1, [&] {
        auto &m = checked(model);
        const auto &d = amt::checked(dataset);
        require(scores != nullptr, "scores is NULL");
        require(d.num_labels == m.spec.num_labels,
                "dataset has " + std::to_string(d.num_labels) + " labels, model " +
                    std::to_string(m.spec.num_labels));
        c10::InferenceMode guard;
        auto images = dataset_images(d);
        for (int64_t start = 0; start < d.count; start += kPredictChunk) {
            int64_t end = std::min(d.count, start + kPredictChunk);
            auto x = images.slice(0, start, end).permute({0, 3, 1, 2}).to(torch::kFloat32)
                         .mul_(1.0f / 255.0f).contiguous();
            auto s = m.scores(m.forward_eval(x)).contiguous();
            std::memcpy(scores + start * m.spec.num_labels, s.data_ptr<float>(),
                        sizeof(float) * s.numel());
        }
        return 0;
    });
}

int32_t amt_classifier_predict_one(AMTClassifier *model, const uint8_t *rgb, int32_t size,
                                   float *scores) {
    return guarded<int32_t>(-1, [&] {
        auto &m = checked(model);
        require(scores != nullptr, "scores is NULL");
        c10::InferenceMode guard;
        auto s = m.scores(m.forward_eval(image_from_rgb(rgb, size))).contiguous();
        std::memcpy(scores, s.data_ptr<float>(), sizeof(float) * s.numel());
        return 0;
    });
}

int32_t amt_classifier_save(const AMTClassifier *model, const char *path) {
    return guarded<int32_t>(-1, [&] {
        const auto &m = checked(model);
        require(path != nullptr, "path is NULL");
        int64_t seed;
        std::memcpy(&seed, &m.spec.seed, sizeof seed);
        auto header = torch::tensor({kHeaderKind, kHeaderVersion, (int64_t)m.spec.family,
                                     (int64_t)m.spec.width, (int64_t)m.spec.depth,
                                     (int64_t)m.spec.input_size, (int64_t)m.spec.num_labels,
                                     (int64_t)m.spec.multi_label, seed},
                                    torch::kInt64);
        save_store(path, header, m.store);
        return 0;
    });
}

AMTClassifier *amt_classifier_load(const char *path) {
    return guarded<AMTClassifier *>(nullptr, [&] {
        require(path != nullptr, "path is NULL");
        auto file = open_store(path);
        auto h = file->header;
        require(h.numel() == 9 && h[0].item<int64_t>() == kHeaderKind,
                std::string("not a classifier file: ") + path);
        require(h[1].item<int64_t>() == kHeaderVersion, "unsupported classifier file version");
        AMTClassifierSpec spec{};
        spec.family = (int32_t)h[2].item<int64_t>();
        spec.width = (int32_t)h[3].item<int64_t>();
        spec.depth = (int32_t)h[4].item<int64_t>();
        spec.input_size = (int32_t)h[5].item<int64_t>();
        spec.num_labels = (int32_t)h[6].item<int64_t>();
        spec.multi_label = (int32_t)h[7].item<int64_t>();
        int64_t seed = h[8].item<int64_t>();
        std::memcpy(&spec.seed, &seed, sizeof seed);
        auto m = std::make_unique<Classifier>(spec);
        load_store_values(*file, m->store);
        return handle(m.release());
    });
}

int32_t amt_classifier_export_torchscript(const AMTClassifier *model, const char *path) {
    return guarded<int32_t>(-1, [&] {
        require(path != nullptr, "path is NULL");
        export_classifier(checked(model), path);
        return 0;
    });
}

void amt_classifier_free(AMTClassifier *model) { delete reinterpret_cast<Classifier *>(model); }

}  // extern "C"
