/**
 * Etablera's e-mails as plain text and simple HTML (one column, real headings and links, the language
 * declared, no images or colour carrying meaning), with their texts from the i18n catalogs
 * (`mail.*`). Every message carries the plain-text part, which is what many readers use.
 */
import type { Locale } from '../i18n/locales.js';
import { textDirection } from '../i18n/locales.js';
import { translator } from '../i18n/translator.js';
import type { NewMail } from '../store/repositories/mail-outbox.repository.js';

export interface MailContent {
  subject: string;
  paragraphs: string[];
  list?: string[];
  action?: { href: string; label: string };
  after?: string[];
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function render(locale: Locale, content: MailContent): { text: string; html: string } {
  const t = translator(locale);
  const footer = t('mail.footer');
  const text = [
    ...content.paragraphs,
    ...(content.list?.length ? [content.list.map((i) => `- ${i}`).join('\n')] : []),
    ...(content.action ? [`${content.action.label}:\n${content.action.href}`] : []),
    ...(content.after ?? []),
    `-- \n${footer}`,
  ].join('\n\n');
  const html = [
    '<!doctype html>',
    `<html lang="${locale}" dir="${textDirection(locale)}">`,
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family: sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a; background: #ffffff; max-width: 40em; margin: 0 auto; padding: 1em;">',
    `<h1 style="font-size: 1.25em;">${escapeHtml(content.subject)}</h1>`,
    ...content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    ...(content.list?.length
      ? [`<ul>${content.list.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`]
      : []),
    ...(content.action
      ? [
          `<p><a href="${escapeHtml(content.action.href)}" style="color: #0b4f8a; font-weight: bold;">${escapeHtml(content.action.label)}</a></p>`,
          `<p style="word-break: break-all;">${escapeHtml(content.action.href)}</p>`,
        ]
      : []),
    ...(content.after ?? []).map((p) => `<p>${escapeHtml(p)}</p>`),
    `<hr><p style="font-size: 0.9em;">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { text, html };
}

function mail(purpose: string, to: string, locale: Locale, content: MailContent): NewMail {
  const { text, html } = render(locale, content);
  return { purpose, recipient: to, subject: content.subject, body_text: text, body_html: html };
}

export function invitationMail(
  locale: Locale,
  input: { to: string; link: string; organisation: string; days: number },
): NewMail {
  const t = translator(locale);
  return mail('invitation', input.to, locale, {
    subject: t('mail.invitation.subject', { organisation: input.organisation }),
    paragraphs: [t('mail.invitation.lead', { organisation: input.organisation })],
    action: { href: input.link, label: t('mail.invitation.action') },
    after: [t('mail.invitation.expiry', { days: input.days }), t('mail.invitation.notYou')],
  });
}

export function resetMail(locale: Locale, input: { to: string; link: string; minutes: number }): NewMail {
  const t = translator(locale);
  return mail('reset', input.to, locale, {
    subject: t('mail.reset.subject'),
    paragraphs: [t('mail.reset.lead')],
    action: { href: input.link, label: t('mail.reset.action') },
    after: [t('mail.reset.expiry', { minutes: input.minutes }), t('mail.reset.notYou')],
  });
}

export function reminderMail(
  locale: Locale,
  input: {
    to: string;
    plan: string;
    period: string;
    deadline: string;
    daysLeft: number;
    items: string[];
    link: string;
  },
): NewMail {
  const t = translator(locale);
  const due = input.daysLeft === 0;
  return mail('plan-reminder', input.to, locale, {
    subject: due
      ? t('mail.reminder.subjectDue', { plan: input.plan, period: input.period })
      : t('mail.reminder.subject', { plan: input.plan, period: input.period, deadline: input.deadline }),
    paragraphs: [
      due
        ? t('mail.reminder.leadDue', { plan: input.plan, period: input.period })
        : t('mail.reminder.lead', {
            plan: input.plan,
            period: input.period,
            deadline: input.deadline,
            days: input.daysLeft,
          }),
      t('mail.reminder.items', { n: input.items.length }),
    ],
    list: input.items,
    action: { href: input.link, label: t('mail.reminder.action') },
    after: [t('mail.reminder.why')],
  });
}

/** A case worker's daily caseload reminder: counts and a link, no names (see caseload-reminders.ts). */
export function caseloadReminderMail(
  locale: Locale,
  input: {
    to: string;
    due: { overdue: number; dueToday: number; followUps: number; people: number };
    link: string;
  },
): NewMail {
  const t = translator(locale);
  const { due } = input;
  return mail('caseload-reminder', input.to, locale, {
    subject: t('mail.caseload.subject', { people: due.people }),
    paragraphs: [t('mail.caseload.lead', { people: due.people })],
    list: [
      ...(due.overdue ? [t('mail.caseload.overdue', { n: due.overdue })] : []),
      ...(due.dueToday ? [t('mail.caseload.dueToday', { n: due.dueToday })] : []),
      ...(due.followUps ? [t('mail.caseload.followUps', { n: due.followUps })] : []),
    ],
    action: { href: input.link, label: t('mail.caseload.action') },
    after: [t('mail.caseload.why')],
  });
}
