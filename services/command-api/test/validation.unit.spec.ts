import { describe, expect, it } from 'vitest';
import { AppError } from '@groupchat/shared';
import { parseInput, pathId } from '../src/http/validation';
import { RegisterRequest, UpdateProfileRequest } from '../src/accounts/schemas';
import { CreateGroupRequest, UpdateGroupRequest } from '../src/groups/schemas';
import { SendMessageRequest } from '../src/messages/schemas';
import { parseEmoji } from '../src/messages/emoji';
import { uuidV5 } from '../src/http/envelope';

function fieldsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(422);
    return ((err as AppError).extra.errors as { field: string }[]).map((e) => e.field);
  }
  throw new Error('expected a 422');
}

const user = { username: 'ada.l_1', email: 'Ada@Example.com', password: 'correct horse' };

describe('validation of commands', () => {
  it('normalises: NFC, lowercase email, tags lowercased, trimmed and deduplicated', () => {
    const parsed = parseInput(RegisterRequest, { ...user, displayName: ' Cafe\u0301 ', interests: ['Rock  Climbing', 'rock climbing', 'JAZZ'] });
    expect(parsed).toMatchObject({ email: 'ada@example.com', displayName: 'Café', interests: ['rock climbing', 'jazz'] });
    expect(parsed.displayName).toBe('Caf\u00e9');
  });

  it('ignores unknown fields', () => {
    expect(parseInput(RegisterRequest, { ...user, admin: true })).not.toHaveProperty('admin');
  });

  it('enforces every limit with the field named', () => {
    expect(fieldsOf(() => parseInput(RegisterRequest, { ...user, username: 'ab' }))).toEqual(['username']);
    expect(fieldsOf(() => parseInput(RegisterRequest, { ...user, username: 'x'.repeat(33) }))).toEqual(['username']);
    expect(fieldsOf(() => parseInput(RegisterRequest, { ...user, username: 'Ada' }))).toEqual(['username']);
    expect(fieldsOf(() => parseInput(RegisterRequest, { ...user, email: 'nope' }))).toEqual(['email']);
    expect(fieldsOf(() => parseInput(RegisterRequest, { ...user, password: 'short' }))).toEqual(['password']);
    expect(fieldsOf(() => parseInput(RegisterRequest, { ...user, interests: Array.from({ length: 11 }, (_, i) => `t${i}`) }))).toEqual(['interests']);
    expect(fieldsOf(() => parseInput(RegisterRequest, { ...user, interests: ['x'.repeat(33)] }))).toEqual(['interests.0']);
    expect(fieldsOf(() => parseInput(CreateGroupRequest, { name: 'ab', visibility: 'public' }))).toEqual(['name']);
    expect(fieldsOf(() => parseInput(CreateGroupRequest, { name: 'x'.repeat(81), visibility: 'public' }))).toEqual(['name']);
    expect(fieldsOf(() => parseInput(CreateGroupRequest, { name: 'abc', description: 'd'.repeat(2001), visibility: 'hidden' }))).toEqual([
      'description',
      'visibility',
    ]);
    expect(fieldsOf(() => parseInput(UpdateGroupRequest, { slowModeSeconds: -1 }))).toEqual(['slowModeSeconds']);
    expect(fieldsOf(() => parseInput(UpdateGroupRequest, {}))).toEqual(['(body)']);
    expect(fieldsOf(() => parseInput(UpdateProfileRequest, { bio: 'b'.repeat(501) }))).toEqual(['bio']);
    expect(fieldsOf(() => parseInput(SendMessageRequest, { clientMessageId: 'c1', text: 't'.repeat(4001) }))).toEqual(['text']);
    expect(fieldsOf(() => parseInput(SendMessageRequest, { clientMessageId: 'c 1', text: 'x' }))).toEqual(['clientMessageId']);
    expect(fieldsOf(() => parseInput(SendMessageRequest, { clientMessageId: 'c1', attachments: Array.from({ length: 11 }, (_, i) => `m${i}`) }))).toEqual([
      'attachments',
    ]);
  });

  it('refuses blank text without attachments and accepts attachments alone', () => {
    expect(fieldsOf(() => parseInput(SendMessageRequest, { clientMessageId: 'c1', text: '  \n ' }))).toEqual(['text']);
    expect(parseInput(SendMessageRequest, { clientMessageId: 'c1', attachments: ['m1', 'm1'] }).attachments).toEqual(['m1']);
  });

  it('refuses control characters, except newline and tab in message text and descriptions', () => {
    expect(fieldsOf(() => parseInput(CreateGroupRequest, { name: 'a\u0007bc', visibility: 'public' }))).toEqual(['name']);
    expect(fieldsOf(() => parseInput(CreateGroupRequest, { name: 'ab\nc', visibility: 'public' }))).toEqual(['name']);
    expect(fieldsOf(() => parseInput(SendMessageRequest, { clientMessageId: 'c1', text: 'a\u001bb' }))).toEqual(['text']);
    expect(fieldsOf(() => parseInput(SendMessageRequest, { clientMessageId: 'c1', text: 'a\u0085b' }))).toEqual(['text']);
    expect(parseInput(SendMessageRequest, { clientMessageId: 'c1', text: 'line 1\n\tline 2' }).text).toBe('line 1\n\tline 2');
    expect(parseInput(CreateGroupRequest, { name: 'abc', description: 'a\nb', visibility: 'public' }).description).toBe('a\nb');
  });

  it('refuses lone surrogates', () => {
    expect(fieldsOf(() => parseInput(SendMessageRequest, { clientMessageId: 'c1', text: 'a\ud800b' }))).toEqual(['text']);
  });

  it('reports a non-object body as the body', () => {
    expect(fieldsOf(() => parseInput(RegisterRequest, ['x']))).toEqual(['(body)']);
  });

  it('path ids that cannot be ids are 404', () => {
    expect(() => pathId('../etc', 'group')).toThrow(expect.objectContaining({ status: 404 }));
    expect(pathId('0b7c1c1e-0d2f-4f3e-9a8e-1c2d3e4f5a6b', 'group')).toBe('0b7c1c1e-0d2f-4f3e-9a8e-1c2d3e4f5a6b');
  });
});

describe('emoji', () => {
  it.each(['👍', '👍🏽', '🇫🇷', '👨‍👩‍👧‍👦', '1️⃣', '❤️', ':party_parrot:'])('accepts %s', (e) => {
    expect(parseEmoji(e)).toBe(e);
  });
  it.each(['', 'a', '👍👍', ':Upper:', ':way_too_long_name:', 'ab', '👍\u0000', ':x'])('refuses %j', (e) => {
    expect(() => parseEmoji(e)).toThrow(expect.objectContaining({ status: 422 }));
  });
});

describe('deterministic ids', () => {
  it('uuidV5 is stable, distinct per input, and a version-5 RFC 9562 UUID', () => {
    const a = uuidV5('message', 'g1', 'u1', 'c1');
    expect(a).toBe(uuidV5('message', 'g1', 'u1', 'c1'));
    expect(a).not.toBe(uuidV5('message', 'g1', 'u1', 'c2'));
    expect(a).not.toBe(uuidV5('message', 'g1u1', '', 'c1'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
