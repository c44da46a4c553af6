/**
 * The SMTP transport from the settings: ETABLERA_SMTP_URL, or ETABLERA_SMTP_HOST/PORT/USER/PASSWORD,
 * with ETABLERA_SMTP_TLS (starttls: required, the default; tls: from the start; none: a local relay)
 * and ETABLERA_MAIL_FROM. Without a host e-mail is off, and `mailConfig` says why in a sentence fit
 * for the log and the admin page.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Settings } from '../config/settings.js';

export type MailSettings = Pick<
  Settings,
  'smtpUrl' | 'smtpHost' | 'smtpPort' | 'smtpUser' | 'smtpPassword' | 'smtpTls' | 'mailFrom'
>;

export type MailConfig =
  | { enabled: true; from: string; server: string; options: SMTPTransport.Options }
  | { enabled: false; reason: string; missing: 'server' | 'sender' };

export function mailConfig(settings: MailSettings): MailConfig {
  let options: SMTPTransport.Options;
  if (settings.smtpUrl) {
    const url = new URL(settings.smtpUrl);
    const implicit = url.protocol === 'smtps:';
    options = {
      host: url.hostname,
      port: url.port ? Number(url.port) : implicit ? 465 : 587,
      secure: implicit,
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
    };
    if (!implicit) Object.assign(options, tlsMode(settings.smtpTls));
  } else if (settings.smtpHost) {
    options = {
      host: settings.smtpHost,
      port: settings.smtpPort,
      secure: settings.smtpTls === 'tls',
      ...(settings.smtpUser ? { auth: { user: settings.smtpUser, pass: settings.smtpPassword } } : {}),
      ...tlsMode(settings.smtpTls),
    };
  } else {
    return {
      enabled: false,
      reason: 'E-mail is off: no SMTP server is set (ETABLERA_SMTP_URL or ETABLERA_SMTP_HOST)',
      missing: 'server',
    };
  }
  if (!settings.mailFrom)
    return {
      enabled: false,
      reason: 'E-mail is off: ETABLERA_MAIL_FROM (the sender address) is not set',
      missing: 'sender',
    };
  return {
    enabled: true,
    from: settings.mailFrom,
    server: `${options.host}:${options.port}`,
    options: {
      ...options,
      // A slow or silent server must not hold a delivery round for long; the outbox retries later.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    },
  };
}

function tlsMode(mode: Settings['smtpTls']): Partial<SMTPTransport.Options> {
  if (mode === 'starttls') return { requireTLS: true };
  if (mode === 'none') return { ignoreTLS: true };
  return {};
}

/** `extra` lets a test trust its own server's certificate; the product passes nothing. */
export function createTransport(
  config: Extract<MailConfig, { enabled: true }>,
  extra: Partial<SMTPTransport.Options> = {},
): Transporter<SMTPTransport.SentMessageInfo> {
  return nodemailer.createTransport({ ...config.options, ...extra }, { from: config.from });
}
