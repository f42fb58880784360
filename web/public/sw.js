/* GroupChat's service worker: Web Push notifications (docs/notifications.md).
 * Plain JavaScript served as is from web/public (vite copies it to dist/sw.js); a classic script,
 * so every browser with Push can run it. Tested by web/src/lib/sw.unit.spec.ts with a fake `self`. */

/** What the notification says when the push carries no text (the recipient's pushText). */
const WITHOUT_TEXT = {
  mention: 'mentioned you',
  broadcast: 'mentioned you',
  reply: 'replied to you',
  direct: 'sent you a message',
  message: 'sent a message',
};

/** Same-origin paths only: a push never sends a click anywhere else. */
function conversationUrl(payload) {
  const url = typeof payload.url === 'string' ? payload.url : '';
  if (url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\')) return url;
  return typeof payload.groupId === 'string' ? `/groups/${encodeURIComponent(payload.groupId)}` : '/';
}

/** A push payload → `{title, options}` for showNotification, or null for one that is not a message. */
function notificationFor(payload) {
  if (!payload || typeof payload !== 'object' || payload.type !== 'message') return null;
  const name = (payload.sender && payload.sender.displayName) || 'Someone';
  const text = typeof payload.text === 'string' ? payload.text.trim() : '';
  const body = text ? `${name}: ${text}` : `${name} ${WITHOUT_TEXT[payload.reason] || WITHOUT_TEXT.message}`;
  return {
    title: payload.groupName || 'GroupChat',
    options: {
      body,
      tag: payload.messageId,
      data: { url: conversationUrl(payload), groupId: payload.groupId },
    },
  };
}

/** A focused, visible window already showing the conversation: no notification for it. */
function showing(client, groupId) {
  if (!client.focused || client.visibilityState !== 'visible' || typeof groupId !== 'string') return false;
  const path = new URL(client.url).pathname;
  const base = `/groups/${encodeURIComponent(groupId)}`;
  return path === base || path.startsWith(`${base}/`);
}

const windows = () => self.clients.matchAll({ type: 'window', includeUncontrolled: true });

async function onPush(event) {
  let payload = null;
  try {
    payload = event.data ? event.data.json() : null;
  } catch {
    payload = null;
  }
  const shown = notificationFor(payload);
  if (!shown) return;
  const open = await windows();
  if (open.some((c) => showing(c, payload.groupId))) return;
  await self.registration.showNotification(shown.title, shown.options);
}

async function onClick(event) {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || '/', self.location.origin).href;
  const open = (await windows()).filter((c) => new URL(c.url).origin === self.location.origin);
  const client = open.find((c) => c.focused) || open[0];
  if (client) {
    try {
      const focused = await client.focus();
      if ('navigate' in focused) await focused.navigate(target);
      return;
    } catch {
      // Not controlled by this worker (navigate refuses): open a window instead.
    }
  }
  await self.clients.openWindow(target);
}

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('push', (event) => event.waitUntil(onPush(event)));
self.addEventListener('notificationclick', (event) => event.waitUntil(onClick(event)));
