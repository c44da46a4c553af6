/**
 * The pages of one-time links: accept an invitation (choose a password), ask for a password reset
 * by e-mail, and choose a new password. Plain forms (they work without JavaScript), CSRF-protected.
 */
import type { PageContext } from '../ui/page-context.js';
import { AccountLayout, Csrf, type FormState, Messages, NewPasswordField } from './account-pages.js';
import { accountTexts } from './texts.js';

function Lang({ ctx }: { ctx: PageContext }) {
  return ctx.lang === 'sv' ? null : <input type="hidden" name="lang" value={ctx.lang} />;
}

/** Choose a password through a live link (invitation or reset). */
export function SetPasswordPage({
  ctx,
  form,
  purpose,
  email,
  action,
}: {
  ctx: PageContext;
  form: FormState;
  purpose: 'invitation' | 'reset';
  email: string;
  action: string;
}) {
  const t = accountTexts(ctx.lang);
  const title = ctx.t(purpose === 'invitation' ? 'mail.page.invitationTitle' : 'mail.page.resetTitle');
  return (
    <AccountLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {ctx.t(purpose === 'invitation' ? 'mail.page.invitationLead' : 'mail.page.resetNewLead', { email })}
      </p>
      <Messages form={form} />
      <form method="post" action={action} class="account-form">
        <Csrf form={form} />
        <Lang ctx={ctx} />
        <div class="field field--wide">
          <label for="email">{t.email}</label>
          <input id="email" name="username" type="email" autocomplete="username" value={email} readOnly />
        </div>
        <NewPasswordField label={t.newPassword} hint={t.passwordHint} />
        <div class="field field--button">
          <button type="submit">{ctx.t('mail.page.setPassword')}</button>
        </div>
      </form>
    </AccountLayout>
  );
}

/** What a used, expired or unknown link shows (404), or what a finished one shows. */
export function LinkMessagePage({
  ctx,
  purpose,
  outcome,
}: {
  ctx: PageContext;
  purpose: 'invitation' | 'reset';
  outcome: 'invalid' | 'done';
}) {
  const t = accountTexts(ctx.lang);
  const title = ctx.t(purpose === 'invitation' ? 'mail.page.invitationTitle' : 'mail.page.resetTitle');
  const signIn = ctx.lang === 'sv' ? '/logga-in' : `/logga-in?lang=${ctx.lang}`;
  return (
    <AccountLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {outcome === 'invalid' ? (
        <p class="error" role="alert">
          {ctx.t('mail.page.linkInvalid')}
        </p>
      ) : (
        <p class="notice" role="status">
          {ctx.t('mail.page.passwordSet')}
        </p>
      )}
      <p>
        {outcome === 'invalid' && purpose === 'reset' ? (
          <a href={ctx.lang === 'sv' ? '/konto/aterstall' : `/konto/aterstall?lang=${ctx.lang}`}>
            {ctx.t('mail.page.forgot')}
          </a>
        ) : (
          <a href={signIn}>{t.signIn}</a>
        )}
      </p>
    </AccountLayout>
  );
}

/** Ask for a reset link by e-mail address; the answer never says whether the account exists. */
export function ResetRequestPage({
  ctx,
  form,
  mailOff,
  sent,
}: {
  ctx: PageContext;
  form: FormState;
  mailOff: boolean;
  sent: boolean;
}) {
  const t = accountTexts(ctx.lang);
  const title = ctx.t('mail.page.resetTitle');
  return (
    <AccountLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Messages form={form} />
      {mailOff ? (
        <p class="notice" role="status">
          {ctx.t('mail.page.mailOff')}
        </p>
      ) : sent ? (
        <p class="notice" role="status">
          {ctx.t('mail.page.resetSent')}
        </p>
      ) : (
        <>
          <p>{ctx.t('mail.page.resetRequestLead')}</p>
          <form method="post" action="/konto/aterstall" class="account-form">
            <Csrf form={form} />
            <Lang ctx={ctx} />
            <div class="field field--wide">
              <label for="email">{t.email}</label>
              <input id="email" name="email" type="email" autocomplete="username" required />
            </div>
            <div class="field field--button">
              <button type="submit">{ctx.t('mail.page.resetSend')}</button>
            </div>
          </form>
        </>
      )}
      <p>
        <a href={ctx.lang === 'sv' ? '/logga-in' : `/logga-in?lang=${ctx.lang}`}>{t.signIn}</a>
      </p>
    </AccountLayout>
  );
}
