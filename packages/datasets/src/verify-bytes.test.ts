import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChecksumError, DatasetArgumentError } from './errors';
import { sha256Hex, verifyKnownFile } from './verify-bytes';

describe('sha256Hex / verifyKnownFile', () => {
  it('hashes with WebCrypto', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('verifies a known file and names file, expected and actual on a mismatch', async () => {
    const name = 'mnist/t10k-labels-idx1-ubyte.gz';
    const bytes = new Uint8Array(readFileSync(join(__dirname, '../../../data', name)));
    expect(await verifyKnownFile(name, bytes)).toBe('f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6');
    bytes[100] ^= 1;
    const err = await verifyKnownFile(name, bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChecksumError);
    expect((err as Error).message).toMatch(/^mnist\/t10k-labels-idx1-ubyte.gz: sha256 mismatch: expected f7ae60f9\w+, got [0-9a-f]{64}$/);
  });

  it('refuses unknown names and MD5-only files', async () => {
    await expect(verifyKnownFile('nope.bin', new Uint8Array(1))).rejects.toThrow(DatasetArgumentError);
    await expect(verifyKnownFile('pneumoniamnist/pneumoniamnist.npz', new Uint8Array(1))).rejects.toThrow(/no known SHA-256/);
  });
});
