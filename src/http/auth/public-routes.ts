/**
 * The routes anyone may call without signing in: Position's public pages and data, the Kolada API,
 * assets, status and the sign-in flow itself. Every other route must declare the permission it needs
 * (`config: { permission }`); `auth-seam.test.ts` walks every registered route to hold both lists true.
 * Patterns: an exact path, or a prefix ending in `*`.
 */
export const PUBLIC_ROUTES: readonly string[] = [
  // CORS preflight (answers headers only)
  '*',
  // The Kolada-compatible API and its documents
  '/v3*',
  '/v2*',
  // Position's pages (and their .json/.csv/.xlsx) and assets
  '/',
  '/index*',
  '/kommun/*',
  '/nyckeltal/*',
  '/jamfor*',
  '/analys*',
  '/assets/*',
  // Plan's public follow-up site: published plans, approved entries only
  '/uppfoljning*',
  // Public JSON
  '/api/health',
  '/api/status',
  '/api/analys/*',
  // The labour-market taxonomy: public (CC0) data, no personal data
  '/api/taxonomy/search',
  '/api/taxonomy/concepts/*',
  '/api/taxonomy/labels',
  '/api/taxonomy/label-packs*',
  // The taxonomy's pages: occupations and the search (the review screen needs taxonomy.review)
  '/yrken/*',
  '/taxonomi/sok*',
  '/api/openapi.json',
  // Dialogue: what participants do with a one-time code (or nothing, while ideas are collected), the
  // results and the report back; the participant pages and the public "what became of our ideas"
  '/api/dialogues/:id/ideas',
  '/api/dialogues/:id/report',
  '/api/rounds/:id/pair',
  '/api/rounds/:id/votes',
  '/api/rounds/:id/results',
  '/delta*',
  '/forslag*',
  // Signing in, and what a person who is not signed in yet needs (invitation, reset, IdP callback)
  '/logga-in*',
  '/logga-ut',
  '/konto/inbjudan*',
  '/konto/aterstall*',
];

export function isPublicRoute(url: string): boolean {
  return PUBLIC_ROUTES.some((p) =>
    p.endsWith('*') && p !== '*' ? url.startsWith(p.slice(0, -1)) : url === p,
  );
}
