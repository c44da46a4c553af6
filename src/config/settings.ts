/**
 * Every setting Etablera reads, in one typed and documented list (a test checks that each one is
 * in the README's table). Settings come from the environment; CLI flags override some of them.
 */
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseRoleRules, type RoleRule } from '../accounts/oidc-mapping.js';
import { checkSchedule } from '../app-start/sync-schedule.js';
import { UserError } from '../errors/user-error.js';

export interface SettingSpec {
  env: string;
  default: string;
  meaning: string;
}

export const SETTINGS = {
  port: { env: 'PORT', default: '3000', meaning: 'TCP port the server listens on.' },
  host: {
    env: 'HOST',
    default: '127.0.0.1',
    meaning: 'Interface the server binds to; loopback by default, 0.0.0.0 to serve other machines.',
  },
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
  taxonomyUrl: {
    env: 'ETABLERA_TAXONOMY_URL',
    default: 'https://taxonomy.api.jobtechdev.se/v1/taxonomy/graphql',
    meaning: 'The JobTech Taxonomy GraphQL endpoint that `etablera taxonomy sync` reads from.',
  },
  taxonomyIndexOnStart: {
    env: 'ETABLERA_TAXONOMY_INDEX_ON_START',
    default: 'process',
    meaning:
      'When each server process builds the taxonomy search index (≈ 90 MB): process, at the first request to a Process or taxonomy page or API (/personer, /min-sida, /taxonomi, /yrken, /api/people, /api/taxonomy), in the background, so a server used only for Position never holds it and the search typed moments later finds it ready; on: at start; off: at the first search.',
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
  syncSchedule: {
    env: 'ETABLERA_SYNC_SCHEDULE',
    default: '17 3 * * *',
    meaning:
      'When the server syncs from Kolada by itself (cron syntax, Swedish time; default 03:17 every night); off: never.',
  },
  bodyLimit: {
    env: 'ETABLERA_BODY_LIMIT',
    default: '1048576',
    meaning:
      'Largest request body in bytes (uploads to the admin import have their own limit); larger → 413.',
  },
  importMaxBytes: {
    env: 'ETABLERA_IMPORT_MAX_BYTES',
    default: '2147483648',
    meaning: 'Largest file in bytes that POST /api/admin/import accepts; larger → 413.',
  },
  requestTimeoutMs: {
    env: 'ETABLERA_REQUEST_TIMEOUT_MS',
    default: '120000',
    meaning: 'Milliseconds a client may take to send a whole request (headers and body); 0 = no limit.',
  },
  connectionTimeoutMs: {
    env: 'ETABLERA_CONNECTION_TIMEOUT_MS',
    default: '60000',
    meaning: 'Milliseconds an idle connection is kept open before it is closed; 0 = no limit.',
  },
  keepAliveMaxRequests: {
    env: 'ETABLERA_KEEPALIVE_MAX_REQUESTS',
    default: '100',
    meaning:
      'Requests a client may send over one kept-alive connection; the reply to the last says "Connection: close" and the client opens a new one (0 = no limit). A connection stays with the worker that accepted it: closing it now and then spreads the few long-lived connections of a proxy or a script over the workers again.',
  },
  rateLimitMax: {
    env: 'ETABLERA_RATE_LIMIT_MAX',
    default: '1200',
    meaning:
      'Requests one client (IP address) may make per rate-limit window; more → 429 with Retry-After. 0 turns it off.',
  },
  rateLimitWindowS: {
    env: 'ETABLERA_RATE_LIMIT_WINDOW_S',
    default: '60',
    meaning: 'Length of the rate-limit window in seconds.',
  },
  apiCacheMb: {
    env: 'ETABLERA_API_CACHE_MB',
    default: '16',
    meaning:
      'Memory in MB (per worker) for cached replies of the Kolada-compatible API (dropped whenever an import or sync changes the data); 0 turns it off.',
  },
  comparisonCacheMb: {
    env: 'ETABLERA_COMPARISON_CACHE_MB',
    default: '16',
    meaning:
      "Memory in MB (per worker) for the comparator's cache of every kommun's and Riket's values of a KPI, year by year, in compact tables (profile, KPI and compare pages, Plan follow-up); least recently used out first, dropped when the data changes; 0 turns it off.",
  },
  analysisCacheMb: {
    env: 'ETABLERA_ANALYSIS_CACHE_MB',
    default: '8',
    meaning:
      "Memory in MB (per worker) for the analyses' reads (kommuner, each KPI's years with data, one year's values of a KPI): least recently used out first, dropped when the data changes; 0 turns it off (every analysis reads the store).",
  },
  heapMb: {
    env: 'ETABLERA_HEAP_MB',
    default: 'auto',
    meaning:
      "The V8 heap limit of each server process in MB (node --max-old-space-size): auto leaves it to V8 (it depends on the machine's memory); a number (≥ 64) caps the heap, so garbage is collected before a process grows past it. Reported in /api/status.",
  },
  workers: {
    env: 'ETABLERA_WORKERS',
    default: 'auto',
    meaning:
      'How many server processes share the port (node:cluster): auto is one per CPU core; 1 is a single process. One of them runs the scheduled jobs and syncs.',
  },
  trustProxy: {
    env: 'ETABLERA_TRUST_PROXY',
    default: 'false',
    meaning:
      'Which proxy may name the client in X-Forwarded-For: false; true (one proxy, on this machine or a private network); or proxy addresses/CIDRs, comma-separated.',
  },
  boundariesFile: {
    env: 'ETABLERA_BOUNDARIES_FILE',
    default: '',
    meaning:
      'GeoJSON file with kommun boundaries (property KnKod) for the maps instead of the bundled ones; empty: the bundled ones.',
  },
  sessionIdleMinutes: {
    env: 'ETABLERA_SESSION_IDLE_MINUTES',
    default: '30',
    meaning: 'A signed-in session ends after this many minutes without a request (idle timeout).',
  },
  sessionMaxHours: {
    env: 'ETABLERA_SESSION_MAX_HOURS',
    default: '12',
    meaning: 'A signed-in session ends this many hours after sign-in, however active (absolute timeout).',
  },
  oidcIssuer: {
    env: 'ETABLERA_OIDC_ISSUER',
    default: '',
    meaning:
      "The municipality's OpenID Connect provider (issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0); empty: no single sign-on. https, or http only on this machine (tests).",
  },
  oidcClientId: {
    env: 'ETABLERA_OIDC_CLIENT_ID',
    default: '',
    meaning:
      'The client id Etablera is registered with at the IdP (redirect URI <public URL>/logga-in/oidc/svar).',
  },
  oidcClientSecret: {
    env: 'ETABLERA_OIDC_CLIENT_SECRET',
    default: '',
    meaning:
      'The client secret from the IdP (sent as client_secret_basic); empty: a public client (PKCE only).',
  },
  oidcName: {
    env: 'ETABLERA_OIDC_NAME',
    default: '',
    meaning: 'The IdP\'s name on the sign-in button "Logga in med <name>"; empty: the issuer\'s host name.',
  },
  oidcScopes: {
    env: 'ETABLERA_OIDC_SCOPES',
    default: 'openid email profile',
    meaning: 'Scopes asked for at the IdP (openid is added when missing).',
  },
  oidcMatch: {
    env: 'ETABLERA_OIDC_MATCH',
    default: 'email',
    meaning:
      "How an IdP user is found among Etablera's users the first time: email (the e-mail claim, unless email_verified is false) or subject (only the IdP's subject; a user is then always new). Afterwards always by issuer + subject.",
  },
  oidcRoles: {
    env: 'ETABLERA_OIDC_ROLES',
    default: '',
    meaning:
      'Claim mapping: rules "<claim>=<value>:<organisation>:<role>" or "*:<organisation>:<role>" separated by ";" (first match per organisation wins). A user no rule matches is not admitted.',
  },
  oidcProvision: {
    env: 'ETABLERA_OIDC_PROVISION',
    default: 'true',
    meaning:
      'true: an IdP user the mapping admits and no user matches gets an account at first sign-in; false: only existing users may sign in through the IdP.',
  },
  processKeyFile: {
    env: 'ETABLERA_PROCESS_KEY_FILE',
    default: '',
    meaning:
      'File with the data keys that encrypt Process personal data, one "<id>=<base64 of 32 bytes>" a line, the current key first (`etablera keys new`); kept outside the database. Unset (and no ETABLERA_PROCESS_KEYS): Process is off, Position runs.',
  },
  processKeys: {
    env: 'ETABLERA_PROCESS_KEYS',
    default: '',
    meaning: 'The same keys inline, separated by ";" (instead of ETABLERA_PROCESS_KEY_FILE).',
  },
  retentionSchedule: {
    env: 'ETABLERA_RETENTION_SCHEDULE',
    default: '41 2 * * *',
    meaning:
      "When the server erases (or, where the organisation chose so, pseudonymises) Process records past their organisation's retention period (cron syntax, Swedish time; default 02:41 every night); off: never (run `etablera person retention`).",
  },
  ownKpiSchedule: {
    env: 'ETABLERA_OWN_KPI_SCHEDULE',
    default: '11 3 * * *',
    meaning:
      'When the server recomputes the own KPIs from Process outcomes (cron syntax, Swedish time; default 03:11 every night, after the retention run); off: never (run `etablera kpi own recompute`).',
  },
  smtpUrl: {
    env: 'ETABLERA_SMTP_URL',
    default: '',
    meaning:
      'The SMTP server for e-mail as one URL (smtp://user:password@host:587; smtps:// for TLS from the start); instead of the ETABLERA_SMTP_HOST… settings. Empty and no host: e-mail is off.',
  },
  smtpHost: {
    env: 'ETABLERA_SMTP_HOST',
    default: '',
    meaning: "The SMTP server's host name; empty (and no ETABLERA_SMTP_URL): e-mail is off.",
  },
  smtpPort: { env: 'ETABLERA_SMTP_PORT', default: '587', meaning: "The SMTP server's port." },
  smtpUser: {
    env: 'ETABLERA_SMTP_USER',
    default: '',
    meaning: 'User name at the SMTP server; empty: no login.',
  },
  smtpPassword: { env: 'ETABLERA_SMTP_PASSWORD', default: '', meaning: 'Password at the SMTP server.' },
  smtpTls: {
    env: 'ETABLERA_SMTP_TLS',
    default: 'starttls',
    meaning:
      'starttls: plain connection upgraded with STARTTLS, refused if the server cannot; tls: TLS from the start (port 465); none: no encryption (only for a relay on this machine).',
  },
  mailFrom: {
    env: 'ETABLERA_MAIL_FROM',
    default: '',
    meaning: 'Sender of Etablera\'s e-mail, e.g. "Etablera <etablera@lulea.se>"; needed when e-mail is on.',
  },
  reminderSchedule: {
    env: 'ETABLERA_REMINDER_SCHEDULE',
    default: '13 7-20 * * *',
    meaning: 'When the server checks for Plan reminders to send (cron syntax, Swedish time); off: never.',
  },
  missingTranslations: {
    env: 'ETABLERA_MISSING_TRANSLATIONS',
    default: 'silent',
    meaning:
      'A page text missing in the chosen language shows in Swedish: silent (production) or marked "[sv] …" (development, to find the gaps).',
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
  taxonomyUrl: string;
  /** When the taxonomy search index is built: at start, at the first Process request, or at the first search. */
  taxonomyIndexOnStart: 'on' | 'process' | 'off';
  adminToken: string;
  publicBaseUrl: string;
  syncOnStart: 'auto' | 'off';
  /** A cron pattern, or 'off'. */
  syncSchedule: string;
  bodyLimit: number;
  importMaxBytes: number;
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  keepAliveMaxRequests: number;
  rateLimitMax: number;
  rateLimitWindowS: number;
  apiCacheMb: number;
  comparisonCacheMb: number;
  analysisCacheMb: number;
  /** Server processes (1: a single process, no cluster); `auto` resolves to the CPU count. */
  workers: number;
  /** Each server process's V8 old-space limit in MB, or null: V8's default. */
  heapMb: number | null;
  /** false; true (one proxy on this machine or a private network); or proxy addresses/CIDRs, comma-separated. */
  trustProxy: boolean | string;
  /** Absolute path of a kommun boundary GeoJSON, or '' for the bundled one. */
  boundariesFile: string;
  missingTranslations: 'silent' | 'marked';
  processKeyFile: string;
  processKeys: string;
  /** A cron pattern, or 'off'. */
  retentionSchedule: string;
  /** A cron pattern, or 'off'. */
  ownKpiSchedule: string;
  smtpUrl: string;
  smtpHost: string;
  smtpPort: number;
  smtpUser: string;
  smtpPassword: string;
  smtpTls: 'starttls' | 'tls' | 'none';
  mailFrom: string;
  /** A cron pattern, or 'off'. */
  reminderSchedule: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Single sign-on (OIDC); `oidc` is null when no issuer is set. */
  oidc: OidcSettings | null;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string;
  match: 'email' | 'subject';
  roles: RoleRule[];
  provision: boolean;
}

function read(name: SettingName, env: NodeJS.ProcessEnv): string {
  const spec = SETTINGS[name];
  const value = env[spec.env];
  return value === undefined || value === '' ? spec.default : value;
}

export class SettingsError extends UserError {}

/** A whole number from `min` up, naming the variable and the bad value otherwise. */
function count(name: SettingName, env: NodeJS.ProcessEnv, min: number): number {
  const text = read(name, env);
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < min)
    throw new SettingsError(`${SETTINGS[name].env} must be a whole number ≥ ${min}, got "${text}"`);
  return n;
}

function taxonomyIndexWhen(text: string): Settings['taxonomyIndexOnStart'] {
  if (text === 'on' || text === 'process' || text === 'off') return text;
  throw new SettingsError(`ETABLERA_TAXONOMY_INDEX_ON_START must be "process", "on" or "off", got "${text}"`);
}

/**
 * `auto` (V8's own limit) or a number of MB. Below 64 MB the server cannot even hold its start-up
 * objects; above 64 GB is a typo (MB taken for bytes).
 */
export function heapLimit(text: string): number | null {
  if (text === 'auto') return null;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 64 || n > 65536)
    throw new SettingsError(
      `ETABLERA_HEAP_MB must be "auto" or a whole number of MB from 64 to 65536, got "${text}"`,
    );
  return n;
}

