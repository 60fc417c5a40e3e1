/**
 * Coalesces calls into one run per animation frame. A hidden tab gets no animation frames, so
 * there a timer stands in (its stores stay small and its counts right).
 */
export function frameThrottle(fn: () => void, hiddenMs = 500): { schedule: () => void; cancel: () => void } {
  let handle = 0;
  let viaTimer = false;
  const run = () => {
    handle = 0;
    fn();
  };
  return {
    schedule() {
      if (handle) return;
      viaTimer = document.hidden;
      handle = viaTimer ? window.setTimeout(run, hiddenMs) : requestAnimationFrame(run);
    },
    cancel() {
      if (!handle) return;
      if (viaTimer) window.clearTimeout(handle);
      else cancelAnimationFrame(handle);
      handle = 0;
    },
  };
}
