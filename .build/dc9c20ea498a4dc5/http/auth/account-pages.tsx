/** The sign-in and account pages (server-rendered; plain forms, so they work without JavaScript). */
import type { Membership } from '../../accounts/actor.js';
import type { TokenInfo } from '../../accounts/token.service.js';
import { Layout } from '../ui/components/layout.js';
import type { PageContext } from '../ui/page-context.js';
import { ACCOUNT_TEXTS, ROLE_NAMES } from './texts.js';

export interface FormState {
  csrf: string;
  /** A message after a form was sent: what went wrong (error) or what was done (notice). */
  error?: string;
  notice?: string;
}

const texts = (ctx: PageContext) => ACCOUNT_TEXTS[ctx.lang];

function Messages({ form }: { form: FormState }) {
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

function Csrf({ form }: { form: FormState }) {
  return <input type="hidden" name="_csrf" value={form.csrf} />;
}

export function SignInPage({
  ctx,
  form,
  email,
  next,
}: {
  ctx: PageContext;
  form: FormState;
  email: string;
  next: string;
}) {
  const t = texts(ctx);
  return (
    <Layout ctx={ctx} title={t.signIn} downloads={false}>
      <h1>{t.signIn}</h1>
      <p>{t.signInLead}</p>
      <Messages form={form} />
      <form method="post" action="/logga-in" class="account-form">
        <Csrf form={form} />
        <input type="hidden" name="next" value={next} />
        {ctx.lang === 'en' && <input type="hidden" name="lang" value="en" />}
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
    </Layout>
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
  const roles = ROLE_NAMES[ctx.lang];
  const date = (iso: string | null) => (iso ? iso.slice(0, 10) : t.never);
  return (
    <Layout ctx={ctx} title={t.account} downloads={false}>
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
                  {organisationNames.get(m.organisationId) ?? m.organisationId} ({m.organisationId})
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
          <div class="field field--wide">
            <label for="new-password">{t.newPassword}</label>
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
              {t.passwordHint}
            </span>
          </div>
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
    </Layout>
  );
}
