// An anchor-free centre-heatmap detector (CenterNet-like) at stride 4.
//
// Backbone: four stride-2 conv-BN-ReLU blocks (width, 2w, 4w, 8w: strides 2...16), a top-down path
// (conv at stride 16 → nearest upsample + stride-8 features → conv → upsample + stride-4 features),
// a conv-BN-ReLU trunk and one 1×1 output conv: num_labels heat logits, box size (w,h relative to the
// image) and centre offset (in grid cells) per stride-4 cell.
#include "Internal.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace amt {

namespace {
constexpr int64_t kHeaderKind = 2;  // file header: detector
constexpr int64_t kHeaderVersion = 1;
constexpr double kSizeWeight = 5.0;
constexpr double kOffsetWeight = 1.0;
constexpr float kMinOverlap = 0.7f;
}  // namespace

void validate_spec(const AMTDetectorSpec &s) {
    require(s.width >= 1 && s.width <= 512, "width must be 1...512, got " + std::to_string(s.width));
    require(s.input_size >= 16 && s.input_size <= 2048,
            "input_size must be 16...2048, got " + std::to_string(s.input_size));
    require(s.num_labels >= 1 && s.num_labels <= 10000,
            "num_labels must be 1...10000, got " + std::to_string(s.num_labels));
}

Detector::Detector(const AMTDetectorSpec &s) : spec(s) {
    validate_spec(spec);
    auto gen = make_generator(spec.seed);
    const int64_t w = spec.width;
    int64_t in = 3;
    for (int i = 0; i < 4; ++i) {
        int64_t out = w << i;
        down.push_back(make_conv_bn(store, "d" + std::to_string(i), in, out, 3, 2, gen));
        in = out;
    }
    up8 = make_conv_bn(store, "u8", 8 * w, 4 * w, 3, 1, gen);
    up4 = make_conv_bn(store, "u4", 4 * w, 2 * w, 3, 1, gen);
    head = make_conv_bn(store, "hd", 2 * w, 2 * w, 3, 1, gen);
    const int64_t outs = spec.num_labels + 4;
    out_w = store.param("out_w", torch::randn({outs, 2 * w, 1, 1}, gen) * 0.01, true);
    auto bias = torch::zeros({outs});
    bias.slice(0, 0, spec.num_labels).fill_(-2.19f);  // prior probability 0.1 for a centre
    bias.slice(0, spec.num_labels, spec.num_labels + 2).fill_(0.2f);
    bias.slice(0, spec.num_labels + 2, outs).fill_(0.5f);
    out_b = store.param("out_b", bias, false);
}

torch::Tensor Detector::forward(const torch::Tensor &input, double momentum) const {
    auto x = prepare_input(input, spec.input_size);
    auto s2 = conv_bn_relu(down[0], x, momentum);
    auto s4 = conv_bn_relu(down[1], s2, momentum);
    auto s8 = conv_bn_relu(down[2], s4, momentum);
    auto s16 = conv_bn_relu(down[3], s8, momentum);
    auto t = torch::upsample_nearest2d(conv_bn_relu(up8, s16, momentum), {s8.size(2), s8.size(3)}) + s8;
    t = torch::upsample_nearest2d(conv_bn_relu(up4, t, momentum), {s4.size(2), s4.size(3)}) + s4;
    t = conv_bn_relu(head, t, momentum);
    return torch::conv2d(t, out_w, out_b);
}

