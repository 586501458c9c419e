import { join } from 'node:path';
import { loadPneumoniaMnist } from './load-pneumonia-mnist';

describe('loadPneumoniaMnist', () => {
  it('loads the vendored file through the resolver', async () => {
    const p = await loadPneumoniaMnist({ env: {}, download: false, cacheDir: '/nonexistent-nnlab-cache' });
    expect(p.file).toMatchObject({ origin: 'vendored', verified: true, resolvedName: 'pneumoniamnist/pneumoniamnist_reassembled.npz' });
    expect([p.train.count, p.val.count, p.test.count]).toEqual([4708, 524, 624]);
    expect([p.train.rows, p.train.cols]).toEqual([28, 28]);
  });

  it('loads an explicit .npz', async () => {
    const path = join(__dirname, '../__fixtures__/npz/pneumonia-tiny.npz');
    const p = await loadPneumoniaMnist({ path, env: {}, download: false });
    expect(p.file.origin).toBe('explicit');
    expect([p.train.count, p.val.count, p.test.count]).toEqual([6, 2, 3]);
  });
});