/** `auto` (one per core) or 1–64: more processes than that is a typo, not a plan. */
function workerCount(text: string): number {
  if (text === 'auto') return availableParallelism();
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 64)
    throw new SettingsError(`ETABLERA_WORKERS must be "auto" or a whole number from 1 to 64, got "${text}"`);
  return n;
}

/** An operator-chosen secret short enough to guess is refused rather than silently accepted. */
const MIN_ADMIN_TOKEN_LENGTH = 16;

/** `false`, `true` (see `trustedProxy` in security.ts), or a list of proxy addresses/CIDRs. */
function trustedProxies(text: string): boolean | string {
  if (text === 'false' || text === 'true') return text === 'true';
  const isAddressOrCidr = (p: string) => {
    const [address = '', bits, ...rest] = p.split('/');
    const maxBits = isIP(address) === 6 ? 128 : 32;
    return (
      isIP(address) > 0 &&
      rest.length === 0 &&
      (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits))
    );
  };
  const parts = text.split(',').map((p) => p.trim());
  if (parts.every(isAddressOrCidr)) return parts.join(',');
  throw new SettingsError(
    `ETABLERA_TRUST_PROXY must be "false", "true", or proxy addresses/CIDRs separated by commas, got "${text}"`,
  );
}

/** The single sign-on settings, checked together: an issuer needs a client id and a role mapping. */
function oidcSettings(env: NodeJS.ProcessEnv): OidcSettings | null {
  const issuer = read('oidcIssuer', env).trim();
  if (!issuer) return null;
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    throw new SettingsError(`ETABLERA_OIDC_ISSUER must be a URL, got "${issuer}"`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
    throw new SettingsError(`ETABLERA_OIDC_ISSUER must be an https:// URL, got "${issuer}"`);
  const clientId = read('oidcClientId', env).trim();
  if (!clientId)
    throw new SettingsError('ETABLERA_OIDC_ISSUER is set: ETABLERA_OIDC_CLIENT_ID is needed too');
  const match = read('oidcMatch', env).trim();
  if (match !== 'email' && match !== 'subject')
    throw new SettingsError(`ETABLERA_OIDC_MATCH must be "email" or "subject", got "${match}"`);
  const provision = read('oidcProvision', env).trim();
  if (provision !== 'true' && provision !== 'false')
    throw new SettingsError(`ETABLERA_OIDC_PROVISION must be "true" or "false", got "${provision}"`);
  let roles: RoleRule[];
  try {
    roles = parseRoleRules(read('oidcRoles', env));
  } catch (error) {
    throw new SettingsError(`ETABLERA_OIDC_ROLES: ${(error as Error).message}`);
  }
  if (roles.length === 0)
    throw new SettingsError(
      'ETABLERA_OIDC_ISSUER is set: ETABLERA_OIDC_ROLES must say who gets which role, e.g. "groups=etablera-admin:2580:admin; *:2580:reader"',
    );
  const scopes = read('oidcScopes', env).split(/\s+/).filter(Boolean);
  return {
    issuer,
    clientId,
    clientSecret: read('oidcClientSecret', env),
    name: read('oidcName', env).trim() || url.hostname,
    scopes: [...new Set(['openid', ...scopes])].join(' '),
    match,
    roles,
    provision: provision === 'true',
  };
}

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
  const syncSchedule = read('syncSchedule', env).trim();
  try {
    checkSchedule(syncSchedule);
  } catch (error) {
    throw new SettingsError(
      `ETABLERA_SYNC_SCHEDULE must be a cron pattern such as "17 3 * * *" or "off", got "${syncSchedule}": ${(error as Error).message}`,
    );
  }
  const adminToken = read('adminToken', env);
  if (adminToken && adminToken.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new SettingsError(
      `ETABLERA_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters (a long random secret), got ${adminToken.length}`,
    );
  }
  const retentionSchedule = read('retentionSchedule', env).trim();
  try {
    checkSchedule(retentionSchedule);
  } catch (error) {
    throw new SettingsError(
      `ETABLERA_RETENTION_SCHEDULE must be a cron pattern such as "41 2 * * *" or "off", got "${retentionSchedule}": ${(error as Error).message}`,
    );
  }
  const ownKpiSchedule = read('ownKpiSchedule', env).trim();
  try {
    checkSchedule(ownKpiSchedule);
  } catch (error) {
    throw new SettingsError(
      `ETABLERA_OWN_KPI_SCHEDULE must be a cron pattern such as "11 3 * * *" or "off", got "${ownKpiSchedule}": ${(error as Error).message}`,
    );
  }
  const missingTranslations = read('missingTranslations', env);
  if (missingTranslations !== 'silent' && missingTranslations !== 'marked') {
    throw new SettingsError(
      `ETABLERA_MISSING_TRANSLATIONS must be "silent" or "marked", got "${missingTranslations}"`,
    );
  }
  const reminderSchedule = read('reminderSchedule', env).trim();
  try {
    checkSchedule(reminderSchedule);
  } catch (error) {
    throw new SettingsError(
      `ETABLERA_REMINDER_SCHEDULE must be a cron pattern such as "13 7-20 * * *" or "off", got "${reminderSchedule}": ${(error as Error).message}`,
    );
  }
  const smtpTls = read('smtpTls', env);
  if (smtpTls !== 'starttls' && smtpTls !== 'tls' && smtpTls !== 'none')
    throw new SettingsError(`ETABLERA_SMTP_TLS must be "starttls", "tls" or "none", got "${smtpTls}"`);
  const smtpUrl = read('smtpUrl', env);
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl))
    throw new SettingsError('ETABLERA_SMTP_URL must start with smtp:// or smtps:// and name a host');
  const smtpPort = Number(read('smtpPort', env));
  if (!Number.isInteger(smtpPort) || smtpPort < 1 || smtpPort > 65535)
    throw new SettingsError(`ETABLERA_SMTP_PORT must be 1–65535, got "${read('smtpPort', env)}"`);
  const oidc = oidcSettings(env);
  return {
    port,
    host: read('host', env),
    databaseUrl,
    dataDir: resolve(read('dataDir', env)),
    logLevel: read('logLevel', env),
    koladaBaseUrl: read('koladaBaseUrl', env).replace(/\/+$/, ''),
    taxonomyUrl: read('taxonomyUrl', env),
    taxonomyIndexOnStart: taxonomyIndexWhen(read('taxonomyIndexOnStart', env)),
    adminToken,
    publicBaseUrl: read('publicBaseUrl', env).replace(/\/+$/, ''),
    syncOnStart,
    syncSchedule,
    bodyLimit: count('bodyLimit', env, 1),
    importMaxBytes: count('importMaxBytes', env, 1),
    requestTimeoutMs: count('requestTimeoutMs', env, 0),
    connectionTimeoutMs: count('connectionTimeoutMs', env, 0),
    keepAliveMaxRequests: count('keepAliveMaxRequests', env, 0),
    rateLimitMax: count('rateLimitMax', env, 0),
    rateLimitWindowS: count('rateLimitWindowS', env, 1),
    apiCacheMb: count('apiCacheMb', env, 0),
    comparisonCacheMb: count('comparisonCacheMb', env, 0),
    analysisCacheMb: count('analysisCacheMb', env, 0),
    workers: workerCount(read('workers', env)),
    heapMb: heapLimit(read('heapMb', env)),
    trustProxy: trustedProxies(read('trustProxy', env)),
    boundariesFile: read('boundariesFile', env) ? resolve(read('boundariesFile', env)) : '',
    missingTranslations,
    smtpUrl,
    smtpHost: read('smtpHost', env).trim(),
    smtpPort,
    smtpUser: read('smtpUser', env),
    smtpPassword: read('smtpPassword', env),
    smtpTls,
    mailFrom: read('mailFrom', env).trim(),
    reminderSchedule,
    sessionIdleMinutes: count('sessionIdleMinutes', env, 1),
    sessionMaxHours: count('sessionMaxHours', env, 1),
    oidc,
    processKeyFile: read('processKeyFile', env) ? resolve(read('processKeyFile', env)) : '',
    processKeys: read('processKeys', env),
    retentionSchedule,
    ownKpiSchedule,
    ...overrides,
  };
}
