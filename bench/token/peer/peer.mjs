// Throughput peer for the hub's token-endpoint benchmark: node-oidc-provider issuing
// ES256-signed JWT access tokens for the client_credentials grant, the client
// authenticated with client_secret_basic. See ../README.md for what is measured.
//
// Run: node peer.mjs
// Env (defaults in brackets):
//   PEER_PORT [3900]            listens on 127.0.0.1 only
//   PEER_TOKEN_PATH [/token]    path of the token endpoint (run.sh sets the hub's path)
//   PEER_CLIENT_ID [bench-client]
//   PEER_CLIENT_SECRET [bench-secret-7f3c9a1e5b2d4f6081a3c5e7d9b1f2a4]
//   PEER_SCOPE [api]            the one scope of the resource server
//   PEER_RESOURCE [urn:hub:bench:api]  default resource = the tokens' audience
//   PEER_WORKERS [1]            node processes (node:cluster) sharing the socket

import cluster from 'node:cluster';
import { generateKeyPairSync, randomBytes } from 'node:crypto';

// Koa reads NODE_ENV when the app is built: default to production behaviour (no error
// details exposed). It must be set before the provider module is loaded.
process.env.NODE_ENV ??= 'production';
const { default: Provider, errors } = await import('oidc-provider');

const host = '127.0.0.1';
const port = Number.parseInt(process.env.PEER_PORT ?? '3900', 10);
const tokenPath = process.env.PEER_TOKEN_PATH ?? '/token';
const clientId = process.env.PEER_CLIENT_ID ?? 'bench-client';
const clientSecret = process.env.PEER_CLIENT_SECRET ?? 'bench-secret-7f3c9a1e5b2d4f6081a3c5e7d9b1f2a4';
const scope = process.env.PEER_SCOPE ?? 'api';
// Every client_credentials token is issued for this resource server (its `aud`). It is
// the default resource, so a request needs no `resource` parameter.
const resource = process.env.PEER_RESOURCE ?? 'urn:hub:bench:api';
const workers = Number.parseInt(process.env.PEER_WORKERS ?? '1', 10);
const issuer = `http://${host}:${port}`;

if (cluster.isPrimary) {
  // A fresh P-256 signing key per start is fine for a benchmark peer. Workers inherit it
  // (and the cookie key) through the environment, so all sign with the same key, as
  // replicas of one provider would.
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  process.env.PEER_SIGNING_JWK = JSON.stringify({
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    alg: 'ES256',
    use: 'sig',
  });
  process.env.PEER_COOKIE_KEY = randomBytes(32).toString('base64url');
}

function supervise() {
  for (let i = 0; i < workers; i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    console.error(`peer: worker ${worker.process.pid} exited (${signal ?? code}); stopping`);
    process.kill(process.pid, 'SIGTERM');
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      cluster.removeAllListeners('exit');
      for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM');
      process.exit(0);
    });
  }
  console.log(`peer: ${workers} workers, node ${process.version}, ${issuer}${tokenPath}`);
}

// Storage for the provider's stateful artifacts. This benchmark creates none: JWT access
// tokens are signed and returned, never stored, and the one client is static. So the
// store is empty and refuses writes; a write would fail the request and show up as a
// non-200 response in the run.
class NoStore {
  constructor(name) { this.name = name; }
  async upsert() { throw new Error(`peer: unexpected write of a ${this.name}`); }
  async find() { return undefined; }
  async findByUid() { return undefined; }
  async findByUserCode() { return undefined; }
  async consume() {}
  async destroy() {}
  async revokeByGrantId() {}
}

function serve() {
  const provider = new Provider(issuer, {
    adapter: NoStore,
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ['client_credentials'],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
        scope,
      },
    ],
    // The only key is the EC P-256 one, so nothing may default to RS256.
    clientDefaults: {
      grant_types: ['client_credentials'],
      response_types: [],
      id_token_signed_response_alg: 'ES256',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    enabledJWA: {
      idTokenSigningAlgValues: ['ES256'],
      userinfoSigningAlgValues: ['ES256'],
    },
    jwks: { keys: [JSON.parse(process.env.PEER_SIGNING_JWK)] },
    cookies: { keys: [process.env.PEER_COOKIE_KEY] },
    scopes: ['openid', scope],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resourceIndicator) => {
          if (resourceIndicator !== resource) throw new errors.InvalidTarget();
          return {
            scope,
            audience: resource,
            accessTokenTTL: 3600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'ES256' } },
          };
        },
      },
    },
    routes: { token: tokenPath },
    ttl: { ClientCredentials: (_ctx, token) => token.resourceServer?.accessTokenTTL ?? 3600 },
  });

  // Nothing is logged per request. A server error is printed, so that a broken setup is
  // seen; the load generator also counts every non-200 response.
  provider.on('server_error', (_ctx, err) => console.error('peer: server_error', err));

  const server = provider.listen(port, host, () => {
    if (cluster.isPrimary) {
      console.log(`peer: node ${process.version}, ${issuer}${tokenPath}, client ${clientId}, scope ${scope}, resource ${resource}`);
    }
  });

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
  }
}

if (cluster.isPrimary && workers > 1) {
  supervise();
} else {
  serve();
}
