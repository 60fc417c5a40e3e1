/**
 * A real OpenID Connect provider for tests (`oidc-provider`, the certified Node implementation)
 * on a loopback port. Its sign-in page is replaced by a scripted one: the person who "signs in"
 * and the factors they used (`amr`) are whatever the test sets before the next login, and
 * consent is granted for the scopes asked. Everything else (discovery, authorization codes,
 * PKCE, signed ID tokens, the token endpoint) is the provider's own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const TEST_CLIENT_ID = 'openrtcc-console';
export const TEST_CLIENT_SECRET = 'a-test-client-secret-of-enough-length-0123456789';

export interface TestIdentity {
  sub: string;
  preferred_username: string;
  /** The factors the provider says were used (`amr` claim). */
  amr: string[];
}

export interface TestProvider {
  issuer: string;
  /** Who signs in at the next login. */
  next: TestIdentity;
  close(): Promise<void>;
}

export async function startTestProvider(redirectUri: string, first: TestIdentity): Promise<TestProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const identities = new Map<string, TestIdentity>();
  const handle: TestProvider = {
    issuer,
    next: first,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const provider = new Provider(issuer, {
    clients: [{ client_id: TEST_CLIENT_ID, client_secret: TEST_CLIENT_SECRET, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' }],
    findAccount: async (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: async () => ({ sub, preferred_username: identities.get(sub)?.preferred_username }),
    }),
    claims: { amr: null, acr: null, auth_time: null, sid: null, iss: null, openid: ['sub', 'amr'], profile: ['preferred_username'] },
    // put amr and the profile claims in the ID token, as Okta and Entra ID (v1 tokens) do
    conformIdTokenClaims: false,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['openrtcc-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  provider.on('server_error', () => undefined);
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
    void interact(provider, req, res, handle, identities).catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
  });
  return handle;
}

/** The scripted sign-in and consent pages: each finishes the interaction it is asked for. */
async function interact(provider: Provider, req: IncomingMessage, res: ServerResponse, handle: TestProvider, identities: Map<string, TestIdentity>): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'login') {
    const who = handle.next;
    identities.set(who.sub, who);
    await provider.interactionFinished(req, res, { login: { accountId: who.sub, amr: who.amr } }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}
