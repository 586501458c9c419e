import { Throttle } from './throttle';

test('ready at most once per interval, first call always', () => {
  let t = 1000;
  const th = new Throttle(100, () => t);
  expect(th.ready()).toBe(true);
  t += 50;
  expect(th.ready()).toBe(false);
  t += 50;
  expect(th.ready()).toBe(true);
  t += 10;
  th.reset();
  expect(th.ready()).toBe(true);
});
