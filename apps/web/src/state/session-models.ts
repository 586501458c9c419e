/**
 * The models of this browser session — trained on the Train page or imported on the Models
 * page — which the Use page predicts with side by side.
 */
import { summarizeModel, type ModelId, type ZooEntry } from '@nnlab/models';
import { type InputPipeline } from '@nnlab/experiments';
import type { LayersModel } from '../models/layers-model';
import type { RunSummary } from '../storage/saved-models';
import { Observable } from './observable';

/** One model of the session. */
export interface SessionModel {
  /** Unique within the session (`m1`, `m2`, …). */
  key: string;
  zooId: ModelId;
  entry: ZooEntry;
  /** Short name for cards and lists. */
  label: string;
  source: 'trained' | 'imported';
  /** One line on where it came from (backend, epochs, files…). */
  detail: string;
  model: LayersModel;
  /** How one image becomes its input (same as `nnlab predict`). */
  pipeline: InputPipeline;
  params: number;
  /** Test accuracy when the session measured it. */
  testAccuracy?: number;
  /** Its id in the browser's storage (`storage/saved-models.ts`) once kept. */
  savedId?: string;
  /** The run that made it (trained here, or a CLI run imported with its record). */
  run?: RunSummary;
}

/** Everything but the generated fields. */
export type NewSessionModel = Omit<SessionModel, 'key' | 'params' | 'label'> & { label?: string };

/** The list of session models, observable. */
export class SessionModels {
  readonly list = new Observable<readonly SessionModel[]>([]);
  private counter = 0;

  add(m: NewSessionModel): SessionModel {
    this.counter++;
    // A restored "mlp-raw #3" keeps its number; later models count on from it.
    const numbered = m.label ? /#(\d+)$/.exec(m.label) : null;
    if (numbered) this.counter = Math.max(this.counter, Number(numbered[1]));
    const key = `m${this.counter}`;
    const label = m.label ?? `${m.zooId} #${this.counter}`;
    const full: SessionModel = { ...m, key, label, params: summarizeModel(m.model).totalParams };
    this.list.set([...this.list.get(), full]);
    return full;
  }

  /** Removes a model from the session (the caller forgets its stored copy). */
  remove(key: string): SessionModel | undefined {
    const m = this.list.get().find((x) => x.key === key);
    if (!m) return undefined;
    this.list.set(this.list.get().filter((x) => x.key !== key));
    m.model.dispose();
    return m;
  }

  /** The model with this key. */
  get(key: string): SessionModel | undefined {
    return this.list.get().find((m) => m.key === key);
  }

  /** Records the stored id of a model. */
  markSaved(key: string, savedId: string): void {
    this.list.set(this.list.get().map((m) => (m.key === key ? { ...m, savedId } : m)));
  }

  /** Models whose input is an MNIST digit (pixels, HOG or image). */
  digitModels(): SessionModel[] {
    return this.list.get().filter((m) => m.entry.input !== 'xray-image');
  }

  /** Models that read chest X-rays. */
  xrayModels(): SessionModel[] {
    return this.list.get().filter((m) => m.entry.input === 'xray-image');
  }
}
