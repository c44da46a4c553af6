/**
 * The account pages' texts, from the i18n catalogs (`account.*`, src/i18n/catalogs/accounts/): Swedish
 * and English complete, Arabic, Dari, Tigrinya, Somali and Ukrainian drafted (their catalogs are
 * drafts; a missing text falls back to Swedish). One object per locale with the shape the pages use.
 */

import type { Role } from '../../accounts/roles.js';
import type { Locale } from '../../i18n/locales.js';
import { CATALOGS, translator } from '../../i18n/translator.js';

function build(locale: Locale) {
  const t = translator(locale);
  const idpText = (key: Parameters<typeof t>[0]) => (idp: string) => t(key, { idp });
  return {
    signIn: t('account.signIn'),
    signInLead: t('account.signInLead'),
    signInWith: idpText('account.signInWith'),
    signInLocal: t('account.signInLocal'),
    oidcFailedTitle: t('account.oidcFailedTitle'),
    oidcFailed: {
      state: idpText('account.oidcFailed.state'),
      'idp-error': idpText('account.oidcFailed.idpError'),
      token: idpText('account.oidcFailed.token'),
      'not-admitted': idpText('account.oidcFailed.notAdmitted'),
      unavailable: idpText('account.oidcFailed.unavailable'),
    },
    email: t('account.email'),
    password: t('account.password'),
    signInFailed: t('account.signInFailed'),
    throttled: (minutes: number) => t('account.throttled', { minutes }),
    signOut: t('account.signOut'),
    signOutEverywhere: t('account.signOutEverywhere'),
    signOutEverywhereHint: t('account.signOutEverywhereHint'),
    account: t('account.account'),
    signedInAs: t('account.signedInAs'),
    memberships: t('account.memberships'),
    organisation: t('account.organisation'),
    role: t('account.role'),
    tokens: t('account.tokens'),
    tokensLead: t('account.tokensLead'),
    tokenName: t('account.tokenName'),
    tokenExpires: t('account.tokenExpires'),
    tokenCreate: t('account.tokenCreate'),
    tokenCreated: t('account.tokenCreated'),
    tokenRevoke: t('account.tokenRevoke'),
    tokenRevoked: t('account.tokenRevoked'),
    never: t('account.never'),
    created: t('account.created'),
    lastUsed: t('account.lastUsed'),
    noTokens: t('account.noTokens'),
    changePassword: t('account.changePassword'),
    currentPassword: t('account.currentPassword'),
    newPassword: t('account.newPassword'),
    passwordHint: t('account.passwordHint'),
    passwordChanged: t('account.passwordChanged'),
    wrongPassword: t('account.wrongPassword'),
    signedOutEverywhere: (count: number) => t('account.signedOutEverywhere', { count }),
    expiry: {
      '30d': t('account.expiry.30d'),
      '90d': t('account.expiry.90d'),
      '365d': t('account.expiry.365d'),
      never: t('account.expiry.never'),
    },
    secondFactor: t('account.secondFactor'),
    codeLead: t('account.codeLead'),
    code: t('account.code'),
    codeHint: t('account.codeHint'),
    verify: t('account.verify'),
    codeWrong: t('account.codeWrong'),
    codeLocked: t('account.codeLocked'),
    enrolLead: t('account.enrolLead'),
    enrolSecret: t('account.enrolSecret'),
    enrolUri: t('account.enrolUri'),
    enrolDone: t('account.enrolDone'),
    enrolled: t('account.enrolled'),
    continue: t('account.continue'),
    members: t('account.members'),
    status: t('account.status'),
    statuses: {
      active: t('account.statuses.active'),
      invited: t('account.statuses.invited'),
      disabled: t('account.statuses.disabled'),
    },
    addMember: t('account.addMember'),
    addMemberHint: t('account.addMemberHint'),
    save: t('account.save'),
    invitationLink: t('account.invitationLink'),
    memberSaved: t('account.memberSaved'),
    /** Shown on the pages while the locale's catalog is a draft; null when it is reviewed. */
    draft: CATALOGS[locale].draft ? t('account.draft') : null,
  };
}

export type AccountTexts = ReturnType<typeof build>;

const built = new Map<Locale, AccountTexts>();
/** The texts are fixed per locale: built once. */
export function accountTexts(locale: Locale): AccountTexts {
  let texts = built.get(locale);
  if (!texts) {
    texts = build(locale);
    built.set(locale, texts);
  }
  return texts;
}

/** Role names as people read them. */
export function roleNames(locale: Locale): Record<Role, string> {
  const t = translator(locale);
  return {
    admin: t('account.roleName.admin'),
    strategist: t('account.roleName.strategist'),
    reporter: t('account.roleName.reporter'),
    caseworker: t('account.roleName.caseworker'),
    'process-admin': t('account.roleName.processAdmin'),
    reader: t('account.roleName.reader'),
    newcomer: t('account.roleName.newcomer'),
    regional: t('account.roleName.regional'),
  };
}
