/**
 * The gallery behind a confusion-matrix cell: the test images of true class t predicted as p by
 * the session's model, each with its explanation (Grad-CAM for X-rays, saliency for digits). The
 * test set is the run's own (its first `testCount` images, as the run was evaluated); the
 * model's predictions over it are computed once, on the first click.
 */
import { prepareImage } from '@nnlab/experiments';
import { loadMnist } from '../data/mnist-source';
import { loadPneumoniaMnist } from '../data/pneumonia-source';
import { argmax, predictSamples } from '../predict/predict-samples';
import type { SessionModel } from '../state/session-models';
import { h } from '../ui/dom';
import { explainDigit, explainXray, explanationView } from './explanation-view';

interface TestSet {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  side: number;
}

/** Opens the gallery of cell (true `t`, predicted `p`); shows at most `max` images. */
export type GalleryOpener = (t: number, p: number, classNames: string[]) => Promise<HTMLElement>;

/** A gallery opener for `m`, whose run was tested on the first `testCount` test images. */
export function confusionGallery(m: SessionModel, testCount: number, max = 8): GalleryOpener {
  const xray = m.pipeline.input === 'xray-image';
  let ready: Promise<{ set: TestSet; predicted: Uint8Array }> | undefined;
  const load = async () => {
    const split = xray ? (await loadPneumoniaMnist()).test : (await loadMnist(undefined)).test;
    const set: TestSet = { images: split.images, labels: split.labels, count: Math.min(split.count, testCount), side: split.rows };
    const predicted = new Uint8Array(set.count);
    const n = set.side * set.side;
    for (let s = 0; s < set.count; s += 256) {
      const samples = [];
      for (let i = s; i < Math.min(set.count, s + 256); i++)
        samples.push(prepareImage(m.pipeline, set.images.subarray(i * n, (i + 1) * n), set.side, set.side));
      const outs = await predictSamples(m.model, m.pipeline, samples);
      outs.forEach((o, k) => (predicted[s + k] = o.length === 1 ? (o[0] >= 0.5 ? 1 : 0) : argmax(o)));
    }
    return { set, predicted };
  };
  return async (t, p, classNames) => {
    ready ??= load();
    const { set, predicted } = await ready;
    const n = set.side * set.side;
    const hits: number[] = [];
    for (let i = 0; i < set.count; i++) if (set.labels[i] === t && predicted[i] === p) hits.push(i);
    const tiles: HTMLElement[] = [];
    for (const i of hits.slice(0, max)) {
      const img = set.images.subarray(i * n, (i + 1) * n);
      const sample = prepareImage(m.pipeline, img, set.side, set.side);
      const e = xray
        ? await explainXray(m, sample)
        : await explainDigit(
            m,
            sample,
            Array.from(img, (v) => v / 255),
          );
      const view = explanationView(e, 112);
      view.prepend(h('div', { class: 'muted' }, `test #${i}`));
      tiles.push(view);
    }
    const title = `${m.label}: true ${classNames[t] ?? t}, predicted ${classNames[p] ?? p} — ${hits.length} test image(s)${hits.length > max ? `, the first ${max} shown` : ''}`;
    return h(
      'div',
      { class: 'confusion-gallery', 'data-testid': 'gallery-content', 'data-count': String(hits.length) },
      h('h3', {}, title),
      hits.length ? h('div', { style: 'display:flex;flex-wrap:wrap;gap:12px' }, ...tiles) : h('p', { class: 'muted' }, 'no test image in this cell'),
    );
  };
}
