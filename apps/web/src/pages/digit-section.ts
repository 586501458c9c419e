/**
 * Use page, digits: draw a digit (or upload a digit image) and see the predictions of every MNIST
 * model of the session side by side, the 28×28 image the models see, and its HOG picture. Each
 * model prepares the image with `prepareImage` and its own input pipeline — the same code as
 * `nnlab predict` — so the numbers match the CLI for the same image.
 */
import { COURSE_HOG_OPTIONS, renderHogPicture } from '@nnlab/features-hog';
import { getZooEntry } from '@nnlab/models';
import { inputPipelineFor, prepareImage } from '@nnlab/experiments';
import { explainDigit, explanationView } from '../explain/explanation-view';
import { layerView } from '../explain/layer-view';
import { isConvolutional } from '../models/layers-model';
import { decodeImageFile, type GrayImage } from '../predict/decode-image-file';
import { predictSamples } from '../predict/predict-samples';
import type { SessionModel, SessionModels } from '../state/session-models';
import { h } from '../ui/dom';
import { DrawingPad } from '../ui/drawing-pad';
import { grayCanvas, rgbaCanvas } from '../ui/gray-canvas';
import { digitPredictionCard } from '../ui/prediction-card';
import { errorMessage } from '../util/errors';

/** Where the current digit came from. */
interface DigitInput {
  image: GrayImage;
  invert: boolean;
  source: string;
}

/** 28×28 in [0, 1], as the raw-pixel MLP sees it: the picture shown and the HOG input. */
const VIEW_PIPELINE = inputPipelineFor(getZooEntry('mlp-raw'));

export class DigitSection {
  readonly el: HTMLElement;
  private readonly pad = new DrawingPad(() => this.useDrawing());
  private readonly upload = h('input', { type: 'file', accept: 'image/*', 'data-testid': 'digit-upload' });
  private readonly invert = h('input', { type: 'checkbox', 'data-testid': 'digit-invert' });
  /** MNIST-style normalisation (crop, fit 20×20, centre of mass at the centre): on by default. */
  private readonly center = h('input', { type: 'checkbox', checked: '', 'data-testid': 'digit-center' });
  private readonly seen = h('div', { class: 'seen', 'data-testid': 'digit-seen' });
  private readonly cards = h('div', {
    class: 'cards',
    'data-testid': 'digit-predictions',
    'aria-live': 'polite',
    'aria-label': 'predictions of the session models',
  });
  private readonly note = h('p', { class: 'muted note' });
  private input?: DigitInput;
  private running = false;
  private dirty = false;

  constructor(private readonly session: SessionModels) {
    this.upload.addEventListener('change', () => void this.useUpload());
    this.center.addEventListener('change', () => this.refresh());
    this.invert.addEventListener('change', () => {
      if (this.input && this.input.source !== 'drawing') this.input = { ...this.input, invert: this.invert.checked };
      this.refresh();
    });
    this.el = h(
      'div',
      { class: 'panel digit-section' },
      h('h2', {}, 'Draw a digit'),
      h(
        'div',
        { class: 'use-row' },
        this.pad.el,
        h(
          'div',
          { class: 'seen-column' },
          h('h3', {}, 'What the models see'),
          this.seen,
          h('label', { class: 'upload' }, 'or upload a digit image: ', this.upload),
          h('label', { class: 'checkbox' }, this.invert, ' invert (dark digit on a light background)'),
          h('label', { class: 'checkbox' }, this.center, ' centre like MNIST (fit 20×20, centre of mass in 28×28)'),
        ),
        h('div', { class: 'cards-column' }, h('h3', {}, 'Predictions'), this.note, this.cards),
      ),
    );
    session.list.subscribe(() => this.refresh());
  }

  private useDrawing(): void {
    this.upload.value = '';
    this.input = this.pad.hasInk() ? { image: this.pad.image(), invert: false, source: 'drawing' } : undefined;
    this.refresh();
  }

  private async useUpload(): Promise<void> {
    const file = this.upload.files?.[0];
    if (!file) return;
    try {
      const image = await decodeImageFile(file);
      this.input = { image, invert: this.invert.checked, source: file.name };
      this.refresh();
    } catch (err) {
      // A failed upload leaves no earlier predictions on screen.
      this.input = undefined;
      this.cards.replaceChildren();
      this.seen.replaceChildren();
      this.note.textContent = errorMessage(err);
    }
  }

  /** Recomputes the view and predictions (coalesced while one is running). */
  refresh(): void {
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = true;
    void this.update()
      .catch((err) => {
        this.note.textContent = `prediction failed: ${errorMessage(err)}`;
        console.warn('nnlab: prediction failed', err);
      })
      .finally(() => {
        this.running = false;
        if (this.dirty) {
          this.dirty = false;
          this.refresh();
        }
      });
  }

  private async update(): Promise<void> {
    const models = this.session.digitModels();
    const input = this.input;
    if (!input) {
      this.seen.replaceChildren(h('p', { class: 'muted' }, 'nothing drawn yet'));
      this.cards.replaceChildren();
      this.note.textContent = models.length
        ? `${models.length} model(s) ready: draw a digit`
        : 'no MNIST model yet: train one on the Train tab or import one on the Models tab';
      return;
    }
    const { gray, width, height } = input.image;
    const unit = prepareImage(VIEW_PIPELINE, gray, height, width, { invert: input.invert, centerDigit: this.center.checked });
    const hogPicture = renderHogPicture(unit, 28, 28, { ...COURSE_HOG_OPTIONS, scale: 4 });
    this.seen.replaceChildren(
      h('figure', {}, grayCanvas(unit, 28, 28, 4, 1, 'digit-28'), h('figcaption', {}, '28×28 input')),
      h('figure', {}, rgbaCanvas(hogPicture, 'hog-picture'), h('figcaption', {}, 'digit and its HOG picture (8 orientations, 4×4 cells)')),
    );
    const cards: HTMLElement[] = [];
    for (const m of models) cards.push(await this.predict(m, input));
    this.cards.replaceChildren(...cards);
    this.cards.dataset.source = input.source;
    this.note.textContent = models.length
      ? `${input.source === 'drawing' ? 'your drawing' : input.source}, ${width}×${height}`
      : 'no MNIST model yet: train one on the Train tab or import one on the Models tab';
  }

  private async predict(m: SessionModel, input: DigitInput): Promise<HTMLElement> {
    const { gray, width, height } = input.image;
    const sample = prepareImage(m.pipeline, gray, height, width, { invert: input.invert, centerDigit: this.center.checked });
    const [probs] = await predictSamples(m.model, m.pipeline, [sample]);
    const card = digitPredictionCard(m, probs);
    const unit = prepareImage(VIEW_PIPELINE, gray, height, width, { invert: input.invert, centerDigit: this.center.checked });
    card.append(explanationView(await explainDigit(m, sample, unit), 112));
    if (isConvolutional(m.model)) card.append(await layerView(m, sample));
    return card;
  }
}
