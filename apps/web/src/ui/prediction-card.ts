/**
 * One model's prediction: the winning class large, and a bar per class. The exact outputs are in
 * `data-probs` (JSON) and the class in `data-predicted`, for scripts and tests.
 */
import type { SessionModel } from '../state/session-models';
import { argmax } from '../predict/predict-samples';
import { h } from './dom';

/** Card for a multiclass (digit) prediction. */
export function digitPredictionCard(m: SessionModel, probs: Float32Array): HTMLElement {
  const best = argmax(probs);
  const bars = Array.from(probs, (p, i) =>
    h(
      'div',
      { class: `bar-row${i === best ? ' best' : ''}` },
      h('span', { class: 'bar-label' }, String(i)),
      h('span', { class: 'bar' }, h('span', { class: 'bar-fill', style: `width:${(p * 100).toFixed(1)}%` })),
      h('span', { class: 'bar-value' }, p.toFixed(3)),
    ),
  );
  return h(
    'div',
    {
      class: 'prediction-card',
      'data-testid': 'prediction-card',
      'data-model-key': m.key,
      'data-zoo-id': m.zooId,
      'data-predicted': String(best),
      'data-probs': JSON.stringify(Array.from(probs)),
    },
    h('div', { class: 'card-head' }, h('strong', {}, m.label), h('span', { class: 'muted' }, ` ${m.source}`)),
    h('div', { class: 'big-class', title: 'predicted digit' }, String(best)),
    h('div', { class: 'bars' }, bars),
  );
}

/** Card for a binary (pneumonia) prediction. */
export function xrayPredictionCard(m: SessionModel, probability: number, threshold = 0.5): HTMLElement {
  const positive = probability >= threshold;
  return h(
    'div',
    { class: 'prediction-card', 'data-testid': 'xray-card', 'data-model-key': m.key, 'data-probability': String(probability) },
    h('div', { class: 'card-head' }, h('strong', {}, m.label), h('span', { class: 'muted' }, ` ${m.source}`)),
    h('div', { class: `big-class ${positive ? 'positive' : 'negative'}` }, positive ? 'pneumonia' : 'normal'),
    h(
      'div',
      { class: 'bar-row' },
      h('span', { class: 'bar-label' }, 'P(pneumonia)'),
      h('span', { class: 'bar' }, h('span', { class: 'bar-fill', style: `width:${(probability * 100).toFixed(1)}%` })),
      h('span', { class: 'bar-value' }, probability.toFixed(4)),
    ),
  );
}
