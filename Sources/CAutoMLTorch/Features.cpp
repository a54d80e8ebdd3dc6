// Fixed colour-invariant image features for the LINEAR_FEATURES family.
//
// Per pixel: the colour structure tensor (Sobel gradients of a blurred image, as outer products summed
// over channels, so any permutation or mixing of channels that keeps edges keeps the features),
// box-smoothed over 3×3. All filters are separable and applied as sums of shifted slices without
// padding (the map loses 3 pixels per border), which is much faster on CPU than depthwise convs. From it: edge strength sqrt(λ1), orientation (mod 180°, so the polarity of
// foreground against background does not matter) soft-binned into kBins channels, and corner strength
// sqrt(λ2). Each image is divided by its mean edge strength (contrast invariance), pooled over an 8×8
// grid (and 4×4, 2×2, 1×1 as averages of those cells) and square-rooted.
#include "Internal.h"

#include <cmath>

namespace amt {

namespace {
constexpr int64_t kBins = 8;
constexpr int64_t kGrid = 8;  // finest pooling grid; 4×4, 2×2 and 1×1 are averages of its cells
constexpr double kEps = 1e-6;
constexpr double kNormEps = 1e-3;
// Separable filters applied by shifted slices ("valid" borders: the map shrinks, nothing is padded).
const std::vector<double> kSmooth = {1.0 / 16, 4.0 / 16, 6.0 / 16, 4.0 / 16, 1.0 / 16};  // blur∘[1 2 1]
const std::vector<double> kDerive = {-1.0 / 8, -2.0 / 8, 0.0, 2.0 / 8, 1.0 / 8};         // blur∘[-1 0 1]
const std::vector<double> kBox = {1.0 / 3, 1.0 / 3, 1.0 / 3};

/// Σ taps[k]·x shifted by k along `dim`, skipping zero taps (taps[0] must be non-zero).
torch::Tensor filter(const torch::Tensor &x, int64_t dim, const std::vector<double> &taps) {
    const int64_t n = static_cast<int64_t>(taps.size());
    const int64_t length = x.size(dim) - n + 1;
    auto acc = x.narrow(dim, 0, length) * taps[0];
    for (int64_t k = 1; k < n; ++k)
        if (taps[k] != 0.0) acc = acc + x.narrow(dim, k, length) * taps[k];
    return acc;
}

/// A float list literal for TorchScript: every element round-trips and reads as a float, not an int.
std::string list_script(const std::vector<double> &v) {
    std::string s = "[";
    char buf[64];
    for (size_t i = 0; i < v.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%.17g", v[i]);
        std::string e = buf;
        if (e.find_first_of(".eEn") == std::string::npos) e += ".0";
        s += (i ? ", " : "") + e;
    }
    return s + "]";
}

/// cos (`sine` false) or sin of the doubled-angle orientation bin centres.
std::vector<double> bin_directions(bool sine) {
    std::vector<double> v;
    for (int64_t k = 0; k < kBins; ++k) {
        double phi = 2.0 * M_PI * static_cast<double>(k) / kBins;
        v.push_back(sine ? std::sin(phi) : std::cos(phi));
    }
    return v;
}
const std::vector<double> bin_cos = bin_directions(false);
const std::vector<double> bin_sin = bin_directions(true);
}  // namespace

int64_t FeatureExtractor::channels() const { return kBins + 1; }

int64_t FeatureExtractor::dimension() const {
    return channels() * (1 + 4 + 16 + kGrid * kGrid);
}

FeatureExtractor make_features(Store &, int64_t input_size) {
    FeatureExtractor f;
    f.size = input_size;
    return f;
}

torch::Tensor compute_features(const FeatureExtractor &, const torch::Tensor &x) {
    auto gx = filter(filter(x, 2, kSmooth), 3, kDerive);
    auto gy = filter(filter(x, 3, kSmooth), 2, kDerive);
    auto j = torch::stack({(gx * gx).sum(1), (gy * gy).sum(1), (gx * gy).sum(1)}, 1);
    j = filter(filter(j, 2, kBox), 3, kBox);
    auto jxx = j.select(1, 0), jyy = j.select(1, 1), jxy = j.select(1, 2);
    auto a = jxx - jyy, b = 2 * jxy;
    auto r = torch::sqrt(a * a + b * b + kEps);
    auto trace = jxx + jyy;
    auto strength = torch::sqrt((trace + r) * 0.5 + kEps);
    auto corner = torch::sqrt(torch::relu((trace - r) * 0.5) + kEps);
    auto c = a / r, s = b / r;
    std::vector<torch::Tensor> maps;
    for (int64_t k = 0; k < kBins; ++k) {
        auto v = torch::relu(c * bin_cos[k] + s * bin_sin[k]);
        maps.push_back(v * v * strength);
    }
    maps.push_back(corner);
    auto per_pixel = torch::stack(maps, 1) / (strength.mean({1, 2}, true).unsqueeze(1) + kNormEps);
    auto g8 = torch::adaptive_avg_pool2d(per_pixel, {kGrid, kGrid});
    auto g4 = torch::avg_pool2d(g8, {2, 2});
    auto g2 = torch::avg_pool2d(g8, {4, 4});
    auto g1 = g8.mean({2, 3});
    return torch::sqrt(torch::cat({g1, g2.flatten(1), g4.flatten(1), g8.flatten(1)}, 1) + kEps);
}

std::string features_script() {
    char buf[4096];
    std::snprintf(buf, sizeof buf,
        "    def filter(self, x: Tensor, dim: int, taps: List[float]) -> Tensor:\n"
        "        length = x.size(dim) - len(taps) + 1\n"
        "        acc = x.narrow(dim, 0, length) * taps[0]\n"
        "        for k in range(1, len(taps)):\n"
        "            if taps[k] != 0.0:\n"
        "                acc = acc + x.narrow(dim, k, length) * taps[k]\n"
        "        return acc\n"
        "\n"
        "    def features(self, x: Tensor) -> Tensor:\n"
        "        smooth = %s\n"
        "        derive = %s\n"
        "        box = %s\n"
        "        bin_cos = %s\n"
        "        bin_sin = %s\n"
        "        gx = self.filter(self.filter(x, 2, smooth), 3, derive)\n"
        "        gy = self.filter(self.filter(x, 3, smooth), 2, derive)\n"
        "        j = torch.stack([(gx * gx).sum(1), (gy * gy).sum(1), (gx * gy).sum(1)], 1)\n"
        "        j = self.filter(self.filter(j, 2, box), 3, box)\n"
        "        jxx = j.select(1, 0)\n"
        "        jyy = j.select(1, 1)\n"
        "        jxy = j.select(1, 2)\n"
        "        a = jxx - jyy\n"
        "        b = 2 * jxy\n"
        "        r = torch.sqrt(a * a + b * b + %.17g)\n"
        "        trace = jxx + jyy\n"
        "        strength = torch.sqrt((trace + r) * 0.5 + %.17g)\n"
        "        corner = torch.sqrt(torch.relu((trace - r) * 0.5) + %.17g)\n"
        "        c = a / r\n"
        "        s = b / r\n"
        "        maps: List[Tensor] = []\n"
        "        for k in range(%d):\n"
        "            v = torch.relu(c * bin_cos[k] + s * bin_sin[k])\n"
        "            maps.append(v * v * strength)\n"
        "        maps.append(corner)\n"
        "        per_pixel = torch.stack(maps, 1) / (strength.mean([1, 2], True).unsqueeze(1) + %.17g)\n"
        "        g8 = torch.adaptive_avg_pool2d(per_pixel, [%d, %d])\n"
        "        g4 = torch.avg_pool2d(g8, [2, 2])\n"
        "        g2 = torch.avg_pool2d(g8, [4, 4])\n"
        "        g1 = g8.mean([2, 3])\n"
        "        return torch.sqrt(torch.cat([g1, g2.flatten(1), g4.flatten(1), g8.flatten(1)], 1) + %.17g)\n",
        list_script(kSmooth).c_str(), list_script(kDerive).c_str(), list_script(kBox).c_str(),
        list_script(bin_cos).c_str(), list_script(bin_sin).c_str(), kEps, kEps, kEps, (int)kBins,
        kNormEps, (int)kGrid, (int)kGrid, kEps);
    return buf;
}

}  // namespace amt
