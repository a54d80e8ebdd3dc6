// PNG decoding over libpng's simplified png_image API, which reports errors in the image structure instead of
// longjmp-ing into the caller, and converts grayscale, palette, 16-bit and alpha inputs to 8-bit RGB.
#include "ImageCodec.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

#include "CodecInternal.h"

static int32_t report_corrupt(png_image *image, char *message, size_t capacity) {
    aic_set_message(message, capacity, "PNG is corrupt: %s", image->message[0] != '\0' ? image->message : "unknown");
    return AIC_CORRUPT;
}

int32_t aic_png_decode(const uint8_t *bytes, size_t length, int32_t size, int64_t max_pixels, uint8_t *out,
                       int32_t *width, int32_t *height, char *message, size_t capacity) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (png_image_begin_read_from_memory(&image, bytes, length) == 0) {
        int32_t status = report_corrupt(&image, message, capacity);
        png_image_free(&image);
        return status;
    }
    if (image.width > INT32_MAX || image.height > INT32_MAX) {
        png_image_free(&image);
        aic_set_message(message, capacity, "PNG is corrupt: its size is out of range");
        return AIC_CORRUPT;
    }
    if (width != NULL) *width = (int32_t)image.width;
    if (height != NULL) *height = (int32_t)image.height;
    int32_t status = aic_check_pixel_cap(image.width, image.height, max_pixels, message, capacity);
    if (status != AIC_OK) {
        png_image_free(&image);
        return status;
    }
    image.format = PNG_FORMAT_RGB;
    size_t stride = (size_t)image.width * 3;
    uint8_t *pixels = malloc(stride * image.height);
    if (pixels == NULL) {
        png_image_free(&image);
        aic_set_message(message, capacity, "out of memory for a %u\xC3\x97%u PNG", image.width, image.height);
        return AIC_INTERNAL;
    }
    // Alpha is composited over black (the contract); the background is only used when the input has alpha.
    png_color black = {0, 0, 0};
    if (png_image_finish_read(&image, &black, pixels, (png_int_32)stride, NULL) == 0) {
        status = report_corrupt(&image, message, capacity);
    } else if (out != NULL &&
               aic_resize_area(pixels, (int32_t)image.width, (int32_t)image.height, stride, out, size, size) != 0) {
        aic_set_message(message, capacity, "out of memory while resizing a PNG");
        status = AIC_INTERNAL;
    }
    // finish_read frees libpng's state on success and failure alike; png_image_free is then a no-op.
    png_image_free(&image);
    free(pixels);
    return status;
}
