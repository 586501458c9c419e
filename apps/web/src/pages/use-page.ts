/** Use page: the session's models on drawn digits and uploaded chest X-rays. */
import type { SessionModels } from '../state/session-models';
import { h } from '../ui/dom';
import { DigitSection } from './digit-section';
import { XraySection } from './xray-section';

export class UsePage {
  readonly el: HTMLElement;

  constructor(session: SessionModels) {
    this.el = h('section', { class: 'page use-page', 'data-page': 'use' }, new DigitSection(session).el, new XraySection(session).el);
  }
}
