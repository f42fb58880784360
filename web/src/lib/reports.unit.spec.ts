import { describe, expect, it } from 'vitest';
import { reasonProblem, reportOutcome, resolvedSentence } from './reports';

describe('reportOutcome', () => {
  it('says Open while nobody has acted', () => {
    expect(reportOutcome({ status: 'open', action: null })).toBe('Open');
  });

  it('names each action in words', () => {
    expect(reportOutcome({ status: 'resolved', action: 'dismiss' })).toBe('Dismissed');
    expect(reportOutcome({ status: 'resolved', action: 'delete' })).toBe('Message deleted');
    expect(reportOutcome({ status: 'resolved', action: 'timeout' })).toBe('Member timed out');
    expect(reportOutcome({ status: 'resolved', action: 'ban' })).toBe('Member banned');
  });
});

describe('resolvedSentence', () => {
  it('tells the moderator what the action did to whom', () => {
    expect(resolvedSentence('ban', 'Sam Spammer')).toBe('Sam Spammer is banned.');
    expect(resolvedSentence('timeout', 'Sam')).toBe('Sam cannot post or react for 1 hour.');
    expect(resolvedSentence('dismiss', 'Sam')).toBe('Report about Sam dismissed.');
    expect(resolvedSentence('delete', 'Sam')).toBe('The message of Sam is deleted.');
  });
});

describe('reasonProblem', () => {
  it('wants 1 to 1000 characters of reason, spaces aside', () => {
    expect(reasonProblem('')).toBe('Say what is wrong.');
    expect(reasonProblem('   ')).toBe('Say what is wrong.');
    expect(reasonProblem('spam')).toBeNull();
    expect(reasonProblem('x'.repeat(1000))).toBeNull();
    expect(reasonProblem('x'.repeat(1001))).toBe('At most 1000 characters (1001 now).');
  });
});
