import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadSettings, SETTINGS, SettingsError } from './settings.js';

describe('settings', () => {
  it('documents every setting in the README table', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const spec of Object.values(SETTINGS)) expect(readme).toContain(`| \`${spec.env}\` |`);
  });

  it('uses the defaults when nothing is set', () => {
    const s = loadSettings({});
    expect(s.port).toBe(3000);
    expect(s.databaseUrl).toBe('');
    expect(s.dataDir.endsWith('/data')).toBe(true);
    expect(s.koladaBaseUrl).toBe('https://api.kolada.se/v3');
  });

  it('names the setting and the bad value', () => {
    expect(() => loadSettings({ PORT: 'abc' })).toThrow(SettingsError);
    expect(() => loadSettings({ PORT: 'abc' })).toThrow(/PORT.*"abc"/);
    expect(() => loadSettings({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadSettings({ ETABLERA_WORKERS: '0' })).toThrow(/ETABLERA_WORKERS.*"0"/);
    expect(() => loadSettings({ ETABLERA_WORKERS: 'many' })).toThrow(/ETABLERA_WORKERS.*"many"/);
  });

  it('runs one worker per core unless told otherwise', () => {
    expect(loadSettings({}).workers).toBe(availableParallelism());
    expect(loadSettings({ ETABLERA_WORKERS: '1' }).workers).toBe(1);
    expect(loadSettings({ ETABLERA_WORKERS: '3' }).workers).toBe(3);
  });

  it('leaves the V8 heap to V8 unless ETABLERA_HEAP_MB says, and refuses a limit it cannot run in', () => {
    expect(loadSettings({}).heapMb).toBeNull();
    expect(loadSettings({ ETABLERA_HEAP_MB: 'auto' }).heapMb).toBeNull();
    expect(loadSettings({ ETABLERA_HEAP_MB: '256' }).heapMb).toBe(256);
    for (const bad of ['32', '256MB', '-1', '1e3', '100000'])
      expect(() => loadSettings({ ETABLERA_HEAP_MB: bad })).toThrow(
        new RegExp(`ETABLERA_HEAP_MB must be "auto" or a whole number of MB from 64 to 65536, got "${bad}"`),
      );
  });

  it('builds the taxonomy index at the first Process request unless told at start or at the first search', () => {
    expect(loadSettings({}).taxonomyIndexOnStart).toBe('process');
    expect(loadSettings({ ETABLERA_TAXONOMY_INDEX_ON_START: 'on' }).taxonomyIndexOnStart).toBe('on');
    expect(loadSettings({ ETABLERA_TAXONOMY_INDEX_ON_START: 'off' }).taxonomyIndexOnStart).toBe('off');
    expect(() => loadSettings({ ETABLERA_TAXONOMY_INDEX_ON_START: 'lazy' })).toThrow(
      /ETABLERA_TAXONOMY_INDEX_ON_START must be "process", "on" or "off", got "lazy"/,
    );
  });

  it('reads single sign-on only with an issuer, a client id and a role mapping', () => {
    expect(loadSettings({}).oidc).toBeNull();
    const base = {
      ETABLERA_OIDC_ISSUER: 'https://login.example/tenant/v2.0',
      ETABLERA_OIDC_CLIENT_ID: 'etablera',
      ETABLERA_OIDC_ROLES: 'groups=plan:2580:strategist',
    };
    expect(loadSettings(base).oidc).toMatchObject({
      name: 'login.example',
      scopes: 'openid email profile',
      match: 'email',
      provision: true,
      roles: [{ claim: 'groups', value: 'plan', organisationId: '2580', role: 'strategist' }],
    });
    expect(() => loadSettings({ ...base, ETABLERA_OIDC_CLIENT_ID: '' })).toThrow(
      /ETABLERA_OIDC_CLIENT_ID is needed/,
    );
    expect(() => loadSettings({ ...base, ETABLERA_OIDC_ROLES: '' })).toThrow(/ETABLERA_OIDC_ROLES must say/);
    expect(() => loadSettings({ ...base, ETABLERA_OIDC_ROLES: 'x=y:2580:king' })).toThrow(
      /ETABLERA_OIDC_ROLES: .*king/,
    );
    expect(() => loadSettings({ ...base, ETABLERA_OIDC_ISSUER: 'http://idp.example' })).toThrow(/https:\/\//);
    expect(() => loadSettings({ ...base, ETABLERA_OIDC_MATCH: 'name' })).toThrow(/ETABLERA_OIDC_MATCH/);
    expect(() => loadSettings({ ...base, ETABLERA_OIDC_PROVISION: 'yes' })).toThrow(
      /ETABLERA_OIDC_PROVISION/,
    );
    expect(
      loadSettings({ ...base, ETABLERA_OIDC_ISSUER: 'http://127.0.0.1:4000', ETABLERA_OIDC_SCOPES: 'email' })
        .oidc?.scopes,
    ).toBe('openid email');
  });
});
