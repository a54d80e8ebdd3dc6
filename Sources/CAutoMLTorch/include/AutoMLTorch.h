// AutoMLTorch: the libtorch core of `automl-trainer`, behind a plain C API so Swift can drive it.
//
// Conventions
// - Images are 8-bit RGB, row-major HWC, `size × size`, already decoded and resized by the caller.
// - Functions returning int32_t return 0 on success and -1 on failure; amt_last_error() then says why.
//   Functions returning a pointer return NULL on failure. Nothing throws across this boundary.
// - `cancel` arguments point at a flag the caller may set from another thread (or a signal handler);
//   long calls check it between batches and return 1 when they stopped because of it.
// - Everything is deterministic for a given seed and thread count.
#ifndef AUTOML_TORCH_H
#define AUTOML_TORCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct AMTDataset AMTDataset;
typedef struct AMTClassifier AMTClassifier;
typedef struct AMTDetector AMTDetector;

/// Process set-up, once, before anything else: torch threads, malloc tuning (mmap/trim thresholds).
void amt_runtime_configure(int32_t threads);

/// The last error message of the calling thread ("" when none). Valid until the next call on this thread.
const char *amt_last_error(void);

// ---- Datasets -------------------------------------------------------------------------------------

/// An empty in-memory dataset of `size × size` RGB images with `num_labels` classes.
AMTDataset *amt_dataset_create(int32_t size, int32_t num_labels);
/// Appends one image (size*size*3 bytes); returns its index, or -1.
int32_t amt_dataset_add(AMTDataset *dataset, const uint8_t *rgb);
/// Classification targets of one image: `num_labels` floats, 1 for each label it has, else 0.
int32_t amt_dataset_set_targets(AMTDataset *dataset, int32_t index, const float *multi_hot);
/// Adds one detection box to an image; coordinates relative to the image, 0...1.
int32_t amt_dataset_add_box(AMTDataset *dataset, int32_t index, int32_t label,
                            float x_min, float y_min, float x_max, float y_max);
int32_t amt_dataset_count(const AMTDataset *dataset);
void amt_dataset_free(AMTDataset *dataset);

// ---- Training options -----------------------------------------------------------------------------

enum {
    AMT_AUGMENT_FLIP = 1,         ///< random horizontal flip
    AMT_AUGMENT_CROP = 2,         ///< random crop with padding / small translation and scale
    AMT_AUGMENT_COLOR = 4,        ///< brightness, contrast, saturation and hue jitter, channel permutation
    AMT_AUGMENT_GRAYSCALE = 8,    ///< random grayscale
};

typedef struct {
    float learning_rate;
    float weight_decay;
    int32_t batch_size;
    int32_t augment;      ///< AMT_AUGMENT_* bits
    uint64_t seed;        ///< shuffling and augmentation of this epoch
} AMTTrainOptions;

// ---- Classifiers ----------------------------------------------------------------------------------

enum {
    AMT_FAMILY_CNN = 0,              ///< conv-BN-ReLU blocks, stride 2, global average pool, linear
    AMT_FAMILY_LINEAR_FEATURES = 1,  ///< fixed colour-invariant features (gradients, edges) + linear layer
};

typedef struct {
    int32_t family;       ///< AMT_FAMILY_*
    int32_t width;        ///< channels of the first block (CNN); ignored for LINEAR_FEATURES
    int32_t depth;        ///< number of blocks (CNN); ignored for LINEAR_FEATURES
    int32_t input_size;   ///< the model resizes its input to this size (area interpolation) when it differs
    int32_t num_labels;
    int32_t multi_label;  ///< 1: sigmoid + binary cross-entropy; 0: softmax + cross-entropy
    uint64_t seed;        ///< weight initialisation
} AMTClassifierSpec;

AMTClassifier *amt_classifier_create(const AMTClassifierSpec *spec);
/// A deep copy (to keep the best snapshot while training goes on).
AMTClassifier *amt_classifier_clone(const AMTClassifier *model);
void amt_classifier_get_spec(const AMTClassifier *model, AMTClassifierSpec *out);
int64_t amt_classifier_parameter_count(const AMTClassifier *model);
/// One epoch over `dataset` in a shuffled order (AdamW). 0 done, 1 cancelled, -1 error.
int32_t amt_classifier_train_epoch(AMTClassifier *model, const AMTDataset *dataset,
                                   const AMTTrainOptions *options, const volatile int32_t *cancel,
                                   float *mean_loss);
/// Recomputes batch-norm running statistics over up to `max_images` of `dataset` (no-op without BN).
int32_t amt_classifier_recalibrate(AMTClassifier *model, const AMTDataset *dataset, int32_t max_images);
/// Scores of every image: count × num_labels floats (softmax, or sigmoid when multi-label).
int32_t amt_classifier_predict(AMTClassifier *model, const AMTDataset *dataset, float *scores);
/// Scores of one image: num_labels floats.
int32_t amt_classifier_predict_one(AMTClassifier *model, const uint8_t *rgb, int32_t size, float *scores);
/// Saves spec and weights to one file; load restores an identical model.
int32_t amt_classifier_save(const AMTClassifier *model, const char *path);
AMTClassifier *amt_classifier_load(const char *path);
/// Writes a TorchScript module: input float32 [N,3,H,W] in 0...1, output scores [N,num_labels].
int32_t amt_classifier_export_torchscript(const AMTClassifier *model, const char *path);
void amt_classifier_free(AMTClassifier *model);

// ---- Object detection -----------------------------------------------------------------------------

/// A single-stage anchor-free detector: CNN backbone to a stride-4 (or 8) grid, a per-class centre
/// heatmap head (focal loss) and a box-size head (and centre offset).
typedef struct {
    int32_t width;        ///< channels of the first backbone block
    int32_t input_size;
    int32_t num_labels;
    uint64_t seed;
} AMTDetectorSpec;

typedef struct {
    int32_t label;
    float score;
    float x_min, y_min, x_max, y_max;   ///< relative to the image, 0...1
} AMTBox;

AMTDetector *amt_detector_create(const AMTDetectorSpec *spec);
AMTDetector *amt_detector_clone(const AMTDetector *model);
void amt_detector_get_spec(const AMTDetector *model, AMTDetectorSpec *out);
int32_t amt_detector_train_epoch(AMTDetector *model, const AMTDataset *dataset,
                                 const AMTTrainOptions *options, const volatile int32_t *cancel,
                                 float *mean_loss);
int32_t amt_detector_recalibrate(AMTDetector *model, const AMTDataset *dataset, int32_t max_images);
/// Boxes of one image after per-class non-maximum suppression at `nms_iou`, score ≥ `score_threshold`,
/// best first, at most `max_boxes`. Returns how many were written to `out`, or -1.
int32_t amt_detector_predict_one(AMTDetector *model, const uint8_t *rgb, int32_t size,
                                 float score_threshold, float nms_iou, int32_t max_boxes, AMTBox *out);
int32_t amt_detector_save(const AMTDetector *model, const char *path);
AMTDetector *amt_detector_load(const char *path);
/// TorchScript module: input float32 [N,3,H,W] in 0...1, outputs (heatmap, sizes, offsets) raw.
int32_t amt_detector_export_torchscript(const AMTDetector *model, const char *path);
void amt_detector_free(AMTDetector *model);

#ifdef __cplusplus
}
#endif

#endif
