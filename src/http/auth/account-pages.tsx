/** The sign-in and account pages (server-rendered; plain forms, so they work without JavaScript). */

import type { ComponentChildren } from 'preact';
import type { Membership } from '../../accounts/actor.js';
import { ROLES, type Role } from '../../accounts/roles.js';
import type { TokenInfo } from '../../accounts/token.service.js';
import { LOCALES } from '../../i18n/locales.js';
import { Layout } from '../ui/components/layout.js';
import type { PageContext } from '../ui/page-context.js';
import { accountTexts, roleNames } from './texts.js';

export interface FormState {
  csrf: string;
  /** A message after a form was sent: what went wrong (error) or what was done (notice). */
  error?: string;
  notice?: string;
}

const texts = (ctx: PageContext) => accountTexts(ctx.lang);

/**
 * The layout of every account page: offered in all seven languages, with a note while the page's
 * language is a draft translation.
 */
export function AccountLayout({
  ctx,
  title,
  children,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}) {
  const draft = texts(ctx).draft;
  return (
    <Layout ctx={ctx} title={title} downloads={false} languages={LOCALES}>
      {draft && (
        <p class="draft-note">
          <span lang="sv" dir="ltr">
            Utkast
          </span>{' '}
          · {draft}
        </p>
      )}
      {children}
    </Layout>
  );
}

export function Messages({ form }: { form: FormState }) {
  return (
    <>
      {form.error && (
        <p class="error" role="alert">
          {form.error}
        </p>
      )}
      {form.notice && (
        <p class="notice" role="status">
          {form.notice}
        </p>
      )}
    </>
  );
}

/** The new-password field of every form that sets one (account page, invitation, reset). */
export function NewPasswordField({ label, hint }: { label: string; hint: string }) {
  return (
    <div class="field field--wide">
      <label for="new-password">{label}</label>
      <input
        id="new-password"
        name="password"
        type="password"
        autocomplete="new-password"
        minlength={12}
        required
        aria-describedby="new-password-hint"
      />
      <span class="hint" id="new-password-hint">
        {hint}
      </span>
    </div>
  );
}

export function Csrf({ form }: { form: FormState }) {
  return <input type="hidden" name="_csrf" value={form.csrf} />;
}

