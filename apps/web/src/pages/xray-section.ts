/**
 * Use page, chest X-rays: upload a JPEG/PNG, decode it to grayscale in the browser (luma, as the
 * CLI decodes), prepare it with `prepareImage` and show the pneumonia probability of every
 * cnn-pneumonia model of the session (imported from `nnlab train cnn-pneumonia`, or trained here
 * on PneumoniaMNIST).
 */
import { prepareImage } from '@nnlab/experiments';
import { explainXray, explanationView } from '../explain/explanation-view';
import { decodeImageFile, type GrayImage } from '../predict/decode-image-file';
import { predictSamples } from '../predict/predict-samples';
import type { SessionModels } from '../state/session-models';
import { h } from '../ui/dom';
import { fittedGrayCanvas } from '../ui/gray-canvas';
import { xrayPredictionCard } from '../ui/prediction-card';
import { errorMessage } from '../util/errors';

export class XraySection {
  readonly el: HTMLElement;
  private readonly upload = h('input', { type: 'file', accept: 'image/jpeg,image/png,image/*', 'data-testid': 'xray-upload' });
  private readonly preview = h('div', { class: 'xray-preview' });
  private readonly cards = h('div', { class: 'cards', 'data-testid': 'xray-predictions' });
  private readonly note = h('p', { class: 'muted note', 'data-testid': 'xray-note' });
  private image?: GrayImage & { name: string };

  constructor(private readonly session: SessionModels) {
    this.upload.addEventListener('change', () => void this.load());
    this.el = h(
      'div',
      { class: 'panel xray-section' },
      h('h2', {}, 'Chest X-ray'),
      h(
        'div',
        { class: 'use-row' },
        h('div', {}, h('label', { class: 'upload' }, 'upload a chest X-ray (JPEG or PNG): ', this.upload), this.preview),
        h('div', { class: 'cards-column' }, this.note, this.cards),
      ),
    );
    session.list.subscribe(() => void this.update());
  }

  private async load(): Promise<void> {
    const file = this.upload.files?.[0];
    if (!file) return;
    try {
      const img = await decodeImageFile(file);
      this.image = { ...img, name: file.name };
      this.preview.replaceChildren(
        fittedGrayCanvas(img.gray, img.width, img.height, 256, 'xray-image'),
        h('p', { class: 'muted' }, `${file.name}, ${img.width}×${img.height}, grayscale`),
      );
      await this.update();
    } catch (err) {
      // A failed upload leaves no earlier predictions on screen.
      this.image = undefined;
      this.cards.replaceChildren();
      this.preview.replaceChildren();
      this.note.textContent = errorMessage(err);
    }
  }

  private async update(): Promise<void> {
    const models = this.session.xrayModels();
    if (models.length === 0) {
      this.cards.replaceChildren();
      this.note.replaceChildren(
        'no pneumonia model yet: import one saved by ',
        h('code', {}, 'nnlab train cnn-pneumonia'),
        ' on the Models tab, or train cnn-pneumonia on PneumoniaMNIST on the Train tab',
      );
      return;
    }
    if (!this.image) {
      this.cards.replaceChildren();
      this.note.textContent = `${models.length} pneumonia model(s) ready: upload an X-ray`;
      return;
    }
    try {
      const cards: HTMLElement[] = [];
      for (const m of models) {
        const sample = prepareImage(m.pipeline, this.image.gray, this.image.height, this.image.width);
        const [out] = await predictSamples(m.model, m.pipeline, [sample]);
        const card = xrayPredictionCard(m, out[0]);
        card.append(explanationView(await explainXray(m, sample)));
        cards.push(card);
      }
      this.cards.replaceChildren(...cards);
      this.note.replaceChildren(`${this.image.name}: resized to each model’s input (bilinear, as `, h('code', {}, 'nnlab predict'), ')');
    } catch (err) {
      this.note.textContent = `prediction failed: ${errorMessage(err)}`;
    }
  }
}
