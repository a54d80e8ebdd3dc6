// Area (box) resampling of packed RGB images, separable: rows first, then columns.
#include <stdlib.h>
#include <string.h>

#include "CodecInternal.h"

/// For one axis, which source pixels each target pixel covers and with what weight. Target pixel `i` covers the
/// source interval [i·s/t, (i+1)·s/t); a source pixel's weight is the length of its overlap with that interval,
/// divided by the interval's length, so weights sum to 1.
typedef struct {
    int32_t *first;  ///< per target pixel: the first source pixel it covers
    int32_t *count;  ///< per target pixel: how many source pixels it covers
    float *weights;  ///< per target pixel: `stride` weights, `count` of them used
    int32_t stride;
} AxisWeights;

static void free_axis(AxisWeights *axis) {
    free(axis->first);
    free(axis->count);
    free(axis->weights);
}

/// The ceiling of a non-negative number (no libm needed).
static int32_t ceiling(double value) {
    int32_t whole = (int32_t)value;
    return whole < value ? whole + 1 : whole;
}

static int make_axis(AxisWeights *axis, int32_t source, int32_t target) {
    double scale = (double)source / (double)target;
    axis->stride = ceiling(scale) + 1;
    axis->first = malloc(sizeof(int32_t) * (size_t)target);
    axis->count = malloc(sizeof(int32_t) * (size_t)target);
    axis->weights = malloc(sizeof(float) * (size_t)target * (size_t)axis->stride);
    if (axis->first == NULL || axis->count == NULL || axis->weights == NULL) {
        free_axis(axis);
        return -1;
    }
    for (int32_t index = 0; index < target; index++) {
        double start = index * scale;
        double end = (index + 1) * scale;
        int32_t first = (int32_t)start;  // start ≥ 0: truncation is the floor
        int32_t last = ceiling(end) - 1;
        if (last >= source) last = source - 1;
        if (last - first + 1 > axis->stride) last = first + axis->stride - 1;
        float *weights = axis->weights + (size_t)index * (size_t)axis->stride;
        double total = 0;
        for (int32_t pixel = first; pixel <= last; pixel++) {
            double right = end < pixel + 1.0 ? end : pixel + 1.0;
            double left = start > pixel ? start : (double)pixel;
            double overlap = right - left;
            if (overlap < 0) overlap = 0;
            weights[pixel - first] = (float)overlap;
            total += overlap;
        }
        for (int32_t pixel = first; pixel <= last; pixel++) weights[pixel - first] /= (float)total;
        axis->first[index] = first;
        axis->count[index] = last - first + 1;
    }
    return 0;
}

static uint8_t to_byte(float value) {
    if (value <= 0.0f) return 0;
    if (value >= 255.0f) return 255;
    return (uint8_t)(value + 0.5f);
}

int aic_resize_area(const uint8_t *source, int32_t source_width, int32_t source_height, size_t source_stride,
                    uint8_t *target, int32_t target_width, int32_t target_height) {
    size_t target_stride = (size_t)target_width * 3;
    if (source_width == target_width && source_height == target_height) {
        for (int32_t row = 0; row < source_height; row++) {
            memcpy(target + (size_t)row * target_stride, source + (size_t)row * source_stride, target_stride);
        }
        return 0;
    }
    AxisWeights columns, rows;
    if (make_axis(&columns, source_width, target_width) != 0) return -1;
    if (make_axis(&rows, source_height, target_height) != 0) {
        free_axis(&columns);
        return -1;
    }
    // Every source row resized horizontally, as floats: source_height × target_width × 3.
    float *narrow = malloc(sizeof(float) * (size_t)source_height * target_stride);
    float *sum = malloc(sizeof(float) * target_stride);
    if (narrow == NULL || sum == NULL) {
        free(narrow);
        free(sum);
        free_axis(&columns);
        free_axis(&rows);
        return -1;
    }
    for (int32_t row = 0; row < source_height; row++) {
        const uint8_t *line = source + (size_t)row * source_stride;
        float *output = narrow + (size_t)row * target_stride;
        for (int32_t x = 0; x < target_width; x++) {
            const float *weights = columns.weights + (size_t)x * (size_t)columns.stride;
            const uint8_t *pixel = line + (size_t)columns.first[x] * 3;
            float red = 0, green = 0, blue = 0;
            for (int32_t tap = 0; tap < columns.count[x]; tap++, pixel += 3) {
                red += weights[tap] * pixel[0];
                green += weights[tap] * pixel[1];
                blue += weights[tap] * pixel[2];
            }
            output[x * 3] = red;
            output[x * 3 + 1] = green;
            output[x * 3 + 2] = blue;
        }
    }
    for (int32_t y = 0; y < target_height; y++) {
        const float *weights = rows.weights + (size_t)y * (size_t)rows.stride;
        memset(sum, 0, sizeof(float) * target_stride);
        for (int32_t tap = 0; tap < rows.count[y]; tap++) {
            const float *line = narrow + (size_t)(rows.first[y] + tap) * target_stride;
            float weight = weights[tap];
            for (size_t index = 0; index < target_stride; index++) sum[index] += weight * line[index];
        }
        uint8_t *output = target + (size_t)y * target_stride;
        for (size_t index = 0; index < target_stride; index++) output[index] = to_byte(sum[index]);
    }
    free(narrow);
    free(sum);
    free_axis(&columns);
    free_axis(&rows);
    return 0;
}
