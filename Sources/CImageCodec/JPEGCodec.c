// JPEG decoding and encoding over TurboJPEG's tj* API.
#include "ImageCodec.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "CodecInternal.h"

/// Decoder flags: any libjpeg warning (a premature end of data, extraneous bytes, a bad Huffman code) stops the
/// decode and is reported, so a truncated file is never accepted with grey filler; progressive files with absurd
/// numbers of scans are refused.
static const int decode_flags = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS;

/// The DCT scaling factor (≤ 1) giving the smallest image whose sides are both at least `size`; 1/1 when `size`
/// is 0 or the image is already smaller. With `size` < 0 the smallest factor available.
static tjscalingfactor choose_scale(int width, int height, int size) {
    tjscalingfactor best = {1, 1};
    if (size == 0) return best;
    int count = 0;
    tjscalingfactor *factors = tjGetScalingFactors(&count);
    if (factors == NULL) return best;
    long long best_area = (long long)width * height;
    for (int index = 0; index < count; index++) {
        tjscalingfactor factor = factors[index];
        if (factor.num <= 0 || factor.num > factor.denom) continue;
        int scaled_width = TJSCALED(width, factor);
        int scaled_height = TJSCALED(height, factor);
        if (size > 0 && (scaled_width < size || scaled_height < size)) continue;
        long long area = (long long)scaled_width * scaled_height;
        if (area < best_area) {
            best = factor;
            best_area = area;
        }
    }
    return best;
}

/// Adobe-style (inverted) CMYK, as libjpeg returns it, to RGB in place: a quick conversion without a colour profile.
static void cmyk_to_rgb(uint8_t *pixels, size_t count) {
    for (size_t index = 0; index < count; index++) {
        const uint8_t *cmyk = pixels + index * 4;
        unsigned key = cmyk[3];
        uint8_t red = (uint8_t)((cmyk[0] * key + 127) / 255);
        uint8_t green = (uint8_t)((cmyk[1] * key + 127) / 255);
        uint8_t blue = (uint8_t)((cmyk[2] * key + 127) / 255);
        uint8_t *rgb = pixels + index * 3;
        rgb[0] = red;
        rgb[1] = green;
        rgb[2] = blue;
    }
}

static int32_t report_corrupt(tjhandle handle, char *message, size_t capacity) {
    aic_set_message(message, capacity, "JPEG data is truncated or corrupt: %s", tjGetErrorStr2(handle));
    return AIC_CORRUPT;
}

