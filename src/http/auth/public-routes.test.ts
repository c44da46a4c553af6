/**
 * The public surface written out once more, by hand: a route made public (or no longer public) must be
 * a deliberate change of this test too. auth-seam.test.ts checks the list against the app's routes.
 */
import { describe, expect, it } from 'vitest';
import { isPublicRoute, PUBLIC_ROUTES } from './public-routes.js';

const PUBLIC = [
  '*',
  '/v3',
  '/v3/kpi/:id',
  '/v2/municipality',
  '/',
  '/index.json',
  '/kommun/:id',
  '/nyckeltal/:id',
  '/jamfor',
  '/jamfor.csv',
  '/analys/likhet',
  '/assets/:file',
  '/uppfoljning/:plan',
  '/api/health',
  '/api/status',
  '/api/analys/similar',
  '/api/taxonomy/search',
  '/api/taxonomy/concepts/:id',
  '/api/taxonomy/labels',
  '/api/taxonomy/label-packs/:id',
  '/yrken/:id',
  '/taxonomi/sok',
  '/api/openapi.json',
  '/api/dialogues/:id/ideas',
  '/api/dialogues/:id/report',
  '/api/rounds/:id/pair',
  '/api/rounds/:id/votes',
  '/api/rounds/:id/results',
  '/delta/:code',
  '/forslag/:id',
  '/logga-in',
  '/logga-in/kod',
  '/logga-ut',
  '/konto/inbjudan/:token',
  '/konto/aterstall',
  '/min',
  '/min.json',
  '/min/plan',
];

const GUARDED = [
  '',
  '/*',
  '/konto',
  '/konto/tvafaktor',
  '/api/audit',
  '/api/admin/sync',
  '/api/health/details',
  '/api/dialogues/:id',
  '/api/rounds/:id',
  '/api/taxonomy/review',
  '/kommun',
  '/yrken',
  '/logga-ut/alla',
  '/mina',
  '/v4',
  '/x/v3',
  '/assets',
  '/minplan',
  'api/health',
];

describe('public routes', () => {
  it('opens exactly the public pages, APIs and sign-in steps', () => {
    for (const url of PUBLIC) expect(isPublicRoute(url), url).toBe(true);
    for (const url of GUARDED) expect(isPublicRoute(url), url).toBe(false);
  });

  it('reads "*" alone as the path "*" (CORS preflight), not as everything', () => {
    expect(PUBLIC_ROUTES).toContain('*');
    expect(isPublicRoute('*')).toBe(true);
    expect(isPublicRoute('/anything')).toBe(false);
  });

  it('holds each pattern once, each an exact path or a prefix ending in one "*"', () => {
    expect(new Set(PUBLIC_ROUTES).size).toBe(PUBLIC_ROUTES.length);
    expect(PUBLIC_ROUTES.length).toBe(35);
    for (const p of PUBLIC_ROUTES)
      expect(p === '*' || (p.startsWith('/') && !p.slice(0, -1).includes('*')), p).toBe(true);
  });
});
