/**
 * The models of this browser session — trained on the Train page or imported on the Models
 * page — which the Use page predicts with side by side.
 */
import { summarizeModel, type ModelId, type ZooEntry } from '@nnlab/models';
import { type InputPipeline } from '@nnlab/experiments';
import type { LayersModel } from '../models/layers-model';
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
}

/** Everything but the generated fields. */
export type NewSessionModel = Omit<SessionModel, 'key' | 'params' | 'label'> & { label?: string };

/** The list of session models, observable. */
export class SessionModels {
  readonly list = new Observable<readonly SessionModel[]>([]);
  private counter = 0;

  add(m: NewSessionModel): SessionModel {
    this.counter++;
    const key = `m${this.counter}`;
    const label = m.label ?? `${m.zooId} #${this.counter}`;
    const full: SessionModel = { ...m, key, label, params: summarizeModel(m.model).totalParams };
    this.list.set([...this.list.get(), full]);
    return full;
  }

  remove(key: string): void {
    const m = this.list.get().find((x) => x.key === key);
    if (!m) return;
    this.list.set(this.list.get().filter((x) => x.key !== key));
    m.model.dispose();
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
