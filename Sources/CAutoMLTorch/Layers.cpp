// Named parameter stores, conv-BN layers, the optimizer wrapper and the one-file save format.
#include "Internal.h"

#include <cmath>
#include <cstring>

namespace amt {

torch::Tensor Store::param(const std::string &name, torch::Tensor value, bool weight_decay) {
    value = value.contiguous().set_requires_grad(true);
    params.emplace_back(name, value);
    decay.push_back(weight_decay);
    return value;
}

torch::Tensor Store::buffer(const std::string &name, torch::Tensor value) {
    buffers.emplace_back(name, value.contiguous());
    return buffers.back().second;
}

void Store::copy_from(const Store &other) {
    torch::NoGradGuard no_grad;
    require(params.size() == other.params.size() && buffers.size() == other.buffers.size(),
            "model layouts differ");
    for (size_t i = 0; i < params.size(); ++i) params[i].second.copy_(other.params[i].second);
    for (size_t i = 0; i < buffers.size(); ++i) buffers[i].second.copy_(other.buffers[i].second);
}

int64_t Store::parameter_count() const {
    int64_t n = 0;
    for (auto &p : params) n += p.second.numel();
    return n;
}

torch::Tensor kaiming(std::vector<int64_t> shape, int64_t fan_in, at::Generator &gen) {
    return torch::randn(shape, gen) * std::sqrt(2.0 / static_cast<double>(fan_in));
}

ConvBN make_conv_bn(Store &store, const std::string &name, int64_t in, int64_t out, int64_t kernel,
                    int64_t stride, at::Generator &gen) {
    ConvBN l;
    l.name = name;
    l.stride = stride;
    l.padding = kernel / 2;
    l.weight = store.param(name + "_w", kaiming({out, in, kernel, kernel}, in * kernel * kernel, gen),
                           true);
    l.gamma = store.param(name + "_g", torch::ones({out}), false);
    l.beta = store.param(name + "_b", torch::zeros({out}), false);
    l.mean = store.buffer(name + "_rm", torch::zeros({out}));
    l.var = store.buffer(name + "_rv", torch::ones({out}));
    return l;
}

torch::Tensor conv_bn_relu(const ConvBN &l, const torch::Tensor &x, double momentum) {
    auto y = torch::conv2d(x, l.weight, {}, {l.stride, l.stride}, {l.padding, l.padding});
    const bool train = momentum >= 0;
    y = torch::batch_norm(y, l.gamma, l.beta, l.mean, l.var, train, train ? momentum : 0.0, kBNEps,
                          true);
    return torch::relu_(y);
}

std::vector<std::pair<torch::Tensor, torch::Tensor>> bn_stats(const std::vector<ConvBN> &layers) {
    std::vector<std::pair<torch::Tensor, torch::Tensor>> s;
    for (auto &l : layers) s.emplace_back(l.mean, l.var);
    return s;
}

torch::Tensor forward_eval(const torch::Tensor &x,
                           const std::function<torch::Tensor(const torch::Tensor &)> &forward) {
    if (x.size(0) != 1) return forward(x);
    return forward(torch::cat({x, x}, 0)).slice(0, 0, 1);
}

torch::Tensor prepare_input(const torch::Tensor &x, int64_t size) {
    torch::Tensor y = x;
    if (x.size(2) != size || x.size(3) != size) y = torch::adaptive_avg_pool2d(x, {size, size});
    // Per-image standardisation: subtract each channel's mean, divide by the image's overall
    // standard deviation (floored, so flat images are not blown up). Removes the background colour
    // and the global contrast, which random-colour data otherwise has to learn away.
    auto centred = y - y.mean({2, 3}, true);
    auto scale = centred.pow(2).mean({1, 2, 3}, true).add(kStdFloor).sqrt();
    return centred / scale;
}

std::string prepare_input_script(int64_t size) {
    const std::string s = std::to_string(size);
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "        if x.size(2) != %s or x.size(3) != %s:\n"
                  "            x = torch.adaptive_avg_pool2d(x, [%s, %s])\n"
                  "        centred = x - x.mean([2, 3], True)\n"
                  "        scale = centred.pow(2).mean([1, 2, 3], True).add(%.17g).sqrt()\n"
                  "        x = centred / scale\n",
                  s.c_str(), s.c_str(), s.c_str(), s.c_str(), kStdFloor);
    return buf;
}

void Optimizer::prepare(Store &store, double new_lr, double new_decay) {
    require(std::isfinite(new_lr) && new_lr > 0, "learning_rate must be positive");
    require(std::isfinite(new_decay) && new_decay >= 0, "weight_decay must not be negative");
    if (!adam) {
        std::vector<torch::Tensor> with, without;
        for (size_t i = 0; i < store.params.size(); ++i)
            (store.decay[i] ? with : without).push_back(store.params[i].second);
        std::vector<torch::optim::OptimizerParamGroup> groups;
        groups.emplace_back(with, std::make_unique<torch::optim::AdamWOptions>(
                                      torch::optim::AdamWOptions(new_lr).weight_decay(new_decay)));
        groups.emplace_back(without, std::make_unique<torch::optim::AdamWOptions>(
                                         torch::optim::AdamWOptions(new_lr).weight_decay(0.0)));
        adam = std::make_unique<torch::optim::AdamW>(std::move(groups),
                                                     torch::optim::AdamWOptions(new_lr));
    } else if (new_lr != lr || new_decay != weight_decay) {
        // Keep the moment estimates (a schedule changes lr every epoch); only the options change.
        auto &groups = adam->param_groups();
        static_cast<torch::optim::AdamWOptions &>(groups[0].options()).lr(new_lr).weight_decay(new_decay);
        static_cast<torch::optim::AdamWOptions &>(groups[1].options()).lr(new_lr);
    }
    lr = new_lr;
    weight_decay = new_decay;
}

void save_store(const std::string &path, const torch::Tensor &header, const Store &store) {
    torch::serialize::OutputArchive archive;
    archive.write("header", header, true);
    for (auto &p : store.params) archive.write(p.first, p.second.detach(), true);
    for (auto &b : store.buffers) archive.write(b.first, b.second, true);
    archive.save_to(path);
}

std::unique_ptr<LoadedFile> open_store(const std::string &path) {
    auto file = std::make_unique<LoadedFile>();
    file->archive.load_from(path);
    require(file->archive.try_read("header", file->header, true),
            "not an AutoMLTorch model file: " + path);
    require(file->header.dim() == 1 && file->header.scalar_type() == torch::kInt64 &&
                file->header.numel() >= 2,
            "bad model header in " + path);
    return file;
}

void load_store_values(LoadedFile &file, Store &store) {
    torch::NoGradGuard no_grad;
    auto read = [&](std::pair<std::string, torch::Tensor> &entry) {
        torch::Tensor value;
        require(file.archive.try_read(entry.first, value, true), "model file lacks " + entry.first);
        require(value.sizes() == entry.second.sizes(), "shape of " + entry.first + " differs");
        entry.second.copy_(value);
    };
    for (auto &p : store.params) read(p);
    for (auto &b : store.buffers) read(b);
}

}  // namespace amt
