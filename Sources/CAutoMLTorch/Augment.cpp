// Batched, seeded augmentation on float tensors [B,3,H,W] in 0...1.
#include "Internal.h"

#include <cmath>

namespace amt {

namespace {

const float kLuma[3] = {0.299f, 0.587f, 0.114f};

/// The six 3×3 channel permutation matrices, [6,3,3].
torch::Tensor permutation_matrices() {
    static const int perms[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    auto m = torch::zeros({6, 3, 3});
    auto a = m.accessor<float, 3>();
    for (int p = 0; p < 6; ++p)
        for (int row = 0; row < 3; ++row) a[p][row][perms[p][row]] = 1.0f;
    return m;
}

torch::Tensor luma_rows() {  // every row is the luma weights: M·x gives gray in all channels
    return torch::tensor({kLuma[0], kLuma[1], kLuma[2]}).view({1, 3}).expand({3, 3}).contiguous();
}

}  // namespace

Geometry sample_geometry(int64_t batch, int32_t flags, at::Generator &gen, float min_scale,
                         float max_scale, float max_shift) {
    Geometry g;
    g.scale_x.assign(batch, 1.0f);
    g.scale_y.assign(batch, 1.0f);
    g.shift_x.assign(batch, 0.0f);
    g.shift_y.assign(batch, 0.0f);
    if (flags & AMT_AUGMENT_FLIP) {
        auto r = torch::rand({batch}, gen);
        auto a = r.accessor<float, 1>();
        for (int64_t i = 0; i < batch; ++i) {
            if (a[i] < 0.5f) {
                g.scale_x[i] = -1.0f;
                g.any_flip = true;
            }
        }
    }
    if (flags & AMT_AUGMENT_CROP) {
        // Zoom by `scale` (< 1 crops in, > 1 pads out with edge pixels), then shift so that the
        // window stays within the image plus a margin of `max_shift` (in -1...1 units).
        auto r = torch::rand({batch, 4}, gen);
        auto a = r.accessor<float, 2>();
        for (int64_t i = 0; i < batch; ++i) {
            float s = min_scale + (max_scale - min_scale) * a[i][0];
            float aspect = std::exp((a[i][1] - 0.5f) * 0.2f);  // ±10% aspect change
            float sx = s * aspect, sy = s / aspect;
            float room_x = std::fabs(1.0f - sx) + max_shift;
            float room_y = std::fabs(1.0f - sy) + max_shift;
            g.scale_x[i] *= sx;
            g.scale_y[i] = sy;
            g.shift_x[i] = (2.0f * a[i][2] - 1.0f) * room_x;
            g.shift_y[i] = (2.0f * a[i][3] - 1.0f) * room_y;
        }
        g.any_affine = true;
    }
    return g;
}

torch::Tensor apply_geometry(const torch::Tensor &x, const Geometry &g) {
    const int64_t batch = x.size(0);
    if (g.any_affine) {
        auto theta = torch::zeros({batch, 2, 3});
        auto t = theta.accessor<float, 3>();
        for (int64_t i = 0; i < batch; ++i) {
            t[i][0][0] = g.scale_x[i];
            t[i][0][2] = g.shift_x[i];
            t[i][1][1] = g.scale_y[i];
            t[i][1][2] = g.shift_y[i];
        }
        auto grid = torch::affine_grid_generator(theta, x.sizes(), false);
        return torch::grid_sampler(x, grid, /*bilinear*/ 0, /*border*/ 1, false);
    }
    if (g.any_flip) {
        auto mask = torch::zeros({batch}, torch::kBool);
        auto m = mask.accessor<bool, 1>();
        for (int64_t i = 0; i < batch; ++i) m[i] = g.scale_x[i] < 0;
        return torch::where(mask.view({batch, 1, 1, 1}), x.flip({3}), x);
    }
    return x;
}

torch::Tensor apply_color(const torch::Tensor &x, int32_t flags, at::Generator &gen) {
    const bool color = flags & AMT_AUGMENT_COLOR;
    const bool gray = flags & AMT_AUGMENT_GRAYSCALE;
    if (!color && !gray) return x;
    const int64_t batch = x.size(0), h = x.size(2), w = x.size(3);
    auto eye = torch::eye(3).expand({batch, 3, 3});
    auto m = eye;
    auto luma = luma_rows();
    torch::Tensor contrast, brightness;
    if (color) {
        auto r = torch::rand({batch, 5}, gen);
        auto col = [&](int i) { return r.select(1, i).view({batch, 1, 1}); };
        // Channel permutation.
        auto which = (r.select(1, 0) * 6).floor().clamp_max(5).to(torch::kInt64);
        auto perm = permutation_matrices().index_select(0, which);
        // Hue: a rotation about the gray axis by up to ±60°.
        auto angle = (col(1) * 2 - 1) * static_cast<float>(M_PI / 3.0);
        auto k = torch::full({3, 1}, 1.0f / std::sqrt(3.0f));
        auto kkt = k.matmul(k.t());
        auto cross = torch::tensor({0.0f, -1.0f, 1.0f, 1.0f, 0.0f, -1.0f, -1.0f, 1.0f, 0.0f})
                         .view({3, 3}) / std::sqrt(3.0f);
        auto c = angle.cos(), s = angle.sin();
        auto hue = c * eye + s * cross + (1 - c) * kkt;
        // Saturation 0.6...1.4: blend with gray.
        auto sat = 0.6f + 0.8f * col(2);
        auto saturation = sat * eye + (1 - sat) * luma;
        m = saturation.bmm(hue).bmm(perm);
        contrast = (0.7f + 0.6f * col(3)).view({batch, 1, 1});
        brightness = (0.75f + 0.5f * col(4)).view({batch, 1, 1});
    }
    if (gray) {
        auto pick = (torch::rand({batch}, gen) < 0.2f).to(torch::kFloat32).view({batch, 1, 1});
        m = (pick * luma + (1 - pick) * eye).bmm(m);
    }
    auto y = m.bmm(x.reshape({batch, 3, h * w}));
    if (color) {
        auto mean_gray = luma.slice(0, 0, 1).view({1, 1, 3}).matmul(y.mean(2, true));  // [B,1,1]
        y = brightness * (contrast * y + (1 - contrast) * mean_gray);
    }
    return y.clamp_(0.0f, 1.0f).view({batch, 3, h, w});
}

}  // namespace amt
