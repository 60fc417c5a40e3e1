/**
 * The new-hit tone, made with Web Audio (no sound file to ship). Browsers allow audio only after
 * the person interacted with the page; signing in is that interaction.
 */
import { Store } from '../app/store.ts';

const KEY = 'rtcc.sound';
export const soundOn = new Store<boolean>(localStorage.getItem(KEY) !== 'off');

export function setSound(on: boolean): void {
  localStorage.setItem(KEY, on ? 'on' : 'off');
  soundOn.set(on);
}

let ctx: AudioContext | undefined;

/** Two short rising tones; higher for priority 1 lists. */
export function playHitTone(priority: number): void {
  if (!soundOn.get()) return;
  try {
    ctx ??= new AudioContext();
    if (ctx.state === 'suspended') void ctx.resume();
    const base = priority <= 1 ? 880 : 660;
    [0, 0.18].forEach((at, i) => {
      const osc = ctx!.createOscillator();
      const gain = ctx!.createGain();
      osc.type = 'square';
      osc.frequency.value = base * (i === 0 ? 1 : 1.5);
      gain.gain.setValueAtTime(0.0001, ctx!.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.15, ctx!.currentTime + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx!.currentTime + at + 0.15);
      osc.connect(gain).connect(ctx!.destination);
      osc.start(ctx!.currentTime + at);
      osc.stop(ctx!.currentTime + at + 0.16);
    });
  } catch {
    // no audio device (a kiosk, a test browser): the badge still shows the hit
  }
}
