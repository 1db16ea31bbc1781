/** The category classifier: training, prediction, storage, evaluation. */
export { trainClassifier, predict, DEFAULT_TRAIN_OPTIONS, MODEL_FORMAT_VERSION } from './model.ts';
export type { ClassifierModel, Prediction, CategoryScore, TrainingRecord, TrainOptions } from './model.ts';
export { saveModel, loadModel, readManifest } from './persist.ts';
export type { ModelManifest } from './persist.ts';
export { retrainFromRecords } from './retrain.ts';
export type { RetrainOptions, RetrainResult } from './retrain.ts';
export { classificationReport } from './metrics.ts';
export type { ClassificationReport } from './metrics.ts';
