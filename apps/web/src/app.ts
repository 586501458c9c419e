/**
 * The app: header with the backend panel, tabs Train · Use · Models, the session's models shared
 * by the pages. The backend is the URL's (`?backend=wasm`), else the one the user chose last
 * time, else chosen automatically by measurement (`backend/backend-choice.ts`).
 */
import { listZoo, type ModelId } from '@nnlab/models';
import { BackendController } from './backend/backend-controller';
import { pneumoniaMnistAvailable } from './data/pneumonia-source';
import { hiddenDenseUnits } from './models/layers-model';
import { ModelsPage } from './pages/models-page';
import { TrainPage } from './pages/train-page';
import { UsePage } from './pages/use-page';
import { SessionModels } from './state/session-models';
import { restoreSession } from './storage/persist-session';
import { BackendPanel } from './ui/backend-panel';
import { h } from './ui/dom';
import { Tabs } from './ui/tabs';
import { TrainForm } from './ui/train-form';

/** Builds the page into `root` and starts the backend. */
export async function startApp(root: HTMLElement): Promise<void> {
  const backend = new BackendController();
  const session = new SessionModels();
  const form = new TrainForm();
  const train = new TrainPage(form, backend, session);
  const use = new UsePage(session);
  const models = new ModelsPage(session);
  const tabs = new Tabs([
    { id: 'train', label: 'Train', el: train.el },
    { id: 'use', label: 'Use', el: use.el },
    { id: 'models', label: 'Models', el: models.el },
  ]);
  const panel = new BackendPanel(backend, () => train.busy());
  root.replaceChildren(
    h(
      'header',
      { class: 'app-header' },
      h('div', { class: 'brand' }, h('h1', {}, 'nnlab'), h('span', { class: 'muted' }, 'the course networks, trained in your browser')),
      panel.el,
    ),
    tabs.nav,
    h('main', {}, train.el, use.el, models.el),
  );

  void pneumoniaMnistAvailable().then((ok) => {
    if (!ok)
      form.setUnavailable({
        'cnn-pneumonia': 'PneumoniaMNIST is not served by this build (data/pneumoniamnist missing): import a model trained by the CLI instead',
      });
  });

  // The panel shows any error (a named backend that failed falls back to the automatic choice).
  await backend.start(location.search).catch(() => undefined);
  // Models and runs kept in this browser come back (they need a backend to load into).
  const problems = await restoreSession(session);
  if (problems.length) console.warn(`nnlab: ${problems.length} saved model(s) could not be restored: ${problems.join('; ')}`);
  const hiddenCache = new Map<ModelId, number[]>();
  form.setHiddenDefaults((id) => {
    if (!hiddenCache.has(id)) {
      try {
        const model = listZoo()
          .find((e) => e.id === id)!
          .build();
        hiddenCache.set(id, hiddenDenseUnits(model));
        model.dispose();
      } catch {
        return undefined; // no backend: the placeholder says "course value"
      }
    }
    return hiddenCache.get(id);
  });
  document.body.dataset.ready = 'true';
}
