// automl-bench-trainer: the measuring half of benchmarks/trainer.sh (benchmark-only, not part of the product).
//
//   automl-bench-trainer train [IMAGES [EPOCHS]]     training images/s of the libtorch core beside a bare loop
//   automl-bench-trainer decode DIR [IMAGES [ROUNDS]] decode images/s of the codec beside bare TurboJPEG loops
//
// Both generate their own images (random shapes on noise). Every measured run prints one line
// `run KIND VARIANT key=value... images_per_s=X`; after all runs a `summary KIND VARIANT ... median=X best=Y`
// line per variant, which the script turns into a table. Alternatives are interleaved run by run so that
// whatever else the machine does falls on each of them alike.
#include "AutoMLTorch.h"
#include "ImageCodec.h"

#include <torch/torch.h>
#include <turbojpeg.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr int kLabels = 4;
constexpr int kTrainSize = 64;
constexpr int kDecodeSource = 256;
constexpr int kDecodeTarget = 64;
constexpr int kThreads = 2;
constexpr float kTrainNoise = 18.0f;
// Milder noise for the JPEGs: strong per-pixel noise makes 256×256 files of 60+ KB, dominated by entropy
// decoding; at 4 they are about 16 KB, like a photo of that size at quality 90.
constexpr float kDecodeNoise = 4.0f;

[[noreturn]] void fail(const std::string &message) {
    std::fprintf(stderr, "automl-bench-trainer: %s\n", message.c_str());
    std::exit(1);
}

double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// ---- Synthetic images -------------------------------------------------------------------------------

/// One `size × size` RGB image: a shape of class `label` (disc, square, triangle, cross) in a random
/// colour, position and size, over a background of a random colour with a gradient and per-pixel noise
/// of standard deviation `sigma`.
std::vector<uint8_t> make_image(int size, int label, float sigma, std::mt19937 &rng) {
    std::uniform_int_distribution<int> colour(0, 255);
    std::normal_distribution<float> noise(0.0f, sigma);
    std::uniform_real_distribution<float> unit(0.0f, 1.0f);
    const int bg[3] = {colour(rng), colour(rng), colour(rng)};
    int fg[3];
    do {  // keep the shape visible against the background
        for (int &c : fg) c = colour(rng);
    } while (std::abs(fg[0] - bg[0]) + std::abs(fg[1] - bg[1]) + std::abs(fg[2] - bg[2]) < 120);
    const float radius = size * (0.15f + 0.2f * unit(rng));
    const float cx = radius + (size - 2 * radius) * unit(rng);
    const float cy = radius + (size - 2 * radius) * unit(rng);
    const float gradient_x = (unit(rng) - 0.5f) * 60.0f / size, gradient_y = (unit(rng) - 0.5f) * 60.0f / size;
    auto inside = [&](float x, float y) {
        const float dx = x - cx, dy = y - cy;
        switch (label) {
        case 0: return dx * dx + dy * dy <= radius * radius;
        case 1: return std::fabs(dx) <= radius * 0.85f && std::fabs(dy) <= radius * 0.85f;
        case 2: return dy <= radius * 0.8f && dy >= -radius && std::fabs(dx) <= (dy + radius) * 0.6f;
        default: return (std::fabs(dx) <= radius * 0.3f || std::fabs(dy) <= radius * 0.3f) &&
                        std::fabs(dx) <= radius && std::fabs(dy) <= radius;
        }
    };
    std::vector<uint8_t> rgb(static_cast<size_t>(size) * size * 3);
    for (int y = 0; y < size; ++y) {
        for (int x = 0; x < size; ++x) {
            const bool shape = inside(x + 0.5f, y + 0.5f);
            const int *base = shape ? fg : bg;
            const float shade = shape ? 0.0f : gradient_x * (x - size / 2) + gradient_y * (y - size / 2);
            for (int c = 0; c < 3; ++c) {
                const float v = static_cast<float>(base[c]) + shade + noise(rng);
                rgb[(static_cast<size_t>(y) * size + x) * 3 + c] =
                    static_cast<uint8_t>(std::min(255.0f, std::max(0.0f, v)));
            }
        }
    }
    return rgb;
}

