import { fitLines, textWidth } from './caption-lines';

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
