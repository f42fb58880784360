import type { components } from './generated/openapi';
import { api } from './index';

type Schemas = components['schemas'];
export type NotificationSettings = Schemas['NotificationSettings'];
export type NotificationLevel = Schemas['NotificationSettingRequest']['level'];
export type PushText = NonNullable<Schemas['NotificationSettingRequest']['pushText']>;
export type NotificationSettingInput = Schemas['NotificationSettingRequest'];
export type PushSubscriptionInput = Schemas['PushSubscriptionRequest'];

const enc = encodeURIComponent;

/** Notification settings and this browser's push subscription (docs/notifications.md). */
export const notificationsApi = {
  getSettings: () => api.get<NotificationSettings>('/me/notification-settings'),
  /** A conversation's whole setting, or `default`: my default (with `pushText`). */
  putSetting: (groupId: string | 'default', input: NotificationSettingInput) =>
    api.put<Schemas['NotificationSettingResponse']>(`/me/notification-settings/${enc(groupId)}`, input),
  /** Drops a conversation's own setting: it follows my default again. */
  resetSetting: (groupId: string) => api.del<Schemas['NotificationSettingReset']>(`/me/notification-settings/${enc(groupId)}`),
  listPushSubscriptions: () => api.get<Schemas['PushSubscriptions']>('/me/push-subscriptions'),
  /** `subscription` is `PushSubscription.toJSON()`. */
  addPushSubscription: (subscription: PushSubscriptionInput) => api.post<Schemas['PushSubscriptionCreated']>('/me/push-subscriptions', subscription),
  removePushSubscription: (endpoint: string) => api.request<void>('DELETE', '/me/push-subscriptions', { body: { endpoint } }),
};