// ---- Statistics -------------------------------------------------------------------------------------

struct Series {
    std::vector<double> rates;
    double median() const {
        auto v = rates;
        std::sort(v.begin(), v.end());
        const size_t n = v.size();
        return n == 0 ? 0 : (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2);
    }
    double best() const { return rates.empty() ? 0 : *std::max_element(rates.begin(), rates.end()); }
};

// ---- Training ---------------------------------------------------------------------------------------

/// The floor: the same network written the plain libtorch way (nn::Sequential of conv-BN-ReLU, AdamW,
/// cross-entropy), fed by index_select from one uint8 tensor. No per-image standardisation, no soft
/// targets, no augmentation hooks: only what any training loop of this model has to do.
struct FloorTrainer {
    torch::nn::Sequential net;
    std::unique_ptr<torch::optim::AdamW> optimizer;
    torch::Tensor images;  // [N,H,W,3] uint8
    torch::Tensor labels;  // [N] int64

    FloorTrainer(const std::vector<uint8_t> &pixels, const std::vector<int64_t> &label_of, int width, int depth,
                 uint64_t seed) {
        torch::manual_seed(seed);
        const int64_t n = static_cast<int64_t>(label_of.size());
        images = torch::from_blob(const_cast<uint8_t *>(pixels.data()), {n, kTrainSize, kTrainSize, 3},
                                  torch::kUInt8)
                     .clone();
        labels = torch::tensor(label_of, torch::kInt64);
        int64_t in = 3;
        for (int i = 0; i < depth; ++i) {
            const int64_t out = static_cast<int64_t>(width) << i;
            net->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).stride(2).padding(1).bias(false)));
            net->push_back(torch::nn::BatchNorm2d(out));
            net->push_back(torch::nn::ReLU(torch::nn::ReLUOptions(true)));
            in = out;
        }
        net->push_back(torch::nn::AdaptiveAvgPool2d(torch::nn::AdaptiveAvgPool2dOptions({1, 1})));
        net->push_back(torch::nn::Flatten());
        net->push_back(torch::nn::Linear(in, kLabels));
        net->train();
        optimizer = std::make_unique<torch::optim::AdamW>(
            net->parameters(), torch::optim::AdamWOptions(3e-3).weight_decay(1e-4));
    }

    void epoch(int64_t batch, uint64_t seed) {
        auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
        const int64_t n = images.size(0);
        auto order = torch::randperm(n, gen, torch::kInt64);
        for (int64_t start = 0; start < n; start += batch) {
            auto index = order.slice(0, start, std::min(n, start + batch));
            auto x = images.index_select(0, index).permute({0, 3, 1, 2}).to(torch::kFloat32).div_(255.0f)
                         .contiguous();
            auto loss = torch::nn::functional::cross_entropy(net->forward(x), labels.index_select(0, index));
            optimizer->zero_grad();
            loss.backward();
            optimizer->step();
            (void)loss.item<float>();
        }
    }
};

struct CoreTrainer {
    AMTClassifier *model = nullptr;
    const AMTDataset *dataset = nullptr;
    int32_t augment = 0;

    void epoch(int32_t batch, uint64_t seed) {
        const AMTTrainOptions options{3e-3f, 1e-4f, batch, augment, seed};
        float loss = 0;
        if (amt_classifier_train_epoch(model, dataset, &options, nullptr, &loss) != 0)
            fail(std::string("amt_classifier_train_epoch: ") + amt_last_error());
    }
};

