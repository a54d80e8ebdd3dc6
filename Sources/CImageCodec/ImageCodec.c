// The public entry points: argument checks and dispatch on the file signature to the JPEG or PNG decoder.
#include "ImageCodec.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "CodecInternal.h"

/// The largest output square aic_decode_rgb accepts (the caller's buffer is size × size × 3 bytes).
enum { AIC_MAX_OUTPUT_SIZE = 16384 };

enum ImageKind { IMAGE_UNKNOWN, IMAGE_JPEG, IMAGE_PNG };

static enum ImageKind image_kind(const uint8_t *bytes, size_t length) {
    static const uint8_t png_signature[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    if (bytes == NULL) return IMAGE_UNKNOWN;
    if (length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF) return IMAGE_JPEG;
    if (length >= sizeof png_signature && memcmp(bytes, png_signature, sizeof png_signature) == 0) return IMAGE_PNG;
    return IMAGE_UNKNOWN;
}

void aic_set_message(char *message, size_t capacity, const char *format, ...) {
    if (message == NULL || capacity == 0) return;
    va_list arguments;
    va_start(arguments, format);
    int written = vsnprintf(message, capacity, format, arguments);
    va_end(arguments);
    if (written < 0) message[0] = '\0';
}

int32_t aic_check_pixel_cap(int64_t width, int64_t height, int64_t max_pixels, char *message, size_t capacity) {
    if (width * height <= max_pixels) return AIC_OK;
    // "\xC3\x97" is U+00D7 MULTIPLICATION SIGN in UTF-8.
    aic_set_message(message, capacity, "image is %lld\xC3\x97%lld pixels; the limit is %lld", (long long)width,
                    (long long)height, (long long)max_pixels);
    return AIC_TOO_LARGE;
}

static void clear_outputs(int32_t *width, int32_t *height, char *message, size_t capacity) {
    if (width != NULL) *width = 0;
    if (height != NULL) *height = 0;
    if (message != NULL && capacity > 0) message[0] = '\0';
}

static int32_t check_common_arguments(const uint8_t *bytes, size_t length, int64_t max_pixels, char *message,
                                      size_t capacity) {
    if (bytes == NULL && length > 0) {
        aic_set_message(message, capacity, "invalid argument: no image bytes");
        return AIC_INTERNAL;
    }
    if (max_pixels <= 0) {
        aic_set_message(message, capacity, "invalid argument: the pixel limit must be positive");
        return AIC_INTERNAL;
    }
    return AIC_OK;
}

static int32_t report_unsupported(size_t length, char *message, size_t capacity) {
    if (length == 0) {
        aic_set_message(message, capacity, "the image is empty");
    } else {
        aic_set_message(message, capacity, "not a JPEG or PNG image");
    }
    return AIC_UNSUPPORTED;
}

int32_t aic_decode_rgb(const uint8_t *bytes, size_t length, int32_t size, int64_t max_pixels, uint8_t *out,
                       int32_t *width, int32_t *height, char *message, size_t message_capacity) {
    clear_outputs(width, height, message, message_capacity);
    int32_t status = check_common_arguments(bytes, length, max_pixels, message, message_capacity);
    if (status != AIC_OK) return status;
    if (size <= 0 || size > AIC_MAX_OUTPUT_SIZE || out == NULL) {
        aic_set_message(message, message_capacity, "invalid argument: the output size must be 1 to %d with a buffer",
                        AIC_MAX_OUTPUT_SIZE);
        return AIC_INTERNAL;
    }
    switch (image_kind(bytes, length)) {
    case IMAGE_JPEG:
        return aic_jpeg_decode(bytes, length, size, max_pixels, out, width, height, message, message_capacity);
    case IMAGE_PNG:
        return aic_png_decode(bytes, length, size, max_pixels, out, width, height, message, message_capacity);
    default:
        return report_unsupported(length, message, message_capacity);
    }
}

int32_t aic_validate(const uint8_t *bytes, size_t length, int64_t max_pixels, int32_t *width, int32_t *height,
                     char *message, size_t message_capacity) {
    clear_outputs(width, height, message, message_capacity);
    int32_t status = check_common_arguments(bytes, length, max_pixels, message, message_capacity);
    if (status != AIC_OK) return status;
    switch (image_kind(bytes, length)) {
    case IMAGE_JPEG:
        return aic_jpeg_decode(bytes, length, 0, max_pixels, NULL, width, height, message, message_capacity);
    case IMAGE_PNG:
        return aic_png_decode(bytes, length, 0, max_pixels, NULL, width, height, message, message_capacity);
    default:
        return report_unsupported(length, message, message_capacity);
    }
}

void aic_free(void *pointer) { free(pointer); }
