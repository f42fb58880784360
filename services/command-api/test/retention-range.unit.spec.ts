import { describe, expect, it } from 'vitest';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS, UpdateGroupRequest } from '../src/groups/schemas';

describe('retentionDays in PATCH /groups/:id', () => {
  const accepts = (retentionDays: unknown) => UpdateGroupRequest.safeParse({ retentionDays }).success;

  it('accepts whole days from one to ten years, and null (keep forever)', () => {
    expect([MIN_RETENTION_DAYS, 30, MAX_RETENTION_DAYS, null].map(accepts)).toEqual([true, true, true, true]);
  });

  it('refuses zero, negatives, fractions, more than ten years and non-numbers', () => {
    expect([0, -1, 1.5, MAX_RETENTION_DAYS + 1, '30', true, Number.MAX_SAFE_INTEGER].map(accepts)).toEqual([false, false, false, false, false, false, false]);
  });
});
