// Keras `fit(validation_split=…)`: the validation set is the LAST part of the training arrays,
// taken before any shuffling.
import { DatasetArgumentError } from './errors';

/** Where {@link validationSplit} cuts: items `[0, trainCount)` train, `[valStart, valStart + valCount)` validate. */
export interface ValidationSplit {
  trainCount: number;
  valStart: number;
  valCount: number;
}

/**
 * Splits `count` items like Keras does for `validation_split`: `split_at = floor(count * (1 - fraction))`
 * (the same IEEE-754 arithmetic as Keras' Python), training on the first `split_at` items and
 * validating on the rest. `fraction = 0` gives no validation items.
 * @throws DatasetArgumentError when `count` is not a non-negative integer, `fraction` is outside
 * `[0, 1)`, or (like Keras) a non-zero fraction leaves the training or validation part empty.
 */
export function validationSplit(count: number, fraction: number): ValidationSplit {
  if (!(Number.isInteger(count) && count >= 0)) {
    throw new DatasetArgumentError('validationSplit', 'count', `must be a non-negative integer, got ${count}`);
  }
  if (!(Number.isFinite(fraction) && fraction >= 0 && fraction < 1)) {
    throw new DatasetArgumentError('validationSplit', 'fraction', `must be in [0, 1), got ${fraction}`);
  }
  if (fraction === 0) return { trainCount: count, valStart: count, valCount: 0 };
  const splitAt = Math.floor(count * (1.0 - fraction));
  if (splitAt === 0 || splitAt === count) {
    throw new DatasetArgumentError(
      'validationSplit',
      'fraction',
      `${fraction} of ${count} items leaves ${splitAt === 0 ? 'no training' : 'no validation'} items (Keras refuses this too)`,
    );
  }
  return { trainCount: splitAt, valStart: splitAt, valCount: count - splitAt };
}
