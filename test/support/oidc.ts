/**
 * A real OpenID Connect provider for tests (`oidc-provider`, on a local port), with users whose claims
 * the test sets, and a browser's side of the IdP: following its redirects with its cookies and
 * "signing in" as the user the test names (the provider's own interaction API, no login form).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const IDP_CLIENT_ID = 'etablera-test';
export const IDP_CLIENT_SECRET = 'a client secret for the test IdP only';

export interface IdpUser {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export class TestIdp {
  readonly users = new Map<string, IdpUser>();
  /** The subject the next interaction signs in as. */
  signInAs = '';
  issuer = '';
  private server: Server | null = null;
  private provider: Provider | null = null;
  private readonly jar = new Map<string, string>();

  async start(redirectUri: string): Promise<this> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const users = this.users;
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: IDP_CLIENT_ID,
          client_secret: IDP_CLIENT_SECRET,
          redirect_uris: [redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        },
      ],
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
      // Scope claims in the ID token too (as Entra does with its optional claims).
      conformIdTokenClaims: false,
      cookies: { keys: ['a cookie key for the test IdP only'] },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      findAccount: (_ctx, sub) => {
        const user = users.get(sub);
        return user ? { accountId: sub, claims: async () => ({ sub, ...user }) } : undefined;
      },
      // Consent is given for every scope asked (a municipality's IdP pre-approves its apps).
      loadExistingGrant: async (ctx) => {
        const oidc = ctx.oidc;
        const clientId = oidc.client?.clientId as string;
        const existing = oidc.session?.grantIdFor(clientId);
        if (existing) return oidc.provider.Grant.find(existing);
        const grant = new oidc.provider.Grant({ clientId, accountId: oidc.session?.accountId as string });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
      renderError: (ctx, out) => {
        ctx.type = 'json';
        ctx.body = out;
      },
    });
    provider.on('server_error', () => undefined);
    this.provider = provider;
    const callback = provider.callback();
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (req.url?.startsWith('/interaction/')) {
        void provider
          .interactionFinished(
            req,
            res,
            { login: { accountId: this.signInAs } },
            { mergeWithLastSubmission: false },
          )
          .catch((error: Error) => {
            res.statusCode = 500;
            res.end(error.message);
          });
        return;
      }
      callback(req, res);
    });
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Forgets the IdP's session (the next sign-in asks for the user again). */
  forgetSession(): void {
    this.jar.clear();
  }

  /**
   * A browser at the IdP: starts at `url` (the authorization request) and follows the IdP's redirects
   * until one leaves the IdP; returns that address (the app's callback with code and state).
   */
  async authorize(url: string, as: string): Promise<URL> {
    this.signInAs = as;
    this.forgetSession();
    let next = new URL(url);
    for (let hops = 0; hops < 10; hops++) {
      if (next.origin !== this.issuer) return next;
      const res = await fetch(next, {
        redirect: 'manual',
        headers: { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      for (const line of res.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        const name = pair.slice(0, at).trim();
        const value = pair.slice(at + 1).trim();
        if (value && !/expires=Thu, 01 Jan 1970/i.test(line)) this.jar.set(name, value);
        else this.jar.delete(name);
      }
      const location = res.headers.get('location');
      if (!location)
        throw new Error(`The IdP stopped at ${next.pathname}: ${res.status} ${await res.text()}`);
      next = new URL(location, next);
    }
    throw new Error('The IdP redirected too often');
  }
}