int32_t aic_jpeg_decode(const uint8_t *bytes, size_t length, int32_t size, int64_t max_pixels, uint8_t *out,
                        int32_t *width, int32_t *height, char *message, size_t capacity) {
    if (length > ULONG_MAX) {
        aic_set_message(message, capacity, "JPEG data is too long");
        return AIC_TOO_LARGE;
    }
    tjhandle handle = tjInitDecompress();
    if (handle == NULL) {
        aic_set_message(message, capacity, "cannot create a JPEG decoder: %s", tjGetErrorStr2(NULL));
        return AIC_INTERNAL;
    }
    int32_t status = AIC_OK;
    uint8_t *pixels = NULL;
    int image_width = 0, image_height = 0, subsampling = 0, colorspace = 0;
    if (tjDecompressHeader3(handle, bytes, (unsigned long)length, &image_width, &image_height, &subsampling,
                            &colorspace) != 0) {
        aic_set_message(message, capacity, "JPEG header is corrupt: %s", tjGetErrorStr2(handle));
        status = AIC_CORRUPT;
        goto done;
    }
    if (width != NULL) *width = image_width;
    if (height != NULL) *height = image_height;
    status = aic_check_pixel_cap(image_width, image_height, max_pixels, message, capacity);
    if (status != AIC_OK) goto done;

    // Validation needs the whole scan entropy-decoded, not the full-size pixels: the smallest scale does that.
    tjscalingfactor scale = choose_scale(image_width, image_height, out == NULL ? -1 : size);
    int scaled_width = TJSCALED(image_width, scale);
    int scaled_height = TJSCALED(image_height, scale);
    int is_cmyk = colorspace == TJCS_CMYK || colorspace == TJCS_YCCK;
    int pixel_format = is_cmyk ? TJPF_CMYK : TJPF_RGB;
    size_t pixel_size = is_cmyk ? 4 : 3;
    pixels = malloc((size_t)scaled_width * (size_t)scaled_height * pixel_size);
    if (pixels == NULL) {
        aic_set_message(message, capacity, "out of memory for a %d\xC3\x97%d JPEG", scaled_width, scaled_height);
        status = AIC_INTERNAL;
        goto done;
    }
    if (tjDecompress2(handle, bytes, (unsigned long)length, pixels, scaled_width, 0, scaled_height, pixel_format,
                      decode_flags) != 0) {
        status = report_corrupt(handle, message, capacity);
        goto done;
    }
    if (out == NULL) goto done;
    if (is_cmyk) cmyk_to_rgb(pixels, (size_t)scaled_width * (size_t)scaled_height);
    if (aic_resize_area(pixels, scaled_width, scaled_height, (size_t)scaled_width * 3, out, size, size) != 0) {
        aic_set_message(message, capacity, "out of memory while resizing a JPEG");
        status = AIC_INTERNAL;
    }
done:
    free(pixels);
    tjDestroy(handle);
    return status;
}

int32_t aic_encode_jpeg(const uint8_t *rgb, int32_t width, int32_t height, int32_t quality, uint8_t **out,
                        size_t *out_length, char *message, size_t message_capacity) {
    if (message != NULL && message_capacity > 0) message[0] = '\0';
    if (out != NULL) *out = NULL;
    if (out_length != NULL) *out_length = 0;
    if (rgb == NULL || out == NULL || out_length == NULL || width <= 0 || height <= 0 || width > 65500 ||
        height > 65500 || quality < 1 || quality > 100) {
        aic_set_message(message, message_capacity,
                        "invalid argument: need pixels, 1 to 65500 pixels a side and a quality from 1 to 100");
        return AIC_INTERNAL;
    }
    // 4:4:4 keeps colour edges sharp at high quality; 4:2:0 is the usual choice below.
    int subsampling = quality >= 90 ? TJSAMP_444 : TJSAMP_420;
    unsigned long capacity = tjBufSize(width, height, subsampling);
    if (capacity == (unsigned long)-1) {
        aic_set_message(message, message_capacity, "the image is too large to encode");
        return AIC_TOO_LARGE;
    }
    // A malloc'd buffer of the worst-case size, never reallocated by TurboJPEG, so aic_free (free) releases it.
    uint8_t *buffer = malloc(capacity);
    if (buffer == NULL) {
        aic_set_message(message, message_capacity, "out of memory for a %d\xC3\x97%d JPEG", width, height);
        return AIC_INTERNAL;
    }
    tjhandle handle = tjInitCompress();
    if (handle == NULL) {
        free(buffer);
        aic_set_message(message, message_capacity, "cannot create a JPEG encoder: %s", tjGetErrorStr2(NULL));
        return AIC_INTERNAL;
    }
    unsigned char *jpeg = buffer;
    unsigned long jpeg_length = capacity;
    int result = tjCompress2(handle, rgb, width, 0, height, TJPF_RGB, &jpeg, &jpeg_length, subsampling, quality,
                             TJFLAG_NOREALLOC);
    if (result != 0) {
        aic_set_message(message, message_capacity, "JPEG encoding failed: %s", tjGetErrorStr2(handle));
        tjDestroy(handle);
        free(buffer);
        return AIC_INTERNAL;
    }
    tjDestroy(handle);
    *out = jpeg;
    *out_length = jpeg_length;
    return AIC_OK;
}
