import { fitLines, fitOneLine, textWidth } from './caption-lines';

it('breaks captions so no line is wider than the tile', () => {
  const lines = fitLines('true NORMAL → PNEUMONIA\n#123, p = 1.000', 84, 11);
  expect(lines.length).toBeGreaterThan(2);
  for (const l of lines) expect(textWidth(l, 11)).toBeLessThanOrEqual(84);
  expect(lines.join(' ')).toBe('true NORMAL → PNEUMONIA #123, p = 1.000');
});

it('cuts a single word wider than the tile with an ellipsis', () => {
  const [l] = fitLines('PNEUMONIAPNEUMONIA', 40, 11);
  expect(l.endsWith('…')).toBe(true);
  expect(textWidth(l, 11)).toBeLessThanOrEqual(40);
});

it('cuts a title to one line', () => {
  const t = fitOneLine('cnn-pneumonia · /work/shared/data/chest_xray_sample/test/PNEUMONIA/person38_virus_84.jpeg', 300, 14);
  expect(t.endsWith('…')).toBe(true);
  expect(textWidth(t, 14)).toBeLessThanOrEqual(300);
});
