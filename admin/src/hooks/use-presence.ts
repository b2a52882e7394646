import { useEffect, useState } from 'react';
import { request, subscribe } from '../data/request';
import type { Presence } from '../types';

/** Agent presence by staff id, kept live. */
export function usePresence(enabled = true): Map<string, Presence> {
  const [presence, setPresence] = useState(new Map<string, Presence>());
  useEffect(() => {
    if (!enabled) return;
    let active = true;
    request<{ agentPresences: Presence[] }>('AgentPresences')
      .then(({ agentPresences }) => active && setPresence(new Map(agentPresences.map((p) => [p.staffUserId, p]))))
      .catch(() => undefined);
    const stop = subscribe<{ agentPresenceChanged: Presence }>('AgentPresenceChanged', {}, ({ agentPresenceChanged: p }) =>
      setPresence((current) => new Map(current).set(p.staffUserId, p)),
    );
    return () => {
      active = false;
      stop();
    };
  }, [enabled]);
  return presence;
}
