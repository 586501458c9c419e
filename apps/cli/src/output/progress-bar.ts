/**
 * The training progress bar: renders core's typed training events on stderr (stdout stays clean
 * for `--json`). On a TTY it redraws one line per epoch (epoch, batch, loss, acc, ETA); elsewhere it
 * prints one line per finished epoch.
 */
import type { TrainEvent } from '@nnlab/core';

export interface ProgressOptions {
  /** Stream to draw on. Default process.stderr. */
  stream?: NodeJS.WriteStream;
  /** Draw the live bar (default: stream.isTTY). */
  live?: boolean;
  /** Minimum milliseconds between redraws. */
  intervalMs?: number;
}

function fmtSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '--';
  if (s < 60) return `${s.toFixed(0)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.round(s - m * 60)).padStart(2, '0')}s`;
}

/** Returns an event handler that draws progress. */
export function createProgressBar(options: ProgressOptions = {}): (e: TrainEvent) => void {
  const stream = options.stream ?? process.stderr;
  const live = options.live ?? !!stream.isTTY;
  const interval = options.intervalMs ?? 100;
  let last = 0;
  const width = 24;
  return (e) => {
    switch (e.type) {
      case 'batch-end': {
        if (!live) return;
        const t = Date.now();
        if (t - last < interval && e.batch + 1 < e.stepsPerEpoch) return;
        last = t;
        const done = (e.batch + 1) / e.stepsPerEpoch;
        const filled = Math.round(done * width);
        const eta = (e.elapsedMs / 1000) * (1 / done - 1);
        const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
        stream.write(
          `\r\x1b[2KEpoch ${e.epoch + 1}/${e.epochs} ${bar} ${e.batch + 1}/${e.stepsPerEpoch}  loss ${e.loss.toFixed(4)}  acc ${e.acc.toFixed(4)}  ETA ${fmtSeconds(eta)}`,
        );
        return;
      }
      case 'validation-begin':
        if (live) stream.write(`\r\x1b[2KEpoch ${e.epoch + 1}: validating on ${e.samples} samples…`);
        return;
      case 'epoch-end': {
        const l = e.logs;
        const val = l.val_loss !== undefined ? `  val_loss ${l.val_loss.toFixed(4)}  val_acc ${(l.val_acc ?? 0).toFixed(4)}` : '';
        stream.write(
          `${live ? '\r\x1b[2K' : ''}Epoch ${e.epoch + 1}/${e.epochs}  ${fmtSeconds(e.elapsedMs / 1000)}  loss ${l.loss.toFixed(4)}  acc ${l.acc.toFixed(4)}${val}\n`,
        );
        return;
      }
      default:
        return;
    }
  };
}