int train_main(int images, int epochs) {
    amt_runtime_configure(kThreads);
    const char *policy = std::getenv("OMP_WAIT_POLICY");
    std::printf("env threads=%d omp_wait_policy=%s\n", torch::get_num_threads(), policy ? policy : "unset");

    std::mt19937 rng(7);
    std::vector<uint8_t> pixels;
    std::vector<int64_t> label_of;
    AMTDataset *dataset = amt_dataset_create(kTrainSize, kLabels);
    if (dataset == nullptr) fail(amt_last_error());
    for (int i = 0; i < images; ++i) {
        const int label = i % kLabels;
        auto rgb = make_image(kTrainSize, label, kTrainNoise, rng);
        const int32_t index = amt_dataset_add(dataset, rgb.data());
        float targets[kLabels] = {0};
        targets[label] = 1;
        if (index < 0 || amt_dataset_set_targets(dataset, index, targets) != 0) fail(amt_last_error());
        pixels.insert(pixels.end(), rgb.begin(), rgb.end());
        label_of.push_back(label);
    }

    const AMTClassifierSpec spec{AMT_FAMILY_CNN, 16, 4, kTrainSize, kLabels, 0, 11};
    const int32_t full = AMT_AUGMENT_FLIP | AMT_AUGMENT_CROP | AMT_AUGMENT_COLOR | AMT_AUGMENT_GRAYSCALE;
    std::map<std::string, Series> series;
    for (int32_t batch : {32, 64}) {
        CoreTrainer core{amt_classifier_create(&spec), dataset, 0};
        CoreTrainer augmented{amt_classifier_create(&spec), dataset, full};
        if (core.model == nullptr || augmented.model == nullptr) fail(amt_last_error());
        FloorTrainer floor(pixels, label_of, spec.width, spec.depth, 11);
        std::printf("params core=%lld floor=%lld\n", (long long)amt_classifier_parameter_count(core.model),
                    (long long)[&] {
                        int64_t count = 0;
                        for (auto &p : floor.net->parameters()) count += p.numel();
                        return count;
                    }());
        struct Variant {
            const char *name;
            const char *augment;
            std::function<void(uint64_t)> epoch;
        };
        const std::vector<Variant> variants = {
            {"core", "none", [&](uint64_t s) { core.epoch(batch, s); }},
            {"floor", "none", [&](uint64_t s) { floor.epoch(batch, s); }},
            {"core", "full", [&](uint64_t s) { augmented.epoch(batch, s); }},
        };
        for (auto &v : variants) v.epoch(1000);  // warm-up: allocator, oneDNN primitives, optimizer state
        for (int e = 0; e < epochs; ++e) {
            for (auto &v : variants) {
                const double start = now_seconds();
                v.epoch(static_cast<uint64_t>(e + 1));
                const double seconds = now_seconds() - start;
                const double rate = images / seconds;
                series[std::string(v.name) + " " + std::to_string(batch) + " " + v.augment].rates.push_back(rate);
                std::printf("run train %s batch=%d augment=%s epoch=%d seconds=%.3f images_per_s=%.1f\n", v.name,
                            batch, v.augment, e + 1, seconds, rate);
                std::fflush(stdout);
            }
        }
        amt_classifier_free(core.model);
        amt_classifier_free(augmented.model);
    }
    for (auto &[key, s] : series) {
        char name[32], augment[16];
        int batch = 0;
        std::sscanf(key.c_str(), "%31s %d %15s", name, &batch, augment);
        std::printf("summary train %s batch=%d augment=%s images=%d epochs=%zu median=%.1f best=%.1f\n", name, batch,
                    augment, images, s.rates.size(), s.median(), s.best());
    }
    amt_dataset_free(dataset);
    return 0;
}

// ---- Decoding ---------------------------------------------------------------------------------------

