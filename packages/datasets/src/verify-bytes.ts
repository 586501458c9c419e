// SHA-256 in the browser (and Node ≥ 20) through WebCrypto, and verification against the table of
// known files, so the web app checks what it fetched exactly like the Node resolver does.
import { ChecksumError, DatasetArgumentError } from './errors';
import { knownFile } from './known-files';

/** Lower-case hex SHA-256 of `bytes`, computed with `globalThis.crypto.subtle`. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new DatasetArgumentError('sha256Hex', 'environment', 'has no WebCrypto (globalThis.crypto.subtle)');
  const digest = await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks `bytes` against the known SHA-256 of `name` and returns it.
 * @throws ChecksumError (naming `name`, expected and actual) on a mismatch;
 * DatasetArgumentError when `name` is unknown or has no known SHA-256 (WebCrypto has no MD5).
 */
export async function verifyKnownFile(name: string, bytes: Uint8Array): Promise<string> {
  const known = knownFile(name);
  if (!known) throw new DatasetArgumentError('verifyKnownFile', 'name', `'${name}' is not a known data file`);
  if (!known.sha256) throw new DatasetArgumentError('verifyKnownFile', 'name', `'${name}' has no known SHA-256`);
  const actual = await sha256Hex(bytes);
  if (actual !== known.sha256) throw new ChecksumError(name, 'sha256', known.sha256, actual);
  return actual;
}