namespace {

Detector &checked(AMTDetector *m) {
    require(m != nullptr, "detector is NULL");
    return *reinterpret_cast<Detector *>(m);
}
const Detector &checked(const AMTDetector *m) {
    require(m != nullptr, "detector is NULL");
    return *reinterpret_cast<const Detector *>(m);
}
AMTDetector *handle(Detector *m) { return reinterpret_cast<AMTDetector *>(m); }

std::vector<std::pair<torch::Tensor, torch::Tensor>> detector_bn(const Detector &m) {
    auto s = bn_stats(m.down);
    for (auto *l : {&m.up8, &m.up4, &m.head}) s.emplace_back(l->mean, l->var);
    return s;
}

/// CenterNet's radius: the largest corner shift that keeps IoU ≥ min_overlap with the true box.
float gaussian_radius(float h, float w, float min_overlap) {
    float b1 = h + w, c1 = w * h * (1 - min_overlap) / (1 + min_overlap);
    float r1 = (b1 + std::sqrt(b1 * b1 - 4 * c1)) / 2;
    float b2 = 2 * (h + w), c2 = (1 - min_overlap) * w * h;
    float r2 = (b2 + std::sqrt(b2 * b2 - 16 * c2)) / 2;
    float a3 = 4 * min_overlap, b3 = -2 * min_overlap * (h + w), c3 = (min_overlap - 1) * w * h;
    float r3 = (b3 + std::sqrt(b3 * b3 - 4 * a3 * c3)) / 2;
    return std::min({r1, r2, r3});
}

struct Targets {
    torch::Tensor heat, size, offset, mask;  // [B,C,G,G], [B,2,G,G], [B,2,G,G], [B,1,G,G]
};

/// Boxes of the batch after the geometric augmentation, drawn onto the output grid.
Targets build_targets(const AMTDataset &d, const torch::Tensor &index, const Geometry &g,
                      int64_t classes, int64_t gh, int64_t gw) {
    const int64_t batch = index.size(0);
    Targets t;
    t.heat = torch::zeros({batch, classes, gh, gw});
    t.size = torch::zeros({batch, 2, gh, gw});
    t.offset = torch::zeros({batch, 2, gh, gw});
    t.mask = torch::zeros({batch, 1, gh, gw});
    auto heat = t.heat.accessor<float, 4>();
    auto size = t.size.accessor<float, 4>();
    auto offset = t.offset.accessor<float, 4>();
    auto mask = t.mask.accessor<float, 4>();
    auto idx = index.accessor<int64_t, 1>();
    for (int64_t i = 0; i < batch; ++i) {
        for (const Box &b : d.boxes[idx[i]]) {
            // input (normalised -1...1) = scale * output + shift  →  output = (input - shift) / scale
            auto map = [](float rel, float scale, float shift) {
                return ((2 * rel - 1 - shift) / scale + 1) / 2;
            };
            float x0 = map(b.x_min, g.scale_x[i], g.shift_x[i]);
            float x1 = map(b.x_max, g.scale_x[i], g.shift_x[i]);
            float y0 = map(b.y_min, g.scale_y[i], g.shift_y[i]);
            float y1 = map(b.y_max, g.scale_y[i], g.shift_y[i]);
            if (x0 > x1) std::swap(x0, x1);
            if (y0 > y1) std::swap(y0, y1);
            const float full = (x1 - x0) * (y1 - y0);
            float cx0 = std::clamp(x0, 0.0f, 1.0f), cx1 = std::clamp(x1, 0.0f, 1.0f);
            float cy0 = std::clamp(y0, 0.0f, 1.0f), cy1 = std::clamp(y1, 0.0f, 1.0f);
            const float visible = (cx1 - cx0) * (cy1 - cy0);
            if (full <= 0 || visible < 0.4f * full) continue;  // mostly cropped away: not a target
            const float bw = cx1 - cx0, bh = cy1 - cy0;
            const float cx = (cx0 + cx1) / 2 * gw, cy = (cy0 + cy1) / 2 * gh;
            const int64_t ix = std::clamp<int64_t>(static_cast<int64_t>(cx), 0, gw - 1);
            const int64_t iy = std::clamp<int64_t>(static_cast<int64_t>(cy), 0, gh - 1);
            const int64_t radius = std::max<int64_t>(
                0, static_cast<int64_t>(gaussian_radius(bh * gh, bw * gw, kMinOverlap)));
            const float sigma = (2 * radius + 1) / 6.0f;
            for (int64_t y = std::max<int64_t>(0, iy - radius); y <= std::min(gh - 1, iy + radius); ++y) {
                for (int64_t x = std::max<int64_t>(0, ix - radius); x <= std::min(gw - 1, ix + radius); ++x) {
                    float dx = float(x - ix), dy = float(y - iy);
                    float v = std::exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                    float &h = heat[i][b.label][y][x];
                    h = std::max(h, v);
                }
            }
            heat[i][b.label][iy][ix] = 1.0f;
            size[i][0][iy][ix] = bw;
            size[i][1][iy][ix] = bh;
            offset[i][0][iy][ix] = cx - ix;
            offset[i][1][iy][ix] = cy - iy;
            mask[i][0][iy][ix] = 1.0f;
        }
    }
    return t;
}

torch::Tensor detection_loss(const torch::Tensor &out, const Targets &t, int64_t classes) {
    auto logits = out.slice(1, 0, classes);
    auto size = out.slice(1, classes, classes + 2);
    auto offset = out.slice(1, classes + 2, classes + 4);
    auto p = torch::sigmoid(logits).clamp(1e-4, 1 - 1e-4);
    auto pos = t.heat.eq(1.0f).to(torch::kFloat32);
    auto neg_weight = (1 - t.heat).pow(4) * (1 - pos);
    auto pos_term = (1 - p).pow(2) * torch::log_sigmoid(logits) * pos;
    auto neg_term = p.pow(2) * torch::log_sigmoid(-logits) * neg_weight;
    auto n = t.mask.sum().clamp_min(1.0);
    auto focal = -(pos_term.sum() + neg_term.sum()) / n;
    auto size_loss = ((size - t.size).abs() * t.mask).sum() / n;
    auto offset_loss = ((offset - t.offset).abs() * t.mask).sum() / n;
    return focal + kSizeWeight * size_loss + kOffsetWeight * offset_loss;
}

float iou(const AMTBox &a, const AMTBox &b) {
    float ix = std::max(0.0f, std::min(a.x_max, b.x_max) - std::max(a.x_min, b.x_min));
    float iy = std::max(0.0f, std::min(a.y_max, b.y_max) - std::max(a.y_min, b.y_min));
    float inter = ix * iy;
    float uni = (a.x_max - a.x_min) * (a.y_max - a.y_min) + (b.x_max - b.x_min) * (b.y_max - b.y_min) - inter;
    return uni > 0 ? inter / uni : 0.0f;
}

}  // namespace

}  // namespace amt

