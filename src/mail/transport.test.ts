/** The SMTP settings → transport options: one URL or separate settings, the TLS modes, and "off". */
import { describe, expect, it } from 'vitest';
import { loadSettings, SettingsError } from '../config/settings.js';
import { mailConfig } from './transport.js';

const from = { ETABLERA_MAIL_FROM: 'Etablera <etablera@lulea.se>' };

describe('mail settings', () => {
  it('reads one URL with an encoded login; STARTTLS is required by default', () => {
    const config = mailConfig(
      loadSettings({
        ...from,
        ETABLERA_SMTP_URL: 'smtp://etablera%40lulea.se:p%C3%A5ss%20ord@smtp.lulea.se:2525',
      }),
    );
    expect(config).toMatchObject({
      enabled: true,
      from: 'Etablera <etablera@lulea.se>',
      server: 'smtp.lulea.se:2525',
      options: {
        host: 'smtp.lulea.se',
        port: 2525,
        secure: false,
        requireTLS: true,
        auth: { user: 'etablera@lulea.se', pass: 'påss ord' },
      },
    });
  });

  it('takes smtps:// as TLS from the start on port 465', () => {
    const config = mailConfig(loadSettings({ ...from, ETABLERA_SMTP_URL: 'smtps://smtp.lulea.se' }));
    expect(config).toMatchObject({ enabled: true, options: { port: 465, secure: true } });
    expect(config.enabled && 'auth' in config.options).toBe(false);
  });

  it('reads host, port, login and the TLS mode from separate settings', () => {
    const base = {
      ...from,
      ETABLERA_SMTP_HOST: 'relay',
      ETABLERA_SMTP_USER: 'u',
      ETABLERA_SMTP_PASSWORD: 'p',
    };
    expect(mailConfig(loadSettings(base))).toMatchObject({
      options: { host: 'relay', port: 587, secure: false, requireTLS: true, auth: { user: 'u', pass: 'p' } },
    });
    expect(
      mailConfig(loadSettings({ ...base, ETABLERA_SMTP_TLS: 'tls', ETABLERA_SMTP_PORT: '465' })),
    ).toMatchObject({ options: { port: 465, secure: true } });
    expect(
      mailConfig(loadSettings({ ...base, ETABLERA_SMTP_TLS: 'none', ETABLERA_SMTP_PORT: '25' })),
    ).toMatchObject({
      options: { port: 25, secure: false, ignoreTLS: true },
    });
  });

  it('is off, saying which setting is missing', () => {
    expect(mailConfig(loadSettings({}))).toMatchObject({ enabled: false, missing: 'server' });
    expect(mailConfig(loadSettings({ ETABLERA_SMTP_HOST: 'relay' }))).toMatchObject({
      enabled: false,
      missing: 'sender',
      reason: expect.stringContaining('ETABLERA_MAIL_FROM'),
    });
  });

  it('refuses bad values naming the setting', () => {
    expect(() => loadSettings({ ETABLERA_SMTP_URL: 'http://smtp' })).toThrow(SettingsError);
    expect(() => loadSettings({ ETABLERA_SMTP_URL: 'http://smtp' })).toThrow(/ETABLERA_SMTP_URL/);
    expect(() => loadSettings({ ETABLERA_SMTP_TLS: 'yes' })).toThrow(/ETABLERA_SMTP_TLS.*"yes"/);
    expect(() => loadSettings({ ETABLERA_SMTP_PORT: '0' })).toThrow(/ETABLERA_SMTP_PORT/);
    expect(() => loadSettings({ ETABLERA_REMINDER_SCHEDULE: 'often' })).toThrow(/ETABLERA_REMINDER_SCHEDULE/);
  });
});
