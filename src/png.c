#line 3876 "book/20-vae.nw"
/* Generated from book/20-vae.nw; do not edit. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <png.h>
#include "gengs-internal.h"

/* the largest side of an image ggs_png_write_gray writes */
#define PNG_MAX_SIDE ((size_t)1 << 20)

#line 3891 "book/20-vae.nw"
FILE *ggs_atomic_open(char *tmp, size_t tmpsize, const char *path)
{
    FILE *f;
    int len = snprintf(tmp, tmpsize, "%s.tmp", path);
    if (len < 0 || (size_t)len >= tmpsize) {
        ggs_error(GGS_EINVAL, "ggs_atomic_open", "'%s': file name too long", path);
        return NULL;
    }
    f = fopen(tmp, "wb");
    if (f == NULL)
        ggs_error(GGS_EIO, "ggs_atomic_open", "cannot create '%s': %s", tmp,
                  strerror(errno));
    return f;
}
#line 3910 "book/20-vae.nw"
static void sync_directory(const char *path)
{
    char dir[4096];
    const char *slash = strrchr(path, '/');
    size_t len = slash == NULL ? 0 : (size_t)(slash - path);
    int fd;
    if (len >= sizeof dir)
        return;
    if (slash == NULL)
        strcpy(dir, ".");
    else if (len == 0)
        strcpy(dir, "/");
    else {
        memcpy(dir, path, len);
        dir[len] = '\0';
    }
    fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

int ggs_atomic_commit(FILE *f, const char *tmp, const char *path)
{
    int bad = ferror(f) || fflush(f) != 0 || fsync(fileno(f)) != 0;
    int saved = errno;
    if (fclose(f) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (!bad && rename(tmp, path) != 0) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        remove(tmp);
        return ggs_error(GGS_EIO, "ggs_atomic_commit", "cannot write '%s': %s", path,
                         strerror(saved));
    }
    sync_directory(path);
    return GGS_OK;
}
#line 3955 "book/20-vae.nw"
int ggs_png_write_gray(const char *path, const uint8_t *pix, size_t width, size_t height)
{
    static const char func[] = "ggs_png_write_gray";
    char tmp[4200];
    png_image im;
    FILE *f;
    if (width < 1 || height < 1 || width > PNG_MAX_SIDE || height > PNG_MAX_SIDE)
        return ggs_error(GGS_EINVAL, func, "'%s': bad size %zu x %zu", path, width, height);
    if ((f = ggs_atomic_open(tmp, sizeof tmp, path)) == NULL)
        return strlen(path) + sizeof ".tmp" > sizeof tmp ? GGS_EINVAL : GGS_EIO;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    im.width = (png_uint_32)width;
    im.height = (png_uint_32)height;
    im.format = PNG_FORMAT_GRAY;
    if (!png_image_write_to_stdio(&im, f, 0, pix, (png_int_32)width, NULL)) {
        int status = ferror(f) ? GGS_EIO : GGS_EINVAL;   /* a failed write, or libpng's refusal */
        fclose(f);
        remove(tmp);
        return ggs_error(status, func, "'%s': libpng: %s", path, im.message);
    }
    return ggs_atomic_commit(f, tmp, path);
}
