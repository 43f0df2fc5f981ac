import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { isBusy } from '../../app/activity.ts';
import { TaskController, type TaskOptions } from './task-controller.ts';

type Section = 'backup' | 'restore';

/** A host as an admin panel uses it: a button disabled while working, one outcome line per section. */
@customElement('kofu-task-controller-test-host')
class TaskHost extends LitElement {
  options: TaskOptions = {};
  readonly tasks = new TaskController<Section>(this, 'test', { refresh: () => this.options.refresh?.() ?? Promise.resolve() });

  override render() {
    const line = (section: Section) => {
      const outcome = this.tasks.outcome(section);
      if (!outcome) return nothing;
      return outcome.kind === 'ok'
        ? html`<p data-section=${section} data-result="ok">${outcome.text}</p>`
        : html`<p data-section=${section} data-result="error">${String((outcome.error as Error).message)}</p>`;
    };
    return html`<button ?disabled=${this.tasks.working}>go</button>${line('backup')}${line('restore')}`;
  }
}

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

async function host(): Promise<TaskHost> {
  return fixture<TaskHost>(html`<kofu-task-controller-test-host></kofu-task-controller-test-host>`);
}

const button = (el: TaskHost) => el.shadowRoot!.querySelector('button')!;
const result = (el: TaskHost, section: Section) => el.shadowRoot!.querySelector(`[data-section="${section}"]`);

describe('ui/shared TaskController', () => {
  it('marks the host busy and holds off app updates while an action runs, then shows its success line', async () => {
    const el = await host();
    const task = deferred<string>();
    const running = el.tasks.run('backup', () => task.promise);
    await el.updateComplete;
    expect(el.tasks.working).to.equal(true);
    expect(button(el).disabled).to.equal(true);
    expect(isBusy()).to.equal(true);
    task.resolve('Backup saved.');
    await running;
    await el.updateComplete;
    expect(el.tasks.working).to.equal(false);
    expect(button(el).disabled).to.equal(false);
    expect(isBusy()).to.equal(false);
    expect(result(el, 'backup')?.getAttribute('data-result')).to.equal('ok');
    expect(result(el, 'backup')?.textContent).to.equal('Backup saved.');
  });

  it('shows a failed action’s error, and clears a section’s old outcome when it runs again', async () => {
    const el = await host();
    await el.tasks.run('backup', () => Promise.reject(new Error('disk full')));
    await el.updateComplete;
    expect(result(el, 'backup')?.getAttribute('data-result')).to.equal('error');
    expect(result(el, 'backup')?.textContent).to.equal('disk full');

    const task = deferred<string | undefined>();
    const running = el.tasks.run('backup', () => task.promise);
    await el.updateComplete;
    expect(result(el, 'backup'), 'the old error is gone while the action runs').to.equal(null);
    task.resolve(undefined);
    await running;
    await el.updateComplete;
    expect(result(el, 'backup'), 'an action that returns no line shows nothing').to.equal(null);
  });

  it('keeps each section’s outcome apart', async () => {
    const el = await host();
    await el.tasks.run('backup', async () => 'saved');
    await el.tasks.run('restore', () => Promise.reject(new Error('not a backup')));
    await el.updateComplete;
    expect(result(el, 'backup')?.textContent).to.equal('saved');
    expect(result(el, 'restore')?.textContent).to.equal('not a backup');
    expect(el.tasks.outcome('backup')).to.deep.equal({ kind: 'ok', text: 'saved' });
  });

  it('shows the outcome only after the refresh, and a failed refresh instead of a success line', async () => {
    const el = await host();
    const seen: unknown[] = [];
    el.options = { refresh: async () => void seen.push(el.tasks.outcome('restore')) };
    await el.tasks.run('restore', async () => 'restored');
    expect(seen, 'no outcome yet while refreshing').to.deep.equal([undefined]);
    expect(el.tasks.outcome('restore')).to.deep.equal({ kind: 'ok', text: 'restored' });

    const stale = new Error('could not read the registry again');
    el.options = { refresh: () => Promise.reject(stale) };
    await el.tasks.run('restore', async () => 'restored');
    expect(el.tasks.outcome('restore')).to.deep.equal({ kind: 'error', error: stale });

    const own = new Error('the file is broken');
    await el.tasks.run('restore', () => Promise.reject(own));
    expect(el.tasks.outcome('restore'), 'the action’s own error stays').to.deep.equal({ kind: 'error', error: own });
    expect(el.tasks.working).to.equal(false);
    expect(isBusy()).to.equal(false);
  });

  it('stays working until the last of two overlapping actions ends', async () => {
    const el = await host();
    const first = deferred<string>();
    const second = deferred<string>();
    const a = el.tasks.run('backup', () => first.promise);
    const b = el.tasks.run('restore', () => second.promise);
    first.resolve('one');
    await a;
    expect(el.tasks.working).to.equal(true);
    expect(isBusy()).to.equal(true);
    second.resolve('two');
    await b;
    expect(el.tasks.working).to.equal(false);
    expect(isBusy()).to.equal(false);
  });

  it('shows and clears an outcome that came from elsewhere (a failed first load)', async () => {
    const el = await host();
    el.tasks.show('backup', { kind: 'error', error: new Error('storage unavailable') });
    await el.updateComplete;
    expect(result(el, 'backup')?.textContent).to.equal('storage unavailable');
    el.tasks.show('backup', undefined);
    await el.updateComplete;
    expect(result(el, 'backup')).to.equal(null);
  });

  it('with refreshOnConnect, loads when the host connects and shows a failed load in main', async () => {
    let loads = 0;
    let fail = false;
    const loading = document.createElement('kofu-task-controller-load-host') as LoadHost;
    loading.load = async () => {
      loads++;
      if (fail) throw new Error('registry unreadable');
    };
    document.body.append(loading);
    expect(loads).to.equal(1);
    expect(loading.tasks.outcome()).to.equal(undefined);
    loading.remove();
    fail = true;
    document.body.append(loading);
    await new Promise((settled) => setTimeout(settled));
    expect(loads).to.equal(2);
    const outcome = loading.tasks.outcome();
    expect(outcome?.kind === 'error' && (outcome.error as Error).message).to.equal('registry unreadable');
    loading.remove();
  });
});

/** A host whose first load comes from the controller (as the registry panel's and the staff gate's). */
@customElement('kofu-task-controller-load-host')
class LoadHost extends LitElement {
  load: () => Promise<void> = async () => {};
  readonly tasks = new TaskController(this, 'load-test', { refresh: () => this.load(), refreshOnConnect: true });
}
