/**
 * Models page: import a model saved by `nnlab train` (its run's `model/` folder: `model.json` +
 * `weights.bin`, plus `run.json` if at hand) and export any session model in the same format, so
 * the CLI loads what the browser trained and the browser uses what the CLI trained.
 */
import { MODEL_IDS, type ModelId } from '@nnlab/models';
import type { SessionModel, SessionModels } from '../state/session-models';
import { modelToFiles } from '@nnlab/core';
import { MODEL_BUNDLE_EXTENSION, writeModelBundle } from '@nnlab/experiments';
import { downloadBlob } from '../models/model-export';
import { forgetModel, keepModel } from '../storage/persist-session';
import { RunList } from './run-list';
import { importModel, pickModelFiles } from '../models/model-import';
import { h } from '../ui/dom';
import { select } from '../ui/form-field';
import { StatusLine } from '../ui/status-line';
import { errorMessage } from '../util/errors';
import { fmt } from '../util/format';

const HOW = { chosen: 'as chosen', 'run.json': 'from run.json', metadata: 'from its metadata', shape: 'recognised from its layers (no metadata)' } as const;

export class ModelsPage {
  readonly el: HTMLElement;
  private readonly files = h('input', {
    type: 'file',
    multiple: true,
    accept: '.json,.bin,application/json,application/octet-stream',
    'data-testid': 'model-import',
    id: 'model-import-input',
  });
  private readonly zoo = select('importZooId', [['', 'recognise automatically'], ...MODEL_IDS.map((id) => [id, id] as const)], 'import-zoo-select');
  private readonly importButton = h('button', { type: 'button', class: 'primary', 'data-testid': 'import-button' }, 'Import');
  private readonly status = new StatusLine('import-status');
  private readonly table = h('tbody', { 'data-testid': 'session-models' });

  constructor(private readonly session: SessionModels) {
    this.importButton.addEventListener('click', () => void this.import());
    this.el = h(
      'section',
      { class: 'page models-page', 'data-page': 'models' },
      h(
        'div',
        { class: 'panel' },
        h('h2', {}, 'Import a model trained by the CLI'),
        h(
          'p',
          {},
          'Pick one ',
          h('code', {}, '.nnlab.json'),
          ' file exported here, or ',
          h('code', {}, 'model.json'),
          ' and ',
          h('code', {}, 'weights.bin'),
          ' from a run’s ',
          h('code', {}, 'runs/<id>/model/'),
          ' folder (written by ',
          h('code', {}, 'nnlab train'),
          '); add the run’s ',
          h('code', {}, 'run.json'),
          ' to take its zoo model and input pipeline from the record.',
        ),
        h(
          'div',
          { class: 'actions' },
          h('label', { for: 'model-import-input' }, 'model files'),
          this.files,
          h('label', { class: 'field inline' }, 'zoo model ', this.zoo),
          this.importButton,
        ),
        h('div', { class: 'actions' }, this.status.el),
      ),
      h(
        'div',
        { class: 'panel' },
        h('h2', {}, 'Models in this session'),
        h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'models-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', {}, 'name'),
                h('th', {}, 'zoo model'),
                h('th', {}, 'origin'),
                h('th', {}, 'parameters'),
                h('th', {}, 'test accuracy'),
                h('th', {}, ''),
              ),
            ),
            this.table,
          ),
        ),
        h(
          'p',
          { class: 'muted' },
          'Export downloads one ',
          h('code', {}, '.nnlab.json'),
          ' file: the model, its weights and its run record. ',
          h('code', {}, 'nnlab predict'),
          ' reads it, ',
          h('code', {}, 'nnlab runs import'),
          ' makes it a run folder, and this page imports it back.',
        ),
      ),
    );
    this.el.append(new RunList(session).el);
    session.list.subscribe((list) => this.renderList(list));
  }

  private async import(): Promise<void> {
    const picked = Array.from(this.files.files ?? []);
    if (picked.length === 0) {
      this.status.set('error', 'choose model.json and weights.bin first');
      return;
    }
    this.importButton.disabled = true;
    this.status.set('loading', 'loading…');
    try {
      const files = await pickModelFiles(picked);
      const imported = await importModel(files, (this.zoo.value || undefined) as ModelId | undefined);
      const m = this.session.add({
        zooId: imported.entry.id,
        entry: imported.entry,
        label: files.label ? `${files.label} (imported)` : undefined,
        source: 'imported',
        detail: `imported ${picked.map((f) => f.name).join(' + ')} (${HOW[imported.how]})`,
        model: imported.model,
        pipeline: imported.pipeline,
        testAccuracy: files.run?.test?.accuracy,
        run: files.run ? { record: files.run, origin: files.run.config.versions?.app === 'nnlab web' ? 'browser' : 'cli' } : undefined,
      });
      const kept = await keepModel(this.session, this.session.get(m.key) ?? m, files.files).then(
        () => 'kept in this browser',
        (err) => `not kept in this browser: ${errorMessage(err)}`,
      );
      this.status.set(
        'done',
        `imported ${m.label}: ${imported.entry.title}, ${m.params.toLocaleString('en')} parameters (${HOW[imported.how]}${files.run ? ', with its run record' : ''}), ${kept}`,
      );
      this.files.value = '';
    } catch (err) {
      this.status.set('error', `import failed: ${errorMessage(err)}`);
    } finally {
      this.importButton.disabled = false;
    }
  }

  private renderList(list: readonly SessionModel[]): void {
    if (list.length === 0) {
      this.table.replaceChildren(h('tr', {}, h('td', { colspan: 6, class: 'muted' }, 'none yet: train one on the Train tab or import one above')));
      return;
    }
    this.table.replaceChildren(
      ...list.map((m) =>
        h(
          'tr',
          { 'data-model-key': m.key, 'data-zoo-id': m.zooId },
          h('td', {}, m.label),
          h('td', {}, m.zooId),
          h('td', { class: 'detail' }, m.detail),
          h('td', { class: 'num' }, m.params.toLocaleString('en')),
          h('td', { class: 'num' }, fmt(m.testAccuracy)),
          h(
            'td',
            { class: 'row-actions' },
            h('button', { type: 'button', 'data-testid': 'export-button', onclick: () => void this.export(m) }, 'Export'),
            h('button', { type: 'button', 'data-testid': 'remove-button', onclick: () => void forgetModel(this.session, m.key) }, 'Delete'),
          ),
        ),
      ),
    );
  }

  private async export(m: SessionModel): Promise<void> {
    try {
      const files = await modelToFiles(m.model);
      const name = `${m.label.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '')}${MODEL_BUNDLE_EXTENSION}`;
      downloadBlob(new Blob([writeModelBundle({ files, run: m.run?.record, label: m.label })], { type: 'application/json' }), name);
      this.status.set('done', `exported ${m.label} as ${name} (model, weights${m.run ? ' and run record' : ''} in one file)`);
    } catch (err) {
      this.status.set('error', `export failed: ${errorMessage(err)}`);
    }
  }
}
