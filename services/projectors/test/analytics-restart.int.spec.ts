import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analytics } from '../src/projections/analytics';
import { startHarness, type Harness } from './support/harness';
import { registered, sent } from './support/events';

describe('the analytics projection across a restart', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ projections: [analytics] });
  });
  afterAll(() => h?.close());

  it('applies the log once: a restart reading from an older Kafka offset adds no row', async () => {
    await h.given(registered('u1'), sent('g1', 'm1', 'u1'), sent('g1', 'm2', 'u1'));
    await h.caughtUp();
    expect(await h.rows('SELECT 1 FROM analytics_events')).toHaveLength(3);
    await h.restart([analytics]);
    await h.given(sent('g1', 'm3', 'u1'));
    await h.caughtUp();
    expect(await h.rows('SELECT 1 FROM analytics_events')).toHaveLength(4);
  });
});
