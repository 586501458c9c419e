import { BackendUnavailableError, InterruptedError, InvalidOptionError, ModelFormatError, OutputPathError, TrainingError } from '@nnlab/core';
import { ChecksumError, DatasetArgumentError, DatasetFormatError, DatasetNotFoundError } from '@nnlab/datasets';
import { HogOptionError } from '@nnlab/features-hog';
import { MetricsInputError } from '@nnlab/metrics';
import { SpecError, UnknownModelError } from '@nnlab/models';
import { DataShapeError, EXIT, UsageError, exitCodeFor } from './exit-codes';

describe('exitCodeFor: by error class, never by message', () => {
  it.each([
    [new UsageError('--epochs expects…'), EXIT.usage],
    [new InvalidOptionError('x'), EXIT.usage],
    [new UnknownModelError('mlp-big', ['mlp-raw']), EXIT.usage],
    [new SpecError('bad layer'), EXIT.usage],
    [new OutputPathError('/x', 'is not writable'), EXIT.usage],
    [new HogOptionError('orientations', 'x'), EXIT.usage],
    [new MetricsInputError('x'), EXIT.usage],
    [new DatasetArgumentError('f', 'a', 'b'), EXIT.usage],
    [new DatasetFormatError('a.npz', 'truncated'), EXIT.data],
    [new DatasetNotFoundError('digit.png', 'no such file', []), EXIT.data],
    [new ChecksumError('f', 'sha256', 'a', 'b'), EXIT.data],
    [new DataShapeError('mnist', 'images are 8×8'), EXIT.data],
    [new BackendUnavailableError('webgpu', 'no adapter', ['wasm']), EXIT.backend],
    [new TrainingError('loss became NaN'), EXIT.training],
    [new ModelFormatError('model.json', 'unknown layer'), EXIT.model],
    [new InterruptedError('stopped'), EXIT.interrupted],
  ])('%p → %p', (err, code) => {
    expect(exitCodeFor(err)).toBe(code);
  });

  it('raw errors are unexpected failures, whatever their message or class says', () => {
    const enoent = Object.assign(new Error('ENOENT: no such file or directory'), { code: 'ENOENT' });
    expect(exitCodeFor(enoent)).toBe(EXIT.failure);
    expect(exitCodeFor(new RangeError('File size (3221225472) is greater than 2 GiB'))).toBe(EXIT.failure);
    expect(exitCodeFor(new TypeError("Cannot read properties of undefined (reading 'loss')"))).toBe(EXIT.failure);
    expect(exitCodeFor('a string')).toBe(EXIT.failure);
  });
});
