import { getZooEntry, type LayerSpec } from '@nnlab/models';
import { LAYER_FIELDS, analyzeRows, fieldText, moveRow, newLayer, withField } from './arch-editor-model';

const cnn = () => getZooEntry('cnn-mnist').spec.layers.map((l) => ({ ...l }));
const field = (type: LayerSpec['type'], key: string) => LAYER_FIELDS[type].find((f) => f.key === key)!;

describe('architecture editor rows', () => {
  it('summarises a zoo model as Keras does (1,890 parameters for cnn-mnist)', () => {
    const a = analyzeRows('cnn-mnist', [28, 28, 1], cnn(), 10);
    expect(a.totalParams).toBe(1890);
    expect(a.rows[0]).toMatchObject({ name: 'conv2d', outputShape: [28, 28, 10], params: 50, arithmetic: '2×2×1×10 + 10' });
    expect(a.rows.every((r) => r.error === undefined)).toBe(true);
    expect(a.spec?.layers).toHaveLength(9);
  });

  it('changes the parameter count when an argument changes', () => {
    const layers = cnn();
    layers[0] = withField(layers[0], field('conv2d', 'filters'), '16');
    const a = analyzeRows(undefined, [28, 28, 1], layers, 10);
    // conv 2×2×1×16+16, conv 2×2×16×10+10, conv 2×2×10×10+10, dense 90×10+10, dense 10×10+10
    expect(a.totalParams).toBe(80 + 650 + 410 + 910 + 110);
  });

  it('puts an argument error on its row, and keeps the shapes of the rows before it', () => {
    const layers = cnn();
    layers[2] = withField(layers[2], field('conv2d', 'kernel'), '0x3');
    const a = analyzeRows(undefined, [28, 28, 1], layers, 10);
    expect(a.spec).toBeUndefined();
    expect(a.rows[2].error).toBe('kernel height must be a positive integer, got 0');
    expect(a.rows[1].outputShape).toEqual([14, 14, 10]);
    expect(a.rows[3]).toEqual({});
  });

  it('puts a shape error on the row that causes it', () => {
    const layers = [...cnn().slice(0, 6), newLayer('maxpool2d'), newLayer('maxpool2d'), ...cnn().slice(6)];
    const a = analyzeRows(undefined, [28, 28, 1], layers, 10);
    expect(a.rows[7].error).toBe('a 2×2 window is larger than the 1×1×10 output of layer 7 pool(2) (valid padding)');
    expect(a.rows[6].outputShape).toEqual([1, 1, 10]);
    expect(a.rows[8].outputShape).toBeUndefined();
  });

  it('puts a Dense on an image and an output/classes mismatch on their rows', () => {
    const layers = moveRow(cnn(), 6, 8); // flatten after the dense layers
    const a = analyzeRows(undefined, [28, 28, 1], layers, 10);
    expect(a.rows[6].error).toMatch(/^dense needs a vector, but the 3×3×10 output of layer 6 pool\(2\) is an image/);
    const eleven = cnn();
    eleven[8] = withField(eleven[8], field('dense', 'units'), '11');
    expect(analyzeRows(undefined, [28, 28, 1], eleven, 10).rows[8].error).toBe('the model gives 11 outputs but the dataset has 10 classes');
  });

  it('edits sizes, booleans and pool strides that follow the window', () => {
    const pool = newLayer('maxpool2d');
    const bigger = withField(pool, field('maxpool2d', 'pool'), '3');
    expect(bigger).toMatchObject({ pool: [3, 3], strides: [3, 3] });
    const apart = withField(withField(pool, field('maxpool2d', 'strides'), '1'), field('maxpool2d', 'pool'), '3x3');
    expect(apart).toMatchObject({ pool: [3, 3], strides: [1, 1] });
    expect(fieldText(bigger, field('maxpool2d', 'pool'))).toBe('3x3');
    expect(withField(newLayer('dense'), field('dense', 'useBias'), 'false')).toMatchObject({ useBias: false });
  });

  it('moves rows within bounds', () => {
    expect(moveRow([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(moveRow([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
  });
});
