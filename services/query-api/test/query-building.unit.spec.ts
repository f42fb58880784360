import { describe, expect, it } from 'vitest';
import { discoveryQuery, visibleGroupsFilter } from '../src/groups/discovery';
import { historySql } from '../src/messages/history';
import { messageSearchQuery } from '../src/messages/search';
import { userSearchQuery } from '../src/users/search';
import { pickHighlights } from '../src/search-index';

describe('group discovery query', () => {
  it('lets a caller without groups see public groups only, inside the query; documents of groups not applied yet are never shown', () => {
    const q = discoveryQuery({ q: 'chess', interests: [], sort: 'relevance', limit: 20 }, []);
    expect(q.query.bool.filter).toEqual([
      { bool: { filter: [{ exists: { field: 'visibility' } }], should: [{ term: { visibility: 'public' } }], minimum_should_match: 1 } },
    ]);
  });

  it("adds the caller's own groups, so their private groups are found too", () => {
    expect(visibleGroupsFilter(['g1', 'g2']).bool.should).toContainEqual({ terms: { group_id: ['g1', 'g2'] } });
  });

  it('filters interests (lowercased, as indexed) after the facets are counted, and asks one extra hit to know whether there is a next page', () => {
    const q = discoveryQuery({ interests: ['Go', 'rust'], sort: 'size', limit: 10, after: [3, 'g9'] }, []);
    expect(q.size).toBe(11);
    expect(q.post_filter).toEqual({ bool: { filter: [{ term: { interests: 'go' } }, { term: { interests: 'rust' } }] } });
    expect(q.aggs.interests.terms.field).toBe('interests');
    expect(q.search_after).toEqual([3, 'g9']);
    expect(q.query.bool.must).toEqual([{ match_all: {} }]);
  });

  it('sorts by activity or size with the group id as a tie-breaker, so search_after is exact', () => {
    for (const sort of ['activity', 'size', 'relevance'] as const) {
      const s = discoveryQuery({ interests: [], sort, limit: 1 }, []).sort;
      expect(s[s.length - 1]).toEqual({ group_id: 'asc' });
    }
  });
});

describe('message search query', () => {
  it("restricts to the caller's groups with a terms filter, and a groupId only narrows", () => {
    const q = messageSearchQuery({ q: 'hello', groupId: 'gx', sort: 'relevance', limit: 5 }, ['g1']);
    expect(q.query.bool.filter).toEqual([{ terms: { group_id: ['g1'] } }, { term: { group_id: 'gx' } }]);
  });

  it('finds nothing for a caller in no group (empty terms filter, not a missing one)', () => {
    expect(messageSearchQuery({ q: 'x', sort: 'recent', limit: 5 }, []).query.bool.filter).toEqual([{ terms: { group_id: [] } }]);
  });

  it('escapes HTML in highlights', () => {
    expect(messageSearchQuery({ q: 'x', sort: 'recent', limit: 5 }, []).highlight.encoder).toBe('html');
  });
});

describe('user search query', () => {
  it('matches the last word as a prefix of usernames and display names', () => {
    const q = userSearchQuery({ q: 'Ad', limit: 5 });
    expect(JSON.stringify(q.query)).toContain('username.prefix');
    expect(JSON.stringify(q.query)).toContain('"value":"ad"');
    expect(q.size).toBe(6);
  });
});

describe('history SQL', () => {
  it('walks forward from `after` ascending and backward from `before` (or the newest) descending, both keyed by offset', () => {
    expect(historySql(true)).toMatch(/ORDER BY m\."offset" ASC\s+LIMIT/);
    expect(historySql(false)).toMatch(/ORDER BY m\."offset" DESC\s+LIMIT/);
    // Who may read is the one access rule, not SQL of its own here.
    expect(historySql(false)).toContain('FROM group_access($1, $2) a WHERE a.can_read');
    expect(historySql(false)).not.toContain('visibility');
  });
});

describe('highlights', () => {
  const hl = {
    name: ['<mark>Café</mark> Rustaceans'],
    'name.prefix': ['<mark>Café</mark> <mark>Rustaceans</mark>'],
    'name.cjk': ['<mark>東京</mark>'],
    description: ['a <mark>b</mark>'],
  };

  it('prefer the partial-word analysis for Latin text and the bigrams for CJK, per field', () => {
    expect(pickHighlights(hl, ['name', 'description'], 'cafe rusta')).toEqual({ name: [hl['name.prefix'][0]], description: hl.description });
    expect(pickHighlights(hl, ['name'], '東京')).toEqual({ name: hl['name.cjk'] });
    expect(pickHighlights({}, ['name'], 'x')).toEqual({});
  });
});
