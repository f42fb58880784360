// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';

vi.mock('../api/auth', () => ({
  authApi: {
    register: vi.fn(async () => ({ userId: 'u1', position: 'u.0.4' })),
    login: vi.fn(async () => ({
      accessToken: token('u1'),
      refreshToken: 'r1',
      expiresIn: 900,
      user: { id: 'u1', username: 'ada', displayName: 'Ada', interests: [], avatarMediaId: null },
    })),
    logout: vi.fn(async () => undefined),
    me: vi.fn(async () => ({ id: 'u1', username: 'ada', displayName: 'Ada L.', interests: ['math'], avatarMediaId: null })),
    updateMe: vi.fn(async () => ({ position: 'u.0.9' })),
  },
}));

function token(sub: string) {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '');
  return `${b64({ alg: 'HS256' })}.${b64({ sub, username: 'ada' })}.sig`;
}

const { useAuthStore, subjectOf } = await import('./auth.store');
const { authApi } = await import('../api/auth');
const { tokens } = await import('../api');

describe('auth store', () => {
  beforeEach(() => {
    localStorage.clear();
    tokens.clear();
    setActivePinia(createPinia());
    vi.clearAllMocks();
  });

  it('logs in, keeps the access token (never the refresh token) and the user', async () => {
    const auth = useAuthStore();
    expect(auth.signedIn).toBe(false);
    await auth.login(' ada ', 'secret-pass');
    expect(authApi.login).toHaveBeenCalledWith('ada', 'secret-pass');
    expect(auth.signedIn).toBe(true);
    expect(auth.userId).toBe('u1');
    expect(tokens.access()).toBe(token('u1'));
    expect(localStorage.getItem('groupchat.session')).not.toContain('r1');
  });

  it('registers and then signs in with the same credentials', async () => {
    const auth = useAuthStore();
    await auth.register({ username: 'ada', email: 'ada@example.com', password: 'secret-pass', interests: ['math'] });
    expect(authApi.register).toHaveBeenCalledOnce();
    expect(authApi.login).toHaveBeenCalledWith('ada', 'secret-pass');
    expect(auth.user?.username).toBe('ada');
  });

  it('logs out: token gone, the refresh token of the cookie revoked on the server', async () => {
    const auth = useAuthStore();
    await auth.login('ada', 'secret-pass');
    await auth.logout();
    expect(authApi.logout).toHaveBeenCalledOnce();
    expect(auth.signedIn).toBe(false);
    expect(auth.user).toBeNull();
    expect(localStorage.getItem('groupchat.session')).toBeNull();
  });

  it('logs out: the drafts of this user go, another user’s stay', async () => {
    const auth = useAuthStore();
    await auth.login('ada', 'secret-pass');
    localStorage.setItem('groupchat.draft.u1.g1', 'to the chess club');
    localStorage.setItem('groupchat.draft.u1.g2', 'to the go club');
    localStorage.setItem('groupchat.draft.u2.g1', 'someone else’s');
    await auth.logout();
    expect(localStorage.getItem('groupchat.draft.u1.g1')).toBeNull();
    expect(localStorage.getItem('groupchat.draft.u1.g2')).toBeNull();
    expect(localStorage.getItem('groupchat.draft.u2.g1')).toBe('someone else’s');
  });

  it('follows the token store: a session lost elsewhere signs this store out', async () => {
    const auth = useAuthStore();
    await auth.login('ada', 'secret-pass');
    tokens.clear();
    expect(auth.signedIn).toBe(false);
    expect(auth.user).toBeNull();
  });

  it('updates the profile optimistically from the answer', async () => {
    const auth = useAuthStore();
    await auth.login('ada', 'secret-pass');
    await auth.updateProfile({ displayName: 'Countess', interests: ['math', 'poetry'] });
    expect(auth.user).toMatchObject({ displayName: 'Countess', interests: ['math', 'poetry'] });
  });

  it('reads the user id from the access token subject', () => {
    expect(subjectOf(token('abc'))).toBe('abc');
    expect(subjectOf('garbage')).toBeNull();
  });
});
