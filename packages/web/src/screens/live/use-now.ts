import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs`, for ages that move on without new data. */
export function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}

/** Meters as a person reads them on the floor: "85 m", "1.2 km". */
export function fmtMeters(m: number): string {
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(1)} km`;
}
