/**
 * The session's models and the browser's storage: saved models come back on start (after the
 * backend is up), new ones are kept as they join, removed ones are forgotten.
 */
import { modelFromFiles, modelToFiles, type ModelFiles } from '@nnlab/core';
import { getZooEntry } from '@nnlab/models';
import type { SessionModel, SessionModels } from '../state/session-models';
import { errorMessage } from '../util/errors';
import { deleteSavedModel, newSavedId, saveModel, savedModels, type SavedModel } from './saved-models';

/** Adds every saved model to the session; returns lines about models that could not be restored. */
export async function restoreSession(session: SessionModels): Promise<string[]> {
  const problems: string[] = [];
  let saved: SavedModel[];
  try {
    saved = await savedModels();
  } catch (err) {
    return [`saved models could not be read: ${errorMessage(err)}`];
  }
  for (const s of saved) {
    try {
      const model = await modelFromFiles(s.files, `${s.label} (saved in this browser)`);
      session.add({
        zooId: s.zooId,
        entry: getZooEntry(s.zooId),
        label: s.label,
        source: s.source,
        detail: s.detail,
        model,
        pipeline: s.pipeline,
        testAccuracy: s.testAccuracy,
        savedId: s.id,
        run: s.run,
      });
    } catch (err) {
      problems.push(`${s.label}: ${errorMessage(err)}`);
    }
  }
  return problems;
}

/** Keeps a session model (its files given, or serialised now); records the id in the session. */
export async function keepModel(session: SessionModels, m: SessionModel, files?: ModelFiles): Promise<string> {
  const id = m.savedId ?? newSavedId();
  await saveModel({
    id,
    savedAt: new Date().toISOString(),
    zooId: m.zooId,
    label: m.label,
    source: m.source,
    detail: m.detail,
    pipeline: m.pipeline,
    testAccuracy: m.testAccuracy,
    files: files ?? (await modelToFiles(m.model)),
    run: m.run,
  });
  session.markSaved(m.key, id);
  return id;
}

/** Removes a model from the session and from storage. */
export async function forgetModel(session: SessionModels, key: string): Promise<void> {
  const m = session.remove(key);
  if (m?.savedId) await deleteSavedModel(m.savedId);
}