using namespace amt;

extern "C" {

AMTDetector *amt_detector_create(const AMTDetectorSpec *spec) {
    return guarded<AMTDetector *>(nullptr, [&] {
        require(spec != nullptr, "spec is NULL");
        return handle(new Detector(*spec));
    });
}

AMTDetector *amt_detector_clone(const AMTDetector *model) {
    return guarded<AMTDetector *>(nullptr, [&] {
        const auto &m = checked(model);
        auto copy = std::make_unique<Detector>(m.spec);
        copy->store.copy_from(m.store);
        return handle(copy.release());
    });
}

void amt_detector_get_spec(const AMTDetector *model, AMTDetectorSpec *out) {
    guarded<int32_t>(-1, [&] {
        require(out != nullptr, "out is NULL");
        *out = checked(model).spec;
        return 0;
    });
}

int32_t amt_detector_train_epoch(AMTDetector *model, const AMTDataset *dataset,
                                 const AMTTrainOptions *options, const volatile int32_t *cancel,
                                 float *mean_loss) {
    return guarded<int32_t>(-1, [&]() -> int32_t {
        auto &m = checked(model);
        const auto &d = amt::checked(dataset);
        require(options != nullptr, "options is NULL");
        require(options->batch_size >= 2 && options->batch_size <= 4096,
                "batch_size must be 2...4096, got " + std::to_string(options->batch_size));
        require((options->augment & ~0xF) == 0, "unknown augment bits");
        require(d.num_labels == m.spec.num_labels,
                "dataset has " + std::to_string(d.num_labels) + " labels, detector " +
                    std::to_string(m.spec.num_labels));
        require(d.count >= 2, "training needs at least 2 images");
        m.optimizer.prepare(m.store, options->learning_rate, options->weight_decay);
        auto &adam = *m.optimizer.adam;
        auto gen = make_generator(options->seed);
        auto order = torch::randperm(d.count, gen, torch::kInt64);
        auto images = dataset_images(d);
        const int64_t classes = m.spec.num_labels;
        double total = 0;
        int64_t seen = 0;
        int32_t status = 0;
        for (auto [start, end] : batch_ranges(d.count, options->batch_size)) {
            if (cancel != nullptr && *cancel != 0) {
                status = 1;
                break;
            }
            auto index = order.slice(0, start, end).contiguous();
            auto x = load_batch(images, index);
            auto geometry = sample_geometry(end - start, options->augment, gen, 0.75f, 1.15f, 0.1f);
            x = apply_color(apply_geometry(x, geometry), options->augment, gen);
            auto out = m.forward(x, kBNMomentum);
            auto targets = build_targets(d, index, geometry, classes, out.size(2), out.size(3));
            auto loss = detection_loss(out, targets, classes);
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

int32_t amt_detector_recalibrate(AMTDetector *model, const AMTDataset *dataset, int32_t max_images) {
    return guarded<int32_t>(-1, [&] {
        auto &m = checked(model);
        const auto &d = amt::checked(dataset);
        recalibrate_bn(detector_bn(m), d, max_images,
                       [&](const torch::Tensor &x, double momentum) { m.forward(x, momentum); });
        return 0;
    });
}

int32_t amt_detector_predict_one(AMTDetector *model, const uint8_t *rgb, int32_t size,
                                 float score_threshold, float nms_iou, int32_t max_boxes, AMTBox *out) {
    return guarded<int32_t>(-1, [&]() -> int32_t {
        auto &m = checked(model);
        require(max_boxes >= 0, "max_boxes must not be negative");
        require(out != nullptr || max_boxes == 0, "out is NULL");
        require(std::isfinite(score_threshold), "score_threshold must be finite");
        require(std::isfinite(nms_iou) && nms_iou > 0 && nms_iou <= 1, "nms_iou must be in (0, 1]");
        c10::InferenceMode guard;
        auto x = image_from_rgb(rgb, size);
        if (max_boxes == 0) return 0;
        auto raw = forward_eval(x, [&](const torch::Tensor &b) { return m.forward(b, kEval); })[0];
        const int64_t classes = m.spec.num_labels, gh = raw.size(1), gw = raw.size(2);
        auto heat = torch::sigmoid(raw.slice(0, 0, classes));
        auto peaks = heat * torch::max_pool2d(heat, {3, 3}, {1, 1}, {1, 1}).eq(heat);
        const int64_t k = std::min<int64_t>(classes * gh * gw, std::max<int64_t>(100, 4 * max_boxes));
        auto top = peaks.flatten().topk(k);
        auto scores = std::get<0>(top).contiguous();
        auto where = std::get<1>(top).contiguous();
        auto geo = raw.slice(0, classes, classes + 4).contiguous();
        auto g = geo.accessor<float, 3>();
        auto sc = scores.accessor<float, 1>();
        auto wh = where.accessor<int64_t, 1>();
        std::vector<AMTBox> candidates;
        for (int64_t i = 0; i < k; ++i) {
            if (!(sc[i] >= score_threshold) || sc[i] <= 0) break;  // sorted: the rest are lower
            const int64_t c = wh[i] / (gh * gw), cell = wh[i] % (gh * gw);
            const int64_t y = cell / gw, xcell = cell % gw;
            const float cx = (xcell + g[2][y][xcell]) / gw, cy = (y + g[3][y][xcell]) / gh;
            const float bw = std::max(0.0f, g[0][y][xcell]), bh = std::max(0.0f, g[1][y][xcell]);
            AMTBox b;
            b.label = static_cast<int32_t>(c);
            b.score = sc[i];
            b.x_min = std::clamp(cx - bw / 2, 0.0f, 1.0f);
            b.x_max = std::clamp(cx + bw / 2, 0.0f, 1.0f);
            b.y_min = std::clamp(cy - bh / 2, 0.0f, 1.0f);
            b.y_max = std::clamp(cy + bh / 2, 0.0f, 1.0f);
            candidates.push_back(b);
        }
        // Per-class greedy NMS; candidates are already sorted by score.
        std::vector<AMTBox> kept;
        for (const auto &b : candidates) {
            bool keep = true;
            for (const auto &k2 : kept) {
                if (k2.label == b.label && iou(k2, b) > nms_iou) {
                    keep = false;
                    break;
                }
            }
            if (keep) kept.push_back(b);
            if (static_cast<int32_t>(kept.size()) == max_boxes) break;
        }
        std::copy(kept.begin(), kept.end(), out);
        return static_cast<int32_t>(kept.size());
    });
}

int32_t amt_detector_save(const AMTDetector *model, const char *path) {
    return guarded<int32_t>(-1, [&] {
        const auto &m = checked(model);
        require(path != nullptr, "path is NULL");
        int64_t seed;
        std::memcpy(&seed, &m.spec.seed, sizeof seed);
        auto header = torch::tensor({kHeaderKind, kHeaderVersion, (int64_t)m.spec.width,
                                     (int64_t)m.spec.input_size, (int64_t)m.spec.num_labels, seed},
                                    torch::kInt64);
        save_store(path, header, m.store);
        return 0;
    });
}

AMTDetector *amt_detector_load(const char *path) {
    return guarded<AMTDetector *>(nullptr, [&] {
        require(path != nullptr, "path is NULL");
        auto file = open_store(path);
        auto h = file->header;
        require(h.numel() == 6 && h[0].item<int64_t>() == kHeaderKind,
                std::string("not a detector file: ") + path);
        require(h[1].item<int64_t>() == kHeaderVersion, "unsupported detector file version");
        AMTDetectorSpec spec{};
        spec.width = (int32_t)h[2].item<int64_t>();
        spec.input_size = (int32_t)h[3].item<int64_t>();
        spec.num_labels = (int32_t)h[4].item<int64_t>();
        int64_t seed = h[5].item<int64_t>();
        std::memcpy(&spec.seed, &seed, sizeof seed);
        auto m = std::make_unique<Detector>(spec);
        load_store_values(*file, m->store);
        return handle(m.release());
    });
}

int32_t amt_detector_export_torchscript(const AMTDetector *model, const char *path) {
    return guarded<int32_t>(-1, [&] {
        require(path != nullptr, "path is NULL");
        export_detector(checked(model), path);
        return 0;
    });
}

void amt_detector_free(AMTDetector *model) { delete reinterpret_cast<Detector *>(model); }

}  // extern "C"
