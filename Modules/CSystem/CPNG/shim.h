#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

/* libpng reports errors by longjmp, which Swift cannot catch; this wrapper owns the setjmp
   and turns an error into a return code. The encoded file is returned in a malloc'd buffer
   that the caller frees. */

typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
} BackpropPNGBuffer;

static void backprop_png_append(png_structp png, png_bytep bytes, png_size_t length) {
    BackpropPNGBuffer *buffer = (BackpropPNGBuffer *)png_get_io_ptr(png);
    if (buffer->size + length > buffer->capacity) {
        size_t capacity = buffer->capacity ? buffer->capacity : 65536;
        while (capacity < buffer->size + length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(buffer->data, capacity);
        if (!grown) png_error(png, "out of memory");
        buffer->data = grown;
        buffer->capacity = capacity;
    }
    memcpy(buffer->data + buffer->size, bytes, length);
    buffer->size += length;
}

static void backprop_png_flush(png_structp png) { (void)png; }

/* Encodes 8-bit RGBA rows (stride bytes apart) with text chunks; returns 0 on success. */
static inline int backprop_png_encode(const unsigned char *rgba, int width, int height, int stride,
                                      const char *const *keys, const char *const *values, int textCount,
                                      int compressionLevel, BackpropPNGBuffer *out) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!png) return 1;
    png_infop info = png_create_info_struct(png);
    if (!info) { png_destroy_write_struct(&png, NULL); return 1; }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        free(out->data);
        out->data = NULL;
        out->size = out->capacity = 0;
        return 2;
    }
    png_set_write_fn(png, out, backprop_png_append, backprop_png_flush);
    png_set_compression_level(png, compressionLevel);
    png_set_IHDR(png, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB_ALPHA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_text texts[8];
    int count = textCount < 8 ? textCount : 8;
    for (int i = 0; i < count; i++) {
        texts[i].compression = PNG_TEXT_COMPRESSION_NONE;
        texts[i].key = (png_charp)keys[i];
        texts[i].text = (png_charp)values[i];
        texts[i].text_length = strlen(values[i]);
        texts[i].itxt_length = 0;
        texts[i].lang = NULL;
        texts[i].lang_key = NULL;
    }
    if (count > 0) png_set_text(png, info, texts, count);
    png_write_info(png, info);
    for (int row = 0; row < height; row++) png_write_row(png, (png_const_bytep)(rgba + (size_t)row * stride));
    png_write_end(png, info);
    png_destroy_write_struct(&png, &info);
    return 0;
}
