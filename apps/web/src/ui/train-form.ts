/**
 * The Train page's settings form: a zoo model and the course's hyperparameters, reset to the
 * course's values whenever the model changes. Empty fields mean "the course's value".
 */
import { KERAS_ADAM_DEFAULTS, KERAS_RMSPROP_DEFAULTS, KERAS_SGD_DEFAULTS, OPTIMIZER_NAMES, type OptimizerName } from '@nnlab/core';
import { HIDDEN_ACTIVATIONS, getZooEntry, listZoo, type ModelId } from '@nnlab/models';
import {
  courseImageSize,
  courseSettings,
  hasActivation,
  hasImageSize,
  hasOwnValidation,
  parseTrainSettings,
  type TrainFormValues,
  type TrainSettings,
} from '../training/train-settings';
import { h } from './dom';
import { field, input, select } from './form-field';

const KERAS_LR: Record<OptimizerName, number> = {
  rmsprop: KERAS_RMSPROP_DEFAULTS.learningRate,
  adam: KERAS_ADAM_DEFAULTS.learningRate,
  sgd: KERAS_SGD_DEFAULTS.learningRate,
};

/** Why a model cannot be trained here (shown next to it), by zoo id. */
export type Unavailable = Partial<Record<ModelId, string>>;

/** The settings form. */
export class TrainForm {
  readonly el: HTMLFormElement;
  private readonly model = select(
    'zooId',
    listZoo().map((e) => [e.id, `${e.id} — ${e.title}`] as const),
    'model-select',
  );
  private readonly description = h('p', { class: 'model-description' });
  private readonly epochs = input('epochs', 'number', { min: 1, step: 1 });
  private readonly batchSize = input('batchSize', 'number', { min: 1, step: 1 });
  private readonly optimizer = select(
    'optimizer',
    OPTIMIZER_NAMES.map((n) => [n, n] as const),
  );
  private readonly learningRate = input('learningRate', 'number', { min: 0, step: 'any' });
  private readonly hidden = input('hidden', 'text', { inputmode: 'numeric', autocomplete: 'off' });
  private readonly activation = select(
    'activation',
    HIDDEN_ACTIVATIONS.map((a) => [a, a] as const),
  );
  private readonly imageSize = input('imageSize', 'number', { min: 8, step: 1 });
  private readonly limit = input('limit', 'number', { min: 1, step: 1, placeholder: 'all' });
  private readonly validationSplit = input('validationSplit', 'number', { min: 0, max: 0.9, step: 'any' });
  private readonly seed = input('seed', 'number', { min: 0, step: 1 });
  private readonly fields: Record<string, HTMLLabelElement>;
  private hiddenDefaults: (id: ModelId) => number[] | undefined = () => undefined;
  private unavailable: Unavailable = {};

  constructor() {
    this.fields = {
      epochs: field('epochs', this.epochs),
      batchSize: field('batch size', this.batchSize),
      optimizer: field('optimizer', this.optimizer, 'Keras defaults'),
      learningRate: field('learning rate', this.learningRate),
      hidden: field('hidden units', this.hidden, 'dense layers, e.g. 32 or 32,16'),
      activation: field('hidden activation', this.activation),
      imageSize: field('image size (px)', this.imageSize),
      limit: field('training-set limit', this.limit, 'first N images, for quick runs'),
      validationSplit: field('validation split', this.validationSplit, 'last share of the training set'),
      seed: field('seed', this.seed, 'weights and shuffling'),
    };
    this.el = h(
      'form',
      { class: 'train-form', novalidate: true, onsubmit: (e: Event) => e.preventDefault() },
      field('model', this.model),
      this.description,
      h('div', { class: 'field-grid' }, Object.values(this.fields)),
    );
    this.model.addEventListener('change', () => this.resetToCourse());
    this.optimizer.addEventListener('change', () => this.updateLearningRatePlaceholder());
    this.resetToCourse();
  }

  /** Tells the form which course hidden units to show as placeholder (needs a backend to build models). */
  setHiddenDefaults(fn: (id: ModelId) => number[] | undefined): void {
    this.hiddenDefaults = fn;
    this.updateHints();
  }

