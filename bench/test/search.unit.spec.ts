import { describe, expect, it } from 'vitest';
import { highestHolding, saturate } from '../lib/search';

/** A system that holds up to `limit` msg/s; records the rates it was asked for. */
function system(limit: number) {
  const asked: number[] = [];
  const probe = async (rate: number) => (asked.push(rate), { held: rate <= limit, result: rate });
  return { asked, probe };
}

describe('highestHolding', () => {
  it('when the target holds, doubles until a rate breaks, then bisects to within 25 %', async () => {
    const s = system(2600);
    const c = await highestHolding(s.probe, { start: 1000, min: 62.5, max: 4000, maxSteps: 8 });
    expect(s.asked).toEqual([1000, 2000, 4000, 2800, 2400]);
    expect([c.best?.rate, c.broke?.rate]).toEqual([2400, 2800]);
  });

  it('when the target breaks, halves until a rate holds, within the step budget', async () => {
    const s = system(300);
    const c = await highestHolding(s.probe, { start: 1000, min: 62.5, max: 4000, maxSteps: 4 });
    expect(s.asked).toEqual([1000, 500, 250, 350]);
    expect([c.best?.rate, c.broke?.rate]).toEqual([250, 350]);
  });

  it('stops at the bounds: nothing held down to min, everything held up to max', async () => {
    const none = await highestHolding(system(10).probe, { start: 1000, min: 250, max: 4000, maxSteps: 9 });
    expect([none.steps.map((s) => s.rate), none.best]).toEqual([[1000, 500, 250], undefined]);
    const all = await highestHolding(system(1e9).probe, { start: 1000, min: 250, max: 4000, maxSteps: 9 });
    expect([all.steps.map((s) => s.rate), all.best?.rate, all.broke]).toEqual([[1000, 2000, 4000], 4000, undefined]);
  });
});

describe('saturate', () => {
  /** Delivers what it is offered up to `cap` deliveries/s. */
  const capped = (cap: number) => async (rate: number) => ({ offered: rate * 20, delivered: Math.min(rate * 20, cap) });

  it('doubles the offered rate until delivery falls behind it, and answers the best step', async () => {
    const s = await saturate(capped(150_000), { start: 2500, maxSteps: 6 });
    expect(s.steps.map((x) => [x.rate, x.held])).toEqual([
      [2500, true],
      [5000, true],
      [10_000, false],
    ]);
    expect([s.best.rate, s.best.result.delivered, s.saturated]).toEqual([10_000, 150_000, true]);
  });

  it('stops when delivery no longer grows, even if the offer was delivered in full', async () => {
    // The feed itself tops out: the offered rate stops growing and delivery with it.
    const s = await saturate(async (rate) => ({ offered: Math.min(rate, 6000) * 20, delivered: Math.min(rate, 6000) * 20 }), { start: 2500, maxSteps: 6 });
    expect(s.steps.map((x) => x.rate)).toEqual([2500, 5000, 10_000, 20_000]);
    expect([s.best.rate, s.saturated]).toEqual([10_000, true]);
  });

  it('when the first rate is already past capacity, halves it until one is delivered in full', async () => {
    const s = await saturate(capped(30_000), { start: 2500, maxSteps: 6 });
    expect(s.steps.map((x) => [x.rate, x.held])).toEqual([
      [2500, false],
      [1250, true],
    ]);
    expect([s.best.result.delivered, s.saturated]).toEqual([30_000, true]);
    const never = await saturate(capped(1000), { start: 2500, maxSteps: 6 });
    expect(never.steps.map((x) => x.rate)).toEqual([2500, 1250, 625]);
  });

  it('says when the top step was still delivered in full', async () => {
    const s = await saturate(capped(1e9), { start: 2500, maxSteps: 3 });
    expect([s.steps.length, s.best.rate, s.saturated]).toEqual([3, 10_000, false]);
  });
});
