import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, parse } from '@groupchat/shared';
import { decodeCursor, encodeCursor, limitParam, listParam, pathId } from '../src/paging';

describe('cursors', () => {
  it('round-trip the sort values of the last hit', () => {
    const token = encodeCursor('groups:size', [12, 'g-1']);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('groups:size', token)).toEqual([12, 'g-1']);
  });

  it('are absent when not given', () => {
    expect(decodeCursor('users', undefined)).toBeUndefined();
    expect(decodeCursor('users', '')).toBeUndefined();
  });

  it.each([
    ['another listing', encodeCursor('users', ['u1'])],
    ['garbage', 'not a cursor!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['nested objects', Buffer.from(JSON.stringify({ k: 'groups:size', a: [{ script: 1 }] })).toString('base64url')],
    ['too long', 'A'.repeat(5000)],
  ])('refuse %s with a 400 invalid_cursor', (_what, token) => {
    try {
      decodeCursor('groups:size', token);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(400);
      expect((err as AppError).code).toBe('invalid_cursor');
    }
  });
});

describe('query parameters', () => {
  const schema = z.object({ limit: limitParam(50, 200), interest: listParam() });

  it('default the limit and accept interests repeated or comma-separated, without duplicates', () => {
    expect(parse(schema, {})).toEqual({ limit: 50, interest: [] });
    expect(parse(schema, { limit: '7', interest: ['rust', 'go,rust', ' '] })).toEqual({ limit: 7, interest: ['rust', 'go'] });
  });

  it.each([{ limit: '0' }, { limit: '201' }, { limit: 'ten' }, { limit: '1.5' }, { interest: Array.from({ length: 11 }, (_, i) => `i${i}`) }])(
    'turn %o into a 422 naming the field',
    (query) => {
      try {
        parse(schema, query);
        expect.unreachable();
      } catch (err) {
        expect((err as AppError).status).toBe(422);
        const fields = ((err as AppError).extra.errors as { field: string }[]).map((e) => e.field);
        expect(fields).toEqual([Object.keys(query)[0]]);
      }
    },
  );
});

describe('ids in paths', () => {
  it('pass when they can be ids', () => {
    expect(pathId('0b7c1c1e-0d2f-4f3e-9a8e-1c2d3e4f5a6b', 'group')).toBe('0b7c1c1e-0d2f-4f3e-9a8e-1c2d3e4f5a6b');
  });

  it.each([
    ['a NUL byte', 'abc\u0000.png'],
    ['a traversal', '../../etc/passwd'],
    ['a backslash', '..\\win.ini'],
    ['too long', 'a'.repeat(65)],
    ['empty', ''],
    ['SQL', "' OR '1'='1"],
  ])('are 404 with %s, before any query sees them', (_what, id) => {
    try {
      pathId(id, 'group');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(404);
    }
  });
});
