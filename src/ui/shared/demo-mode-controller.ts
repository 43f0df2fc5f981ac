/** Keeps a Lit element's view of demo mode current, in this tab and when another tab changes it. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cachedDemoMode, onDemoModeChange } from '../../app/demo-mode.ts';

export class DemoModeController implements ReactiveController {
  /** The last known setting (the first-paint copy until a change is heard). */
  on = cachedDemoMode();
  private unsubscribe?: () => void;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = onDemoModeChange((on) => {
      this.on = on;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
  }
}
