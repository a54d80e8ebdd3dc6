// Private to CImageCodec: what the format decoders, the resizer and the dispatcher share.
#ifndef AUTOML_IMAGE_CODEC_INTERNAL_H
#define AUTOML_IMAGE_CODEC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/// Writes a printf-style message into `message` (capacity `capacity`), truncating it; does nothing when `message`
/// is NULL or `capacity` is 0.
void aic_set_message(char *message, size_t capacity, const char *format, ...)
#if defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/// Returns AIC_TOO_LARGE with its message when `width × height` exceeds `max_pixels`, AIC_OK otherwise.
int32_t aic_check_pixel_cap(int64_t width, int64_t height, int64_t max_pixels, char *message, size_t capacity);

/// Decodes a JPEG (already recognised by its signature). With `out` NULL only validates: the whole scan is
/// entropy-decoded, at the smallest DCT scale, and nothing is resized.
int32_t aic_jpeg_decode(const uint8_t *bytes, size_t length, int32_t size, int64_t max_pixels, uint8_t *out,
                        int32_t *width, int32_t *height, char *message, size_t capacity);

/// Decodes a PNG (already recognised by its signature). With `out` NULL only validates (full decode, no resize).
int32_t aic_png_decode(const uint8_t *bytes, size_t length, int32_t size, int64_t max_pixels, uint8_t *out,
                       int32_t *width, int32_t *height, char *message, size_t capacity);

/// Resizes an RGB image (rows `source_stride` bytes apart) to `target_width × target_height` packed RGB with an
/// area (box) filter: each output pixel is the coverage-weighted mean of the source pixels under it. Works in both
/// directions. Returns 0, or -1 when it cannot allocate its scratch memory.
int aic_resize_area(const uint8_t *source, int32_t source_width, int32_t source_height, size_t source_stride,
                    uint8_t *target, int32_t target_width, int32_t target_height);

#endif
