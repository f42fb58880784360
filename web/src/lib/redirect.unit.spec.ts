import { describe, expect, it } from 'vitest';
import { carryRedirect, redirectTarget } from './redirect';

describe('where sign-in and sign-up lead', () => {
  it('follows a path of this app, and nothing that leaves it', () => {
    expect(redirectTarget({ redirect: '/invite/abc?x=1' })).toBe('/invite/abc?x=1');
    for (const away of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', ''])
      expect(redirectTarget({ redirect: away })).toBe('/');
    expect(redirectTarget({ redirect: ['/a', '/b'] })).toBe('/');
    expect(redirectTarget({})).toBe('/');
  });

  it('carries the redirect to the other form', () => {
    expect(carryRedirect({ redirect: '/invite/abc' })).toEqual({ redirect: '/invite/abc' });
    expect(carryRedirect({})).toEqual({});
  });
});
