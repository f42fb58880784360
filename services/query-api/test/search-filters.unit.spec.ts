import { describe, expect, it } from 'vitest';
import { parseSearchFilters } from '../src/messages/search-filters';

describe('search filters typed into the query', () => {
  it('takes from:, in:, has:, before: and after: out of the text', () => {
    expect(parseSearchFilters('boulder from:@Ada in:"Rock Gym" has:image after:2026-01-01 before:2026-02-01 grades')).toEqual({
      text: 'boulder grades',
      from: ['ada'],
      in: ['rock gym'],
      has: ['image'],
      after: Date.UTC(2026, 0, 1),
      before: Date.UTC(2026, 1, 1),
    });
  });
  it('leaves what is not a valid filter as text: an unknown has:, a malformed date, a word that only contains a colon', () => {
    expect(parseSearchFilters('has:cats before:yesterday re:from:x')).toEqual({ text: 'has:cats before:yesterday re:from:x', from: [], in: [], has: [] });
  });
  it('a query of filters alone has no text', () => {
    expect(parseSearchFilters('from:bo has:link')).toMatchObject({ text: '', from: ['bo'], has: ['link'] });
  });
});
