/**
 * One admin action at a time, with its outcome: holds off app updates while the action runs
 * (`beginWork`), marks the host busy, and keeps each section's last outcome. Replaces the
 * `run(task)` / `working` / `outcome` state that each admin panel used to carry by hand.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { beginWork } from '../../app/activity.ts';
import { staffAccess } from '../../app/staff/index.ts';
import type { LogDetail } from '../../app/staff/access.ts';

/** An admin action by name (docs/security.md lists them): run only for a signed-in staff member, and logged. */
export interface StaffAction {
  readonly name: string;
  readonly detail?: LogDetail;
}

/** What an action left for the person: a success line, or the error to describe. */
export type Outcome = { readonly kind: 'ok'; readonly text: string } | { readonly kind: 'error'; readonly error: unknown };

export interface TaskOptions {
  /** Runs after the action, success or failure, before its outcome shows (e.g. reload state). */
  readonly refresh?: () => Promise<void>;
  /** Also runs `refresh` whenever the host is connected (its first load); a failure shows in `main`. */
  readonly refreshOnConnect?: boolean;
}

export class TaskController<Section extends string = 'main'> implements ReactiveController {
  private running = 0;
  private readonly outcomes = new Map<Section, Outcome>();

  constructor(
    private readonly host: ReactiveControllerHost,
    /** Names the holder in `beginWork` (update-deferral diagnostics). */
    private readonly label: string,
    private readonly options: TaskOptions = {},
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.options.refreshOnConnect) return;
    this.options.refresh?.().catch((error: unknown) => this.show('main' as Section, { kind: 'error', error }));
  }

  /** True while an action runs (until the last one ends, should two overlap); the host disables its buttons. */
  get working(): boolean {
    return this.running > 0;
  }

  /** The last outcome shown in `section`, if any. */
  outcome(section: Section = 'main' as Section): Outcome | undefined {
    return this.outcomes.get(section);
  }

  /** Shows an outcome that did not come from `run` (e.g. a failed first load). */
  show(section: Section, outcome: Outcome | undefined): void {
    if (outcome) this.outcomes.set(section, outcome);
    else this.outcomes.delete(section);
    this.host.requestUpdate();
  }

  /**
   * Runs one action. The task returns the success line, or `undefined` to show nothing. The
   * outcome appears only after `refresh`, so a success message never sits beside stale state.
   * With `action`, the task runs only for a signed-in staff member and is written to the staff
   * log with their credential, whether it succeeds or fails (src/app/staff/access.ts `act`).
   */
  async run(section: Section, task: () => Promise<string | undefined>, action?: StaffAction): Promise<void> {
    const done = beginWork(`${this.label}:${section}`);
    this.running++;
    this.outcomes.delete(section);
    this.host.requestUpdate();
    let outcome: Outcome | undefined;
    try {
      const text = action ? await staffAccess().act(action.name, task, () => action.detail) : await task();
      if (text !== undefined) outcome = { kind: 'ok', text };
    } catch (error) {
      outcome = { kind: 'error', error };
    }
    try {
      await this.options.refresh?.();
    } catch (error) {
      // The state shown is stale: say so instead of a success line (a failed action's own error stays).
      if (outcome?.kind !== 'error') outcome = { kind: 'error', error };
    } finally {
      if (outcome) this.outcomes.set(section, outcome);
      this.running--;
      done();
      this.host.requestUpdate();
    }
  }
}
