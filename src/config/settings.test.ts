import { readFileSync } from 'node:fs';
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
  });
});
