import { ref } from 'vue';
import { errorMessage } from '../api';
import { notificationsApi, type PushSubscriptionInput } from '../api/notifications';
import { base64UrlToBytes } from '../lib/notifications';

export type PushState = 'checking' | 'on' | 'off' | 'blocked' | 'unsupported';

const supported = () => typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;

async function currentSubscription(): Promise<PushSubscription | null> {
  const reg = await navigator.serviceWorker.getRegistration('/');
  return (await reg?.pushManager.getSubscription()) ?? null;
}

/** Web Push on this browser (docs/notifications.md): its state, and turning it on or off. */
export function usePushDevice() {
  const state = ref<PushState>('checking');
  const busy = ref(false);
  const error = ref<string | null>(null);

  async function check() {
    if (!supported()) return void (state.value = 'unsupported');
    if (Notification.permission === 'denied') return void (state.value = 'blocked');
    state.value = Notification.permission === 'granted' && (await currentSubscription().catch(() => null)) ? 'on' : 'off';
  }

  async function run(step: () => Promise<void>) {
    busy.value = true;
    error.value = null;
    try {
      await step();
    } catch (err) {
      error.value = errorMessage(err);
    } finally {
      busy.value = false;
      await check().catch(() => undefined);
    }
  }

  const turnOn = () =>
    run(async () => {
      if ((await Notification.requestPermission()) !== 'granted') return;
      await navigator.serviceWorker.register('/sw.js');
      const reg = await navigator.serviceWorker.ready;
      const { vapidPublicKey } = await notificationsApi.listPushSubscriptions();
      const sub =
        (await reg.pushManager.getSubscription()) ??
        (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlToBytes(vapidPublicKey) }));
      await notificationsApi.addPushSubscription(sub.toJSON() as PushSubscriptionInput);
    });

  const turnOff = () =>
    run(async () => {
      const sub = await currentSubscription();
      if (!sub) return;
      const { endpoint } = sub;
      await sub.unsubscribe();
      await notificationsApi.removePushSubscription(endpoint);
    });

  void check();
  return { state, busy, error, turnOn, turnOff, check };
}
