/**
 * What accounts send by e-mail: invitations (from the organisation admin page) and password resets
 * (asked for by anyone with an e-mail address). The link is made and the message queued in the mail
 * outbox; with e-mail off nothing is queued and the caller shows the invitation link instead.
 *
 * A reset request answers the same whether or not the account exists, and as fast: after the IP's
 * throttle, the lookup, the link and the e-mail happen after the answer is sent. Throttling: 20 requests an
 * hour from one IP (then 429), and at most 3 reset e-mails an hour to one address (more are dropped
 * quietly, so nobody can flood a mailbox or learn anything from the answer).
 */

import type { Locale } from '../i18n/locales.js';
import { isLocale } from '../i18n/locales.js';
import { invitationMail, resetMail } from '../mail/compose.js';
import type { Mailer } from '../mail/mailer.js';
import type { UserRow } from '../store/repositories/accounts.repository.js';
import type { Repositories } from '../store/repositories/index.js';
import { AccountService, normaliseEmail } from './account.service.js';
import type { Actor } from './actor.js';
import { AuditLog } from './audit-log.js';

export const RESET_LIMITS = { perIpPerHour: 20, perAddressPerHour: 3 } as const;
const HOUR = 3_600_000;

export type ResetOutcome = 'mail-off' | 'throttled' | 'accepted';

export class AccountMailService {
  private readonly accounts: AccountService;
  private readonly background = new Set<Promise<void>>();
  constructor(
    private readonly repositories: Repositories,
    private readonly mailer: Mailer,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.accounts = new AccountService(repositories);
  }

  private localeOf(user: UserRow, fallback: Locale): Locale {
    return isLocale(user.locale) ? user.locale : fallback;
  }

  /**
   * Sends an invited user their link by e-mail. Returns true when it was queued; false when e-mail
   * is off (then the caller shows `link`).
   */
  async sendInvitation(
    user: UserRow,
    link: string,
    organisation: { id: string; name: string },
    locale: Locale,
  ): Promise<boolean> {
    const id = await this.mailer.enqueue(
      invitationMail(this.localeOf(user, locale), {
        to: user.email,
        link,
        organisation: organisation.name,
        days: 7,
      }),
    );
    if (id === null) return false;
    this.mailer.kick();
    return true;
  }

  /** A reset request by e-mail address (see the class comment for what it reveals: nothing). */
  async requestReset(
    input: { email: string; ip: string; baseUrl: string; locale: Locale },
    now = new Date(),
  ): Promise<ResetOutcome> {
    if (!this.mailer.enabled) return 'mail-off';
    const throttle = this.repositories.signInThrottle;
    const windowStart = new Date(now.getTime() - HOUR).toISOString();
    const email = normaliseEmail(input.email).slice(0, 254);
    const audit = new AuditLog(this.repositories);
    const fromIp = await throttle.fail(`reset-ip:${input.ip}`, now.toISOString(), windowStart);
    if (fromIp > RESET_LIMITS.perIpPerHour) {
      await audit.record({
        actor: { userId: null, label: email || '(none)' },
        action: 'password-reset.request',
        outcome: 'refused',
        ip: input.ip,
        detail: { reason: 'too many requests from this IP' },
      });
      return 'throttled';
    }
    // The rest runs after the answer: its time must not tell whether the account exists.
    const task = this.resetFor(email, input, now, windowStart).catch((error: unknown) =>
      this.log(`Password reset for a request from ${input.ip} failed: ${(error as Error).message}`),
    );
    this.background.add(task);
    // Stryker disable next-line ArrowFunction: only keeps the set small; settled() waits for a finished task at once
    void task.finally(() => this.background.delete(task));
    return 'accepted';
  }

  /** Resolves when every reset started so far is done (tests; shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.background]);
  }

  private async resetFor(
    email: string,
    input: { ip: string; baseUrl: string; locale: Locale },
    now: Date,
    windowStart: string,
  ): Promise<void> {
    const throttle = this.repositories.signInThrottle;
    const audit = new AuditLog(this.repositories);
    const user = email ? await this.repositories.accounts.userByEmail(email) : undefined;
    const toAddress = await throttle.fail(`reset-address:${email}`, now.toISOString(), windowStart);
    const reason = !user
      ? 'no such account'
      : user.status === 'disabled'
        ? 'account disabled'
        : toAddress > RESET_LIMITS.perAddressPerHour
          ? 'too many reset e-mails to this address'
          : null;
    const who: Actor | { userId: string | null; label: string } = {
      userId: user?.id ?? null,
      label: email || '(none)',
    };
    if (!user || reason) {
      await audit.record({
        actor: who,
        action: 'password-reset.request',
        outcome: 'refused',
        ip: input.ip,
        target: user ? { type: 'user', id: user.id } : undefined,
        detail: { reason },
      });
      return;
    }
    // The link's own audit entry (link.reset) names the system: the request above names who asked.
    const link = await this.accounts.oneTimeLink(null, user.id, 'reset', input.baseUrl);
    await this.mailer.enqueue(
      resetMail(this.localeOf(user, input.locale), { to: user.email, link, minutes: 60 }),
    );
    await audit.record({
      actor: who,
      action: 'password-reset.request',
      ip: input.ip,
      target: { type: 'user', id: user.id },
    });
    this.mailer.kick();
  }
}
