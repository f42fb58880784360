import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('docs/projections.md', () => {
  it('shows the daily-activity spec as it is in the tree, so the example runs with the tests', () => {
    const shown = /```ts\n(import { describe, it } from 'vitest';\nimport { groupDailyActivity }[\s\S]*?)```/.exec(read('../../../docs/projections.md'))?.[1];
    expect(shown).toBe(read('./group-daily-activity.int.spec.ts'));
  });
});
