/**
 * Every setting Etablera reads, in one typed and documented list (a test checks that each one is
 * in the README's table). Settings come from the environment; CLI flags override some of them.
 */
import { resolve } from 'node:path';

export interface SettingSpec {
  env: string;
  default: string;
  meaning: string;
}

export const SETTINGS = {
  port: { env: 'PORT', default: '3000', meaning: 'TCP port the server listens on.' },
  host: { env: 'HOST', default: '0.0.0.0', meaning: 'Interface the server binds to.' },
  databaseUrl: {
    env: 'DATABASE_URL',
    default: '',
    meaning: 'postgres://… selects PostgreSQL; empty uses the embedded SQLite store.',
  },
  dataDir: {
    env: 'ETABLERA_DATA_DIR',
    default: './data',
    meaning: 'Folder for the SQLite file (etablera.db) and other local state.',
  },
  logLevel: {
    env: 'LOG_LEVEL',
    default: 'info',
    meaning: 'Server log level (fatal, error, warn, info, debug, trace, silent).',
  },
  koladaBaseUrl: {
    env: 'KOLADA_BASE_URL',
    default: 'https://api.kolada.se/v3',
    meaning: 'Base URL of the Kolada v3 API that `etablera sync` reads from.',
  },
  adminToken: {
    env: 'ETABLERA_ADMIN_TOKEN',
    default: '',
    meaning: 'Secret that HTTP endpoints changing data require (no default: unset disables them).',
  },
  publicBaseUrl: {
    env: 'ETABLERA_PUBLIC_URL',
    default: '',
    meaning: 'Absolute base URL used in paging links (next_url); empty derives it from the request.',
  },
  syncOnStart: {
    env: 'ETABLERA_SYNC_ON_START',
    default: 'auto',
    meaning:
      'auto: sync from Kolada in the background when the store is empty (demo data if offline); off: never.',
  },
  boundariesFile: {
    env: 'ETABLERA_BOUNDARIES_FILE',
    default: '',
    meaning:
      'GeoJSON file with kommun boundaries (property KnKod) for the maps in the comparator; empty: no maps.',
  },
} as const satisfies Record<string, SettingSpec>;

export type SettingName = keyof typeof SETTINGS;

export interface Settings {
  port: number;
  host: string;
  databaseUrl: string;
  dataDir: string;
  logLevel: string;
  koladaBaseUrl: string;
  adminToken: string;
  publicBaseUrl: string;
  syncOnStart: 'auto' | 'off';
  /** Absolute path of the kommun boundary GeoJSON, or '' when maps are off. */
  boundariesFile: string;
}

function read(name: SettingName, env: NodeJS.ProcessEnv): string {
  const spec = SETTINGS[name];
  const value = env[spec.env];
  return value === undefined || value === '' ? spec.default : value;
}

export class SettingsError extends Error {}

export function loadSettings(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Settings> = {},
): Settings {
  const port = Number(read('port', env));
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new SettingsError(`PORT must be an integer from 0 to 65535, got "${read('port', env)}"`);
  }
  const databaseUrl = read('databaseUrl', env);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new SettingsError(
      `DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`,
    );
  }
  const syncOnStart = read('syncOnStart', env);
  if (syncOnStart !== 'auto' && syncOnStart !== 'off') {
    throw new SettingsError(`ETABLERA_SYNC_ON_START must be "auto" or "off", got "${syncOnStart}"`);
  }
  return {
    port,
    host: read('host', env),
    databaseUrl,
    dataDir: resolve(read('dataDir', env)),
    logLevel: read('logLevel', env),
    koladaBaseUrl: read('koladaBaseUrl', env).replace(/\/+$/, ''),
    adminToken: read('adminToken', env),
    publicBaseUrl: read('publicBaseUrl', env).replace(/\/+$/, ''),
    syncOnStart,
    boundariesFile: read('boundariesFile', env) ? resolve(read('boundariesFile', env)) : '',
    ...overrides,
  };
}
