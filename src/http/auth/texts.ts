/**
 * The account pages' texts in Swedish and English, in one place so that moving them into the
 * i18n core's catalogs is mechanical.
 */
import type { Locale } from '../../i18n/locales.js';

export const ACCOUNT_TEXTS = {
  sv: {
    signIn: 'Logga in',
    signInLead: 'Logga in med ditt konto för att arbeta med planer och uppföljning.',
    email: 'E-postadress',
    password: 'Lösenord',
    signInFailed: 'E-postadressen eller lösenordet stämmer inte, eller så är kontot inte aktivt.',
    throttled: (minutes: number) =>
      `För många misslyckade inloggningar. Försök igen om ${minutes} ${minutes === 1 ? 'minut' : 'minuter'}.`,
    signOut: 'Logga ut',
    signOutEverywhere: 'Logga ut överallt',
    signOutEverywhereHint: 'Avslutar alla dina inloggningar, på alla enheter.',
    account: 'Mitt konto',
    signedInAs: 'Inloggad som',
    memberships: 'Organisationer och roller',
    organisation: 'Organisation',
    role: 'Roll',
    tokens: 'API-nycklar',
    tokensLead: 'Nycklar för skript: skickas som "Authorization: Bearer …" och har dina roller.',
    tokenName: 'Namn på nyckeln',
    tokenExpires: 'Giltig',
    tokenCreate: 'Skapa nyckel',
    tokenCreated: 'Din nya nyckel. Kopiera den nu – den visas bara en gång:',
    tokenRevoke: 'Återkalla',
    tokenRevoked: 'återkallad',
    never: 'aldrig',
    created: 'Skapad',
    lastUsed: 'Senast använd',
    noTokens: 'Du har inga API-nycklar.',
    changePassword: 'Byt lösenord',
    currentPassword: 'Nuvarande lösenord',
    newPassword: 'Nytt lösenord',
    passwordHint: 'Minst 12 tecken. Gärna några ord i följd; vanliga lösenord godtas inte.',
    passwordChanged: 'Lösenordet är bytt.',
    wrongPassword: 'Det nuvarande lösenordet stämmer inte.',
    signedOutEverywhere: (n: number) => `${n} inloggningar avslutades.`,
    expiry: { '30d': '30 dagar', '90d': '90 dagar', '365d': 'ett år', never: 'tills vidare' },
  },
  en: {
    signIn: 'Sign in',
    signInLead: 'Sign in with your account to work on plans and follow-up.',
    email: 'E-mail address',
    password: 'Password',
    signInFailed: 'The e-mail address or the password is wrong, or the account is not active.',
    throttled: (minutes: number) =>
      `Too many failed sign-ins. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    signOut: 'Sign out',
    signOutEverywhere: 'Sign out everywhere',
    signOutEverywhereHint: 'Ends all your sessions, on every device.',
    account: 'My account',
    signedInAs: 'Signed in as',
    memberships: 'Organisations and roles',
    organisation: 'Organisation',
    role: 'Role',
    tokens: 'API tokens',
    tokensLead: 'Tokens for scripts: sent as "Authorization: Bearer …", they carry your roles.',
    tokenName: 'Name of the token',
    tokenExpires: 'Valid for',
    tokenCreate: 'Create token',
    tokenCreated: 'Your new token. Copy it now – it is shown only once:',
    tokenRevoke: 'Revoke',
    tokenRevoked: 'revoked',
    never: 'never',
    created: 'Created',
    lastUsed: 'Last used',
    noTokens: 'You have no API tokens.',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    passwordHint: 'At least 12 characters. A few words in a row work well; common passwords are refused.',
    passwordChanged: 'The password has been changed.',
    wrongPassword: 'The current password is wrong.',
    signedOutEverywhere: (n: number) => `${n} sessions were ended.`,
    expiry: { '30d': '30 days', '90d': '90 days', '365d': 'one year', never: 'until revoked' },
  },
} as const;

export type AccountTexts = (typeof ACCOUNT_TEXTS)['sv'] | (typeof ACCOUNT_TEXTS)['en'];

/** Role names as people read them. */
export const ROLE_NAMES = {
  sv: {
    admin: 'administratör',
    strategist: 'strateg',
    reporter: 'rapportör',
    caseworker: 'handläggare',
    reader: 'läsare',
    newcomer: 'nyanländ',
    regional: 'regional samordnare',
  },
  en: {
    admin: 'administrator',
    strategist: 'strategist',
    reporter: 'reporter',
    caseworker: 'case worker',
    reader: 'reader',
    newcomer: 'newcomer',
    regional: 'regional coordinator',
  },
} as const;

// Until these texts move into the i18n catalogs (namespace account.*), other locales read Swedish.
export const accountTexts = (locale: Locale) => ACCOUNT_TEXTS[locale === 'en' ? 'en' : 'sv'];
export const roleNames = (locale: Locale) => ROLE_NAMES[locale === 'en' ? 'en' : 'sv'];
