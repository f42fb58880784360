import { useRealtimeStore } from '../realtime/realtime.store';

const EVERY_MS = 3000;

/** Tells the group we are typing, at most once every few seconds. */
export function useTyping(groupId: () => string) {
  const realtime = useRealtimeStore();
  let last = 0;
  let lastGroup = '';
  return function typed() {
    const now = Date.now();
    const id = groupId();
    if (id === lastGroup && now - last < EVERY_MS) return;
    last = now;
    lastGroup = id;
    if (realtime.status === 'online') realtime.send({ type: 'typing', groupId: id });
  };
}
