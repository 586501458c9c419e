// Events the Node resolver reports while it looks for, verifies and downloads files.

/** Where a resolved file was found. */
export type DataOrigin = 'explicit' | 'env' | 'vendored' | 'cache' | 'download';

/** Bytes received so far from `url` (`total` from Content-Length, `undefined` when not sent). */
export interface DownloadProgressEvent {
  type: 'download';
  file: string;
  url: string;
  loaded: number;
  total: number | undefined;
}

/** A mirror failed (HTTP error, timeout, checksum…); the next one is tried. */
export interface MirrorFailedEvent {
  type: 'mirror-failed';
  file: string;
  url: string;
  error: Error;
}

/** A local copy was found but failed verification, so the resolver moved on. */
export interface FileRejectedEvent {
  type: 'rejected';
  file: string;
  path: string;
  origin: DataOrigin;
  error: Error;
}

/** Anything the resolver reports through `onProgress`. */
export type DatasetProgressEvent = DownloadProgressEvent | MirrorFailedEvent | FileRejectedEvent;
