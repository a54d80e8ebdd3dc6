// In-memory datasets: one contiguous uint8 buffer of HWC images, multi-hot targets and boxes.
#include "Internal.h"

#include <cmath>
#include <limits>

namespace amt {

const AMTDataset &checked(const AMTDataset *dataset) {
    require(dataset != nullptr, "dataset is NULL");
    return *dataset;
}

torch::Tensor dataset_images(const AMTDataset &d) {
    return torch::from_blob(const_cast<uint8_t *>(d.pixels.data()), {d.count, d.size, d.size, 3},
                            torch::kUInt8);
}

torch::Tensor dataset_targets(const AMTDataset &d) {
    return torch::from_blob(const_cast<float *>(d.targets.data()), {d.count, d.num_labels},
                            torch::kFloat32);
}

torch::Tensor load_batch(const torch::Tensor &images, const torch::Tensor &index) {
    return images.index_select(0, index)
        .permute({0, 3, 1, 2})
        .to(torch::kFloat32)
        .mul_(1.0f / 255.0f)
        .contiguous();
}

torch::Tensor image_from_rgb(const uint8_t *rgb, int32_t size) {
    require(rgb != nullptr, "image pointer is NULL");
    require(size > 0 && size <= 8192, "image size must be 1...8192, got " + std::to_string(size));
    auto view = torch::from_blob(const_cast<uint8_t *>(rgb), {1, size, size, 3}, torch::kUInt8);
    return view.permute({0, 3, 1, 2}).to(torch::kFloat32).mul_(1.0f / 255.0f).contiguous();
}

void recalibrate_bn(const std::vector<std::pair<torch::Tensor, torch::Tensor>> &stats,
                    const AMTDataset &dataset, int32_t max_images,
                    const std::function<void(const torch::Tensor &, double)> &forward) {
    require(max_images >= 0, "max_images must not be negative");
    int64_t n = std::min<int64_t>(dataset.count, max_images);
    if (stats.empty() || n < 2) return;  // nothing to estimate from (a batch of 1 has no variance)
    torch::NoGradGuard no_grad;
    for (auto &s : stats) {
        s.first.zero_();
        s.second.fill_(1.0f);
    }
    auto images = dataset_images(dataset);
    // Evenly spread images, in batches of 64; a cumulative average (momentum 1/k) like PyTorch's
    // momentum=None. The last batch is merged into the previous one when it would hold one image.
    auto index = torch::linspace(0, static_cast<double>(dataset.count - 1), n, torch::kFloat64)
                     .round()
                     .to(torch::kInt64);
    const int64_t batch = 64;
    int64_t k = 0;
    for (int64_t start = 0; start < n;) {
        int64_t end = std::min(n, start + batch);
        if (n - end == 1) end = n;
        ++k;
        forward(load_batch(images, index.slice(0, start, end)), 1.0 / static_cast<double>(k));
        start = end;
    }
}

}  // namespace amt

using amt::guarded;
using amt::require;

extern "C" {

AMTDataset *amt_dataset_create(int32_t size, int32_t num_labels) {
    return guarded<AMTDataset *>(nullptr, [&] {
        require(size > 0 && size <= 4096, "image size must be 1...4096, got " + std::to_string(size));
        require(num_labels > 0 && num_labels <= 100000,
                "num_labels must be 1...100000, got " + std::to_string(num_labels));
        auto d = new AMTDataset();
        d->size = size;
        d->num_labels = num_labels;
        return d;
    });
}

int32_t amt_dataset_add(AMTDataset *dataset, const uint8_t *rgb) {
    return guarded<int32_t>(-1, [&] {
        require(dataset != nullptr, "dataset is NULL");
        require(rgb != nullptr, "image pointer is NULL");
        require(dataset->count < std::numeric_limits<int32_t>::max(), "dataset is full");
        const size_t bytes = static_cast<size_t>(dataset->size) * dataset->size * 3;
        dataset->pixels.insert(dataset->pixels.end(), rgb, rgb + bytes);
        dataset->targets.resize(dataset->targets.size() + dataset->num_labels, 0.0f);
        dataset->boxes.emplace_back();
        return static_cast<int32_t>(dataset->count++);
    });
}

int32_t amt_dataset_set_targets(AMTDataset *dataset, int32_t index, const float *multi_hot) {
    return guarded<int32_t>(-1, [&] {
        require(dataset != nullptr, "dataset is NULL");
        require(multi_hot != nullptr, "targets pointer is NULL");
        require(index >= 0 && index < dataset->count,
                "image index " + std::to_string(index) + " out of range 0..<" +
                    std::to_string(dataset->count));
        for (int32_t i = 0; i < dataset->num_labels; ++i) {
            require(std::isfinite(multi_hot[i]) && multi_hot[i] >= 0.0f && multi_hot[i] <= 1.0f,
                    "target " + std::to_string(i) + " must be within 0...1");
        }
        std::copy(multi_hot, multi_hot + dataset->num_labels,
                  dataset->targets.begin() + static_cast<size_t>(index) * dataset->num_labels);
        return 0;
    });
}

int32_t amt_dataset_add_box(AMTDataset *dataset, int32_t index, int32_t label, float x_min,
                            float y_min, float x_max, float y_max) {
    return guarded<int32_t>(-1, [&] {
        require(dataset != nullptr, "dataset is NULL");
        require(index >= 0 && index < dataset->count,
                "image index " + std::to_string(index) + " out of range 0..<" +
                    std::to_string(dataset->count));
        require(label >= 0 && label < dataset->num_labels,
                "label " + std::to_string(label) + " out of range 0..<" +
                    std::to_string(dataset->num_labels));
        for (float v : {x_min, y_min, x_max, y_max}) {
            require(std::isfinite(v) && v >= -0.001f && v <= 1.001f,
                    "box coordinates must be within 0...1");
        }
        require(x_min < x_max && y_min < y_max, "box must have x_min < x_max and y_min < y_max");
        auto clamp = [](float v) { return std::min(1.0f, std::max(0.0f, v)); };
        dataset->boxes[index].push_back({label, clamp(x_min), clamp(y_min), clamp(x_max), clamp(y_max)});
        return 0;
    });
}

int32_t amt_dataset_count(const AMTDataset *dataset) {
    return guarded<int32_t>(-1, [&] { return static_cast<int32_t>(amt::checked(dataset).count); });
}

void amt_dataset_free(AMTDataset *dataset) { delete dataset; }

}  // extern "C"
