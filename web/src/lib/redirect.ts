import type { LocationQuery } from 'vue-router';

/** Where to go after signing in or up: the `redirect` the router sent us with, if it is a path of this app. */
export function redirectTarget(query: LocationQuery): string {
  const to = query.redirect;
  return typeof to === 'string' && to.startsWith('/') && !to.startsWith('//') && !to.startsWith('/\\') ? to : '/';
}

/** The query that carries the redirect on to the other form (sign in ↔ create an account). */
export const carryRedirect = (query: LocationQuery) => (typeof query.redirect === 'string' ? { redirect: query.redirect } : {});