std::vector<uint8_t> read_file(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read " + path);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

int decode_main(const std::string &dir, int images, int rounds) {
    std::mt19937 rng(13);
    std::vector<std::string> paths;
    char message[256];
    for (int i = 0; i < images; ++i) {
        auto rgb = make_image(kDecodeSource, i % kLabels, kDecodeNoise, rng);
        uint8_t *jpeg = nullptr;
        size_t length = 0;
        if (aic_encode_jpeg(rgb.data(), kDecodeSource, kDecodeSource, 90, &jpeg, &length, message, sizeof message) !=
            AIC_OK)
            fail(std::string("aic_encode_jpeg: ") + message);
        paths.push_back(dir + "/" + std::to_string(i) + ".jpg");
        std::ofstream out(paths.back(), std::ios::binary);
        out.write(reinterpret_cast<const char *>(jpeg), static_cast<std::streamsize>(length));
        if (!out) fail("cannot write " + paths.back());
        aic_free(jpeg);
    }
    // Both sides decode the same bytes, read back from the files once.
    std::vector<std::vector<uint8_t>> files;
    size_t total_bytes = 0;
    for (auto &p : paths) {
        files.push_back(read_file(p));
        total_bytes += files.back().size();
    }
    std::printf("files count=%d size=%d mean_bytes=%zu\n", images, kDecodeSource, total_bytes / files.size());

    std::vector<uint8_t> small(static_cast<size_t>(kDecodeTarget) * kDecodeTarget * 3);
    std::vector<uint8_t> large(static_cast<size_t>(kDecodeSource) * kDecodeSource * 3);
    tjhandle tj = tjInitDecompress();
    if (tj == nullptr) fail("tjInitDecompress failed");
    auto codec = [&] {
        for (auto &f : files) {
            if (aic_decode_rgb(f.data(), f.size(), kDecodeTarget, 1 << 26, small.data(), nullptr, nullptr, message,
                               sizeof message) != AIC_OK)
                fail(std::string("aic_decode_rgb: ") + message);
        }
    };
    auto turbo = [&](int denominator) {
        for (auto &f : files) {
            int width = 0, height = 0, subsampling = 0, colorspace = 0;
            if (tjDecompressHeader3(tj, f.data(), f.size(), &width, &height, &subsampling, &colorspace) != 0)
                fail(std::string("tjDecompressHeader3: ") + tjGetErrorStr2(tj));
            const int w = width / denominator, h = height / denominator;
            if (tjDecompress2(tj, f.data(), f.size(), large.data(), w, 0, h, TJPF_RGB, 0) != 0)
                fail(std::string("tjDecompress2: ") + tjGetErrorStr2(tj));
        }
    };
    struct Variant {
        const char *name;
        std::function<void()> run;
    };
    const std::vector<Variant> variants = {
        {"codec_64", codec},
        {"turbojpeg_full", [&] { turbo(1); }},
        {"turbojpeg_quarter", [&] { turbo(4); }},
    };
    for (auto &v : variants) v.run();  // warm-up
    std::map<std::string, Series> series;
    for (int r = 0; r < rounds; ++r) {
        for (auto &v : variants) {
            const double start = now_seconds();
            v.run();
            const double seconds = now_seconds() - start;
            series[v.name].rates.push_back(images / seconds);
            std::printf("run decode %s round=%d seconds=%.4f images_per_s=%.1f\n", v.name, r + 1, seconds,
                        images / seconds);
        }
    }
    tjDestroy(tj);
    for (auto &v : variants) {
        const auto &s = series[v.name];
        std::printf("summary decode %s images=%d rounds=%zu median=%.1f best=%.1f\n", v.name, images, s.rates.size(),
                    s.median(), s.best());
    }
    return 0;
}

int positive(const char *text, const char *what) {
    const int value = std::atoi(text);
    if (value <= 0) fail(std::string(what) + " must be a positive number");
    return value;
}

}  // namespace

int main(int argc, char **argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode == "train") {
        const int images = argc > 2 ? positive(argv[2], "IMAGES") : 2048;
        const int epochs = argc > 3 ? positive(argv[3], "EPOCHS") : 7;
        if (images % 64 != 0) fail("IMAGES must be a multiple of 64 (no batch of one image for batch-norm)");
        return train_main(images, epochs);
    }
    if (mode == "decode" && argc > 2) {
        return decode_main(argv[2], argc > 3 ? positive(argv[3], "IMAGES") : 300,
                           argc > 4 ? positive(argv[4], "ROUNDS") : 7);
    }
    std::fprintf(stderr, "usage: automl-bench-trainer train [IMAGES [EPOCHS]]\n"
                         "       automl-bench-trainer decode DIR [IMAGES [ROUNDS]]\n");
    return 2;
}
