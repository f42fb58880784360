import { randomUUID } from 'node:crypto';
import type { TestApp } from '@groupchat/test-kit/app';
import { PASSWORD, type Account } from './people';

/** One person acting through the API, carrying the position of their last write (read-your-writes). */
export class ApiActor {
  private positions: string[] = [];

  private constructor(
    private readonly app: TestApp,
    readonly account: Account,
    private readonly token: string,
  ) {}

  static async signIn(app: TestApp, account: Account): Promise<ApiActor> {
    const res = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: account.username, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${account.username}: ${res.status}`);
    return new ApiActor(app, account, ((await res.json()) as { accessToken: string }).accessToken);
  }

  private async send<T>(method: string, path: string, body?: unknown, after: string[] = this.positions): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (after.length) headers['x-min-position'] = after.slice(-8).join(',');
    let payload: string | FormData | undefined;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(`${this.app.url}/api/v1${path}`, { method, headers, body: payload });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    const parsed = text ? (JSON.parse(text) as T & { position?: string }) : ({} as T & { position?: string });
    if (parsed.position) this.positions.push(parsed.position);
    return parsed;
  }

  /** Any other route, as this person, reading their own writes. */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    return this.send<T>(method, path, body);
  }

  /** Waits for another person's write too (e.g. the group they created) before acting. */
  seen(position: string): this {
    this.positions.push(position);
    return this;
  }

  get lastPosition(): string {
    return this.positions[this.positions.length - 1]!;
  }

  async createGroup(input: { name: string; description: string; interests: string[]; visibility?: 'public' | 'private' }): Promise<string> {
    const res = await this.send<{ groupId: string }>('POST', '/groups', { visibility: 'public', ...input });
    return res.groupId;
  }

  async join(groupId: string): Promise<void> {
    await this.send('POST', `/groups/${groupId}/join`);
  }

  /** The newest page of the group's history, as the read model has it now. */
  async history(groupId: string): Promise<{ id: string; text: string | null; mentions?: string[] }[]> {
    return (await this.send<{ items: { id: string; text: string | null; mentions?: string[] }[] }>('GET', `/groups/${groupId}/messages`)).items;
  }

  /** The group's members, as the read model has them once it has seen this actor's positions. */
  async members(groupId: string): Promise<{ userId: string; username: string | null }[]> {
    return (await this.send<{ items: { userId: string; username: string | null }[] }>('GET', `/groups/${groupId}/members`)).items;
  }

  /** Opens a direct conversation (POST /dms); `request` asks people who share no group. */
  async openDm(userIds: string[], request = false): Promise<string> {
    const res = await this.send<{ groupId: string }>('POST', '/dms', { userIds, ...(request ? { request } : {}) });
    return res.groupId;
  }

  /** GET /dms, read at this person's last write. */
  dms(): Promise<{ items: { groupId: string; status: string }[] }> {
    return this.send('GET', '/dms');
  }

  async post(groupId: string, text: string, attachments: string[] = []): Promise<string> {
    const res = await this.send<{ messageId: string }>('POST', `/groups/${groupId}/messages`, {
      clientMessageId: randomUUID(),
      text,
      ...(attachments.length ? { attachments } : {}),
    });
    return res.messageId;
  }

  async react(groupId: string, messageId: string, emoji: string): Promise<void> {
    await this.send('POST', `/groups/${groupId}/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`);
  }

  async upload(name: string, type: string, bytes: Buffer): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await this.send<{ mediaId: string }>('POST', '/media', form);
    return res.mediaId;
  }

  async updateProfile(patch: { displayName?: string; bio?: string; interests?: string[]; avatarMediaId?: string }): Promise<void> {
    await this.send('PATCH', '/me', patch);
  }
}
