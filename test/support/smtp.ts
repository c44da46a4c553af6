/**
 * A real SMTP server for tests (`smtp-server`, with its bundled self-signed certificate for STARTTLS
 * and a login it checks), collecting what arrives with the envelope and the decoded text and HTML.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The session was upgraded with STARTTLS (or TLS) before the message. */
  secure: boolean;
  user: string | undefined;
  raw: string;
}

export const SMTP_USER = 'etablera';
export const SMTP_PASSWORD = 'smtp secret 42';

/** Quoted-printable or base64 body bytes → UTF-8 text. */
function decodeBody(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      const m = /^=([0-9A-F]{2})/i.exec(soft.slice(i, i + 3));
      if (m?.[1]) {
        bytes.push(Number.parseInt(m[1], 16));
        i += 2;
      } else bytes.push(...Buffer.from(soft[i] as string, 'utf8'));
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

/** RFC 2047 encoded words in a header. */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
    );
}

function split(part: string): { headers: Record<string, string>; body: string } {
  const at = part.indexOf('\r\n\r\n');
  const head = part.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  return { headers, body: part.slice(at + 4) };
}

export function parseMail(raw: string) {
  const { headers, body } = split(raw);
  const parts: Record<string, string> = {};
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'] ?? '')?.[1];
  const chunks = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw];
  for (const chunk of chunks) {
    const p = split(chunk.replace(/^\r\n/, ''));
    const type = /text\/(plain|html)/.exec(p.headers['content-type'] ?? 'text/plain')?.[1] ?? 'plain';
    parts[type] = decodeBody(p.body, p.headers['content-transfer-encoding'] ?? '');
  }
  return {
    subject: decodeHeader(headers.subject ?? ''),
    text: (parts.plain ?? '').replace(/\r\n/g, '\n').trimEnd(),
    html: parts.html ?? '',
  };
}

export class TestSmtpServer {
  readonly messages: ReceivedMail[] = [];
  private server: SMTPServer | null = null;
  port = 0;
  /** Recipients the server refuses for good (550 to RCPT TO). */
  readonly refuse = new Set<string>();

  async start(port = 0): Promise<this> {
    const server = new SMTPServer({
      authMethods: ['PLAIN', 'LOGIN'],
      authOptional: false,
      logger: false,
      onAuth: (auth, _session, callback) =>
        auth.username === SMTP_USER && auth.password === SMTP_PASSWORD
          ? callback(null, { user: auth.username })
          : callback(new Error('Invalid username or password')),
      onRcptTo: (address, _session, callback) =>
        this.refuse.has(address.address)
          ? callback(Object.assign(new Error('No such mailbox'), { responseCode: 550 }))
          : callback(),
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const mailFrom = session.envelope.mailFrom;
          this.messages.push({
            from: mailFrom ? mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            secure: session.secure,
            user: session.user as string | undefined,
            raw,
            ...parseMail(raw),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined);
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  /** Stops accepting connections (the port is then refused) — an SMTP server that is down. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The settings that point Etablera at this server. */
  env(): Record<string, string> {
    return {
      ETABLERA_SMTP_HOST: '127.0.0.1',
      ETABLERA_SMTP_PORT: String(this.port),
      ETABLERA_SMTP_USER: SMTP_USER,
      ETABLERA_SMTP_PASSWORD: SMTP_PASSWORD,
      ETABLERA_MAIL_FROM: 'Etablera <etablera@kommun.example>',
    };
  }

  /** Resolves when `count` messages have arrived (a message is delivered asynchronously). */
  async waitFor(count: number, limitMs = 20_000): Promise<ReceivedMail[]> {
    const until = Date.now() + limitMs;
    while (this.messages.length < count) {
      if (Date.now() > until)
        throw new Error(`expected ${count} e-mail(s), ${this.messages.length} arrived within ${limitMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.messages;
  }
}

/** The transport option that trusts the test server's self-signed certificate (STARTTLS is still required). */
export const TRUST_TEST_CERT = { tls: { rejectUnauthorized: false } };
