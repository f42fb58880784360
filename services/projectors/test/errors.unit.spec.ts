import { describe, expect, it } from 'vitest';
import { backoffMs, isTransient } from '../src/framework/errors';

const withCode = (code: string) => Object.assign(new Error('x'), { code });

describe('telling a dependency failure from a bad event', () => {
  it('treats a server being away or contended as transient', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '40P01', '40001', '57P01', '53300', '08006']) expect(isTransient(withCode(code)), code).toBe(true);
    expect(isTransient(Object.assign(new Error('unavailable'), { meta: { statusCode: 503 } }))).toBe(true);
    expect(isTransient(Object.assign(new Error('too many'), { statusCode: 429 }))).toBe(true);
    expect(isTransient(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransient(Object.assign(new Error('kafka'), { retriable: true }))).toBe(true);
  });

  it('treats what the data caused as not transient', () => {
    for (const code of ['23505', '22021', '42P01', '22P02']) expect(isTransient(withCode(code)), code).toBe(false);
    expect(isTransient(Object.assign(new Error('mapper_parsing_exception'), { statusCode: 400 }))).toBe(false);
    expect(isTransient(new TypeError("Cannot read properties of undefined (reading 'groupId')"))).toBe(false);
  });

  it('backs off exponentially, with jitter, up to a cap', () => {
    expect(backoffMs(0)).toBeLessThanOrEqual(100);
    expect(backoffMs(3)).toBeGreaterThanOrEqual(400);
    expect(backoffMs(30)).toBeLessThanOrEqual(5000);
  });
});
