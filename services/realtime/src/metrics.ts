import { prom, registry } from '@groupchat/shared';

export const connectionsGauge = new prom.Gauge({ name: 'groupchat_realtime_connections', help: 'Open WebSocket connections', registers: [registry] });

export const subscriptionsGauge = new prom.Gauge({
  name: 'groupchat_realtime_subscriptions',
  help: 'Group subscriptions on open connections',
  registers: [registry],
});

export const framesDelivered = new prom.Counter({
  name: 'groupchat_realtime_frames_delivered_total',
  help: 'Frames handed to sockets, by frame type',
  labelNames: ['type'],
  registers: [registry],
});

const frameCounters = new Map<string, prom.Counter.Internal>();

/** Counts a frame handed to a socket; the labelled counter is looked up once per frame type, not per frame. */
export function countFrame(kind: string): void {
  let counter = frameCounters.get(kind);
  if (!counter) frameCounters.set(kind, (counter = framesDelivered.labels(kind)));
  counter.inc();
}

export const fanoutLatency = new prom.Histogram({
  name: 'groupchat_realtime_fanout_latency_seconds',
  help: 'From an event occurring to its frame being handed to the subscribed sockets',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const closesCounter = new prom.Counter({
  name: 'groupchat_realtime_closes_total',
  help: 'Connections closed by the server, by close code',
  labelNames: ['code'],
  registers: [registry],
});

export const resyncsCounter = new prom.Counter({ name: 'groupchat_realtime_resyncs_total', help: 'Subscriptions answered with resync', registers: [registry] });

export const sendBufferPeak = new prom.Gauge({
  name: 'groupchat_realtime_send_buffer_peak_bytes',
  help: 'Largest per-socket send buffer seen since start: what a client that stops reading costs at most',
  registers: [registry],
});

let peak = 0;
export function noteSendBuffer(bytes: number) {
  if (bytes <= peak) return;
  peak = bytes;
  sendBufferPeak.set(bytes);
}
