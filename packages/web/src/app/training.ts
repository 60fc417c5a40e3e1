/**
 * Training mode: once any answer carries X-RTCC-Mode (or /healthz says `training`), the console
 * shows a banner that cannot be dismissed, so nobody takes a simulated hit for a real one.
 */
import { Store } from './store.ts';

/** A training server marks the page it serves (`<meta name="rtcc-mode" content="training">`). */
export const training = new Store(document.querySelector('meta[name="rtcc-mode"]')?.getAttribute('content') === 'training');

export function markTraining(on: boolean): void {
  if (on) training.set(true);
}
