/**
 * Options given for a model that does not read them are refused, not silently recorded: the
 * option table says which inputs each training option applies to (`models`), and the plan of a
 * run says what its model reads (`plan.pipeline.input`).
 */
import type { Command } from 'commander';
import type { ExperimentPlan } from '@nnlab/experiments';
import { UsageError } from '../exit-codes';
import { OPTIONS, attributeOf, type OptionDef, type OptionName } from './table';

/** The options among `names` that were given on the command line (not defaults). */
export function givenOptions(cmd: Command, names: readonly OptionName[]): OptionName[] {
  return names.filter((n) => cmd.getOptionValueSource(attributeOf(n)) === 'cli');
}

/** Throws a UsageError for the first given option the planned model does not read. */
export function refuseInapplicable(given: readonly OptionName[], plan: Pick<ExperimentPlan, 'model' | 'pipeline'>): void {
  for (const name of given) {
    const def: OptionDef = OPTIONS[name];
    if (def.models && !def.models.includes(plan.pipeline.input)) {
      throw new UsageError(`${def.flags.split(' ')[0]} does not apply to ${plan.model}: it is for ${def.modelsText ?? def.models.join(', ')}`);
    }
  }
}
