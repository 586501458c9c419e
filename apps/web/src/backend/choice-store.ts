/** The user's backend choice, remembered across visits (localStorage; absent in private modes). */
import type { BackendChoice } from './backend-choice';

const KEY = 'nnlab.backend';

/** The remembered choice, if any. */
export function rememberedChoice(valid: readonly string[]): BackendChoice | undefined {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v && (v === 'auto' || valid.includes(v)) ? (v as BackendChoice) : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers a choice (`auto` too: it replaces an earlier manual one). */
export function rememberChoice(choice: BackendChoice): void {
  try {
    globalThis.localStorage?.setItem(KEY, choice);
  } catch {
    // storage refused (private mode, quota): the choice holds for this visit only
  }
}