export function SignInPage({
  ctx,
  form,
  email,
  next,
  idp,
}: {
  ctx: PageContext;
  form: FormState;
  email: string;
  next: string;
  /** The IdP's name when single sign-on is set up. */
  idp?: string;
}) {
  const t = texts(ctx);
  return (
    <AccountLayout ctx={ctx} title={t.signIn}>
      <h1>{t.signIn}</h1>
      <p>{t.signInLead}</p>
      <Messages form={form} />
      {idp && (
        <>
          <p>
            {/* A link, not a form: the IdP sign-in starts with a GET and works without JavaScript. */}
            <a class="button" href={`/logga-in/oidc?next=${encodeURIComponent(next)}`}>
              {t.signInWith(idp)}
            </a>
          </p>
          <h2>{t.signInLocal}</h2>
        </>
      )}
      <form method="post" action="/logga-in" class="account-form">
        <Csrf form={form} />
        <input type="hidden" name="next" value={next} />
        {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
        <div class="field field--wide">
          <label for="email">{t.email}</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={email} />
        </div>
        <div class="field field--wide">
          <label for="password">{t.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <div class="field field--button">
          <button type="submit">{t.signIn}</button>
        </div>
      </form>
      <p>
        <a href={ctx.lang === 'sv' ? '/konto/aterstall' : `/konto/aterstall?lang=${ctx.lang}`}>
          {ctx.t('mail.page.forgot')}
        </a>
      </p>
    </AccountLayout>
  );
}

export function AccountPage({
  ctx,
  form,
  email,
  memberships,
  organisationNames,
  tokens,
  newToken,
}: {
  ctx: PageContext;
  form: FormState;
  email: string;
  memberships: readonly Membership[];
  organisationNames: ReadonlyMap<string, string>;
  tokens: readonly TokenInfo[];
  newToken?: string;
}) {
  const t = texts(ctx);
  const roles = roleNames(ctx.lang);
  const date = (iso: string | null) => (iso ? iso.slice(0, 10) : t.never);
  return (
    <AccountLayout ctx={ctx} title={t.account}>
      <h1>{t.account}</h1>
      <p>
        {t.signedInAs} <strong>{email}</strong>
      </p>
      <Messages form={form} />
      {newToken && (
        <div class="notice" role="status">
          <p>{t.tokenCreated}</p>
          <p>
            <code>{newToken}</code>
          </p>
        </div>
      )}
      <section aria-labelledby="memberships">
        <h2 id="memberships">{t.memberships}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.organisation}</th>
              <th scope="col">{t.role}</th>
            </tr>
          </thead>
          <tbody>
            {memberships.map((m) => (
              <tr>
                <td>
                  {m.role === 'admin' ? (
                    <a href={`/organisation/${m.organisationId}`}>
                      {organisationNames.get(m.organisationId) ?? m.organisationId} ({m.organisationId})
                    </a>
                  ) : (
                    `${organisationNames.get(m.organisationId) ?? m.organisationId} (${m.organisationId})`
                  )}
                </td>
                <td>{roles[m.role]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="tokens">
        <h2 id="tokens">{t.tokens}</h2>
        <p>{t.tokensLead}</p>
        {tokens.length === 0 ? (
          <p>{t.noTokens}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t.tokenName}</th>
                <th scope="col">{t.created}</th>
                <th scope="col">{t.tokenExpires}</th>
                <th scope="col">{t.lastUsed}</th>
                <th scope="col">
                  <span class="visually-hidden">{t.tokenRevoke}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr>
                  <td>{token.name}</td>
                  <td>{date(token.created)}</td>
                  <td>{date(token.expires)}</td>
                  <td>{date(token.lastUsed)}</td>
                  <td>
                    {token.revoked ? (
                      t.tokenRevoked
                    ) : (
                      <form method="post" action={`/konto/nycklar/${token.id}/aterkalla`}>
                        <Csrf form={form} />
                        <button type="submit" aria-label={`${t.tokenRevoke}: ${token.name}`}>
                          {t.tokenRevoke}
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <form method="post" action="/konto/nycklar" class="account-form">
          <Csrf form={form} />
          <div class="field">
            <label for="token-name">{t.tokenName}</label>
            <input id="token-name" name="name" type="text" maxlength={100} required />
          </div>
          <div class="field">
            <label for="token-expires">{t.tokenExpires}</label>
            <select id="token-expires" name="expires">
              {(['30d', '90d', '365d', 'never'] as const).map((e) => (
                <option value={e} selected={e === '90d'}>
                  {t.expiry[e]}
                </option>
              ))}
            </select>
          </div>
          <div class="field field--button">
            <button type="submit">{t.tokenCreate}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="password">
        <h2 id="password">{t.changePassword}</h2>
        <form method="post" action="/konto/losenord" class="account-form">
          <Csrf form={form} />
          <input type="text" name="username" autocomplete="username" value={email} hidden />
          <div class="field field--wide">
            <label for="current-password">{t.currentPassword}</label>
            <input
              id="current-password"
              name="current"
              type="password"
              autocomplete="current-password"
              required
            />
          </div>
          <NewPasswordField label={t.newPassword} hint={t.passwordHint} />
          <div class="field field--button">
            <button type="submit">{t.changePassword}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="sessions">
        <h2 id="sessions">{t.signOut}</h2>
        <form method="post" action="/logga-ut" class="account-form">
          <Csrf form={form} />
          <button type="submit">{t.signOut}</button>
        </form>
        <form method="post" action="/konto/logga-ut-overallt" class="account-form">
          <Csrf form={form} />
          <p class="hint">{t.signOutEverywhereHint}</p>
          <button type="submit">{t.signOutEverywhere}</button>
        </form>
      </section>
    </AccountLayout>
  );
}

/** The second step of a sign-in: a TOTP code or a recovery code. */
export function SecondFactorPage({ ctx, form, next }: { ctx: PageContext; form: FormState; next: string }) {
  const t = texts(ctx);
  return (
    <AccountLayout ctx={ctx} title={t.secondFactor}>
      <h1>{t.secondFactor}</h1>
      <p>{t.codeLead}</p>
      <Messages form={form} />
      <form method="post" action="/logga-in/kod" class="account-form">
        <Csrf form={form} />
        <input type="hidden" name="next" value={next} />
        <div class="field">
          <label for="code">{t.code}</label>
          <input
            id="code"
            name="code"
            type="text"
            inputmode="text"
            autocomplete="one-time-code"
            required
            aria-describedby="code-hint"
          />
          <span class="hint" id="code-hint">
            {t.codeHint}
          </span>
        </div>
        <div class="field field--button">
          <button type="submit">{t.verify}</button>
        </div>
      </form>
    </AccountLayout>
  );
}

/** Setting up TOTP: the secret to type in (or the otpauth link), then the recovery codes once. */
export function EnrolPage({
  ctx,
  form,
  proposal,
  recoveryCodes,
  enabledAt,
}: {
  ctx: PageContext;
  form: FormState;
  proposal?: { secret: string; uri: string };
  recoveryCodes?: readonly string[];
  enabledAt?: string | null;
}) {
  const t = texts(ctx);
  return (
    <AccountLayout ctx={ctx} title={t.secondFactor}>
      <h1>{t.secondFactor}</h1>
      <Messages form={form} />
      {recoveryCodes ? (
        <>
          <p>{t.enrolDone}</p>
          <ul class="recovery-codes">
            {recoveryCodes.map((c) => (
              <li>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <p>
            <a href="/konto">{t.continue}</a>
          </p>
        </>
      ) : enabledAt ? (
        <p>
          {t.enrolled} {enabledAt.slice(0, 10)}.
        </p>
      ) : (
        proposal && (
          <>
            <p>{t.enrolLead}</p>
            <p>
              {t.enrolSecret}: <code>{proposal.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
            </p>
            <p>
              <a href={proposal.uri}>{t.enrolUri}</a>
            </p>
            <form method="post" action="/konto/tvafaktor" class="account-form">
              <Csrf form={form} />
              <input type="hidden" name="secret" value={proposal.secret} />
              <div class="field">
                <label for="code">{t.code}</label>
                <input
                  id="code"
                  name="code"
                  type="text"
                  inputmode="numeric"
                  autocomplete="one-time-code"
                  required
                />
              </div>
              <div class="field field--button">
                <button type="submit">{t.verify}</button>
              </div>
            </form>
          </>
        )
      )}
    </AccountLayout>
  );
}

export interface MemberView {
  email: string;
  status: 'active' | 'invited' | 'disabled';
  role: Role | null;
  secondFactor: boolean;
}

/** An organisation's members and their roles, with a form to add a member or change a role. */
export function OrganisationPage({
  ctx,
  form,
  organisation,
  members,
  invitation,
  mailOff,
}: {
  ctx: PageContext;
  form: FormState;
  organisation: { id: string; name: string };
  members: readonly MemberView[];
  invitation?: string | null;
  /** What is missing when e-mail is off on this server (invitation links are then shown here), or null. */
  mailOff?: 'server' | 'sender' | null;
}) {
  const t = texts(ctx);
  const roles = roleNames(ctx.lang);
  return (
    <AccountLayout ctx={ctx} title={organisation.name}>
      <h1>
        {organisation.name} ({organisation.id})
      </h1>
      {mailOff && (
        <p class="notice" role="note">
          {ctx.t('mail.admin.mailOff', {
            reason: ctx.t(mailOff === 'server' ? 'mail.admin.offServer' : 'mail.admin.offSender'),
          })}
        </p>
      )}
      <Messages form={form} />
      {invitation && (
        <div class="notice" role="status">
          <p>{t.invitationLink}</p>
          <p>
            <code>{invitation}</code>
          </p>
        </div>
      )}
      <section aria-labelledby="members">
        <h2 id="members">{t.members}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t.email}</th>
              <th scope="col">{t.role}</th>
              <th scope="col">{t.status}</th>
              <th scope="col">{t.secondFactor}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr>
                <td>{m.email}</td>
                <td>{m.role ? roles[m.role] : ''}</td>
                <td>{t.statuses[m.status]}</td>
                <td>{m.secondFactor ? '✓' : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="add-member">
        <h2 id="add-member">{t.addMember}</h2>
        <p class="hint">{t.addMemberHint}</p>
        <form method="post" action={`/organisation/${organisation.id}/medlemmar`} class="account-form">
          <Csrf form={form} />
          <div class="field field--wide">
            <label for="member-email">{t.email}</label>
            <input id="member-email" name="email" type="email" required />
          </div>
          <div class="field">
            <label for="member-role">{t.role}</label>
            <select id="member-role" name="role">
              {ROLES.map((r) => (
                <option value={r} selected={r === 'reader'}>
                  {roles[r]}
                </option>
              ))}
            </select>
          </div>
          <div class="field field--button">
            <button type="submit">{t.save}</button>
          </div>
        </form>
      </section>
    </AccountLayout>
  );
}

/** Why a sign-in through the IdP did not work, and the way back. */
export function OidcFailedPage({
  ctx,
  failure,
  idp,
}: {
  ctx: PageContext;
  failure: 'state' | 'idp-error' | 'token' | 'not-admitted' | 'unavailable';
  idp: string;
}) {
  const t = texts(ctx);
  return (
    <AccountLayout ctx={ctx} title={t.oidcFailedTitle}>
      <h1>{t.oidcFailedTitle}</h1>
      <p class="error" role="alert">
        {t.oidcFailed[failure](idp)}
      </p>
      <p>
        <a href="/logga-in">{t.signIn}</a>
      </p>
    </AccountLayout>
  );
}