  /** Disables models that cannot be trained here, with the reason as tooltip and note. */
  setUnavailable(unavailable: Unavailable): void {
    this.unavailable = unavailable;
    for (const option of Array.from(this.model.options)) {
      const why = unavailable[option.value as ModelId];
      option.disabled = !!why;
      option.title = why ?? '';
    }
    if (unavailable[this.model.value as ModelId]) {
      const first = Array.from(this.model.options).find((o) => !o.disabled);
      if (first) this.model.value = first.value;
    }
    this.resetToCourse();
  }

  /** The selected zoo id. */
  zooId(): ModelId {
    return this.model.value as ModelId;
  }

  /** Parses the form (throws SettingsError naming the field). */
  read(): TrainSettings {
    const values: TrainFormValues = {};
    for (const el of Array.from(this.el.elements) as (HTMLInputElement | HTMLSelectElement)[]) {
      if (el.name && !el.disabled) values[el.name as keyof TrainSettings] = el.value;
    }
    return parseTrainSettings(values);
  }

  /** Enables or disables every control (while training). */
  setEnabled(enabled: boolean): void {
    this.el.classList.toggle('disabled', !enabled);
    this.applyApplicability(!enabled);
  }

  /** Marks a field invalid (or clears all marks with no field). */
  markInvalid(name?: string): void {
    for (const el of Array.from(this.el.elements) as HTMLElement[]) el.classList.toggle('invalid', !!name && (el as HTMLInputElement).name === name);
  }

  private resetToCourse(): void {
    const entry = getZooEntry(this.zooId());
    const c = courseSettings(entry.id);
    this.epochs.value = String(c.epochs);
    this.batchSize.value = String(c.batchSize);
    this.optimizer.value = c.optimizer;
    this.learningRate.value = '';
    this.hidden.value = '';
    this.activation.value = 'relu';
    this.imageSize.value = String(courseImageSize(entry) ?? '');
    this.validationSplit.value = String(c.validationSplit);
    this.seed.value = '0';
    this.markInvalid();
    this.applyApplicability(false);
    this.updateHints();
  }

  private applyApplicability(locked: boolean): void {
    const entry = getZooEntry(this.zooId());
    const applies: Record<string, boolean> = {
      activation: hasActivation(entry),
      imageSize: hasImageSize(entry),
      validationSplit: !hasOwnValidation(entry),
    };
    this.model.disabled = locked;
    for (const [name, label] of Object.entries(this.fields)) {
      const ok = applies[name] ?? true;
      label.hidden = !ok;
      const control = label.querySelector('input, select') as HTMLInputElement;
      control.disabled = locked || !ok;
    }
  }

  private updateLearningRatePlaceholder(): void {
    this.learningRate.placeholder = `default ${KERAS_LR[this.optimizer.value as OptimizerName]}`;
  }

  private updateHints(): void {
    const entry = getZooEntry(this.zooId());
    const why = this.unavailable[entry.id];
    this.description.replaceChildren(
      h('span', {}, entry.description),
      h('br'),
      h(
        'span',
        { class: 'muted' },
        `course: ${entry.course.optimizer}, batch ${entry.course.batchSize}, ${entry.course.epochs} epochs → test accuracy ${entry.course.reportedAccuracy}`,
      ),
    );
    if (why) this.description.append(h('span', { class: 'warning' }, ` — ${why}`));
    const hidden = this.hiddenDefaults(entry.id);
    this.hidden.placeholder = hidden ? `course: ${hidden.join(',')}` : 'course value';
    this.updateLearningRatePlaceholder();
    // The smallest size each model takes (the pneumonia CNN's pooling needs at least 32 px).
    const xray = entry.input === 'xray-image';
    this.imageSize.min = xray ? '32' : '8';
    const imageHint = xray ? '32–512: the 28×28 X-rays resized up; 64 trains ~4× faster than 128' : '28 = MNIST as is';
    this.fields.imageSize.querySelector('.field-hint')?.remove();
    this.fields.imageSize.append(h('span', { class: 'field-hint' }, imageHint));
    this.fields.limit.querySelector('input')!.placeholder = entry.input === 'xray-image' ? 'all 4708' : 'all 60000';
  }
}
