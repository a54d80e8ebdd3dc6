// ImageCodec: JPEG (TurboJPEG) and PNG (libpng) decoding to small RGB squares, and JPEG encoding.
// Plain C; used by the local backend's import (to reject undecodable images row by row) and by
// `automl-trainer`. Never aborts on bad input: every failure is a return code and a message.
#ifndef AUTOML_IMAGE_CODEC_H
#define AUTOML_IMAGE_CODEC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    AIC_OK = 0,
    AIC_UNSUPPORTED = 1,   ///< neither JPEG nor PNG
    AIC_CORRUPT = 2,       ///< the decoder rejected the data (truncated, bad markers, bad CRC...)
    AIC_TOO_LARGE = 3,     ///< width × height above max_pixels
    AIC_INTERNAL = 4,      ///< out of memory or another failure that is not the image's fault
};

/// Decodes a JPEG or PNG image and resizes it to `size × size` RGB (HWC, 8-bit) into `out`
/// (size*size*3 bytes), stretching to the square (no aspect-ratio crop) with an area (box) filter;
/// JPEG uses TurboJPEG's DCT scaling first when the image is much larger than `size`.
/// Grayscale, palette, 16-bit and alpha inputs become RGB (alpha composited over black).
/// `width`/`height` receive the original dimensions (may be NULL). On failure returns an AIC_* code
/// and writes a NUL-terminated message (no path, no secrets) into `message` (capacity `message_capacity`).
/// `size` must be 1–16384 and `max_pixels` positive (else AIC_INTERNAL). Any libjpeg warning (premature end of
/// data, extraneous bytes, a bad Huffman code) is AIC_CORRUPT; a PNG whose image data is complete is accepted even
/// if its IEND chunk is missing. Thread-safe: no shared state.
int32_t aic_decode_rgb(const uint8_t *bytes, size_t length, int32_t size, int64_t max_pixels,
                       uint8_t *out, int32_t *width, int32_t *height,
                       char *message, size_t message_capacity);

/// Checks that an image decodes fully (the whole scan, not only the header) without resizing.
/// Same return codes and message as aic_decode_rgb. (A JPEG is entropy-decoded in full at TurboJPEG's smallest DCT
/// scale, which finds the same errors as a full-size decode in about half the time.)
int32_t aic_validate(const uint8_t *bytes, size_t length, int64_t max_pixels,
                     int32_t *width, int32_t *height, char *message, size_t message_capacity);

/// Encodes RGB (HWC, 8-bit) as a baseline JPEG. `*out` is allocated with malloc (free it with aic_free).
int32_t aic_encode_jpeg(const uint8_t *rgb, int32_t width, int32_t height, int32_t quality,
                        uint8_t **out, size_t *out_length, char *message, size_t message_capacity);

void aic_free(void *pointer);

#ifdef __cplusplus
}
#endif

#endif
