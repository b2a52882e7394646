import { useEffect, useState } from 'react';
import { useMe } from './use-me';

const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribeTick(listener: (now: number) => void): () => void {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l(Date.now())), 1000);
  return () => {
    listeners.delete(listener);
    if (!listeners.size && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** Server time, ticking every second (one timer for every countdown on screen). */
export function useServerNow(): number {
  const { me } = useMe();
  const [now, setNow] = useState(Date.now());
  useEffect(() => subscribeTick(setNow), []);
  return now + (me?.clockOffsetMs ?? 0);
}
