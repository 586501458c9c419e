/**
 * What a CNN computes inside, for the drawn digit: the feature maps after each conv block (each
 * map scaled to its own maximum), one row per conv layer.
 */
import { activationMaps, heatmapImage, normalizeHeat } from '@nnlab/explain';
import type { SessionModel } from '../state/session-models';
import { h } from '../ui/dom';

/** A collapsible layer view of `m`'s activations for its prepared input `sample`. */
export async function layerView(m: SessionModel, sample: Float32Array): Promise<HTMLElement> {
  const maps = await activationMaps(m.model, sample);
  const rows = maps.map((layer) => {
    const scale = Math.max(1, Math.floor(42 / layer.width));
    const tiles = layer.maps.map((v) => {
      const pic = heatmapImage({ values: normalizeHeat(v), height: layer.height, width: layer.width }, { scale });
      const c = h('canvas', { width: pic.width, height: pic.height, class: 'pixelated layer-map' });
      c.getContext('2d')!.putImageData(new ImageData(pic.rgba as Uint8ClampedArray<ArrayBuffer>, pic.width, pic.height), 0, 0);
      return c;
    });
    return h(
      'div',
      { class: 'layer-row' },
      h('span', { class: 'layer-name muted' }, `${layer.layer} ${layer.height}×${layer.width}×${layer.channels}`),
      h('div', { class: 'layer-maps' }, ...tiles),
    );
  });
  return h('details', { class: 'layer-view', 'data-testid': 'layer-view' }, h('summary', {}, 'layers: activations of this digit'), ...rows);
}
