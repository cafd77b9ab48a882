// The hub's OpenID Connect flows driven by openid-client v6 (certified RP library, strict by design: it
// validates discovery metadata, the authorization response's iss, ID tokens' iss/aud/exp/nonce/signature
// against the JWKS, and userinfo's sub). Started by ../openid-client.sh against a private hub; prints one
// line per step and exits non-zero when any step fails.
import * as client from 'openid-client'
import { webcrypto } from 'node:crypto'

const env = (name) => {
  const value = process.env[name]
  if (!value) {
    console.error(`FAIL setup: environment variable ${name} is not set (run through tests/checks/openid-client.sh)`)
    process.exit(2)
  }
  return value
}
const issuer = new URL(env('HUB_ISSUER'))
const vendor = { id: env('VENDOR_CLIENT_ID'), secret: env('VENDOR_CLIENT_SECRET'), redirectUri: env('VENDOR_REDIRECT_URI') }
const platform = { id: env('PLATFORM_CLIENT_ID'), secret: env('PLATFORM_CLIENT_SECRET'), scope: env('PLATFORM_SCOPE') }
const person = { hubId: env('PERSON_HUB_ID'), password: env('PERSON_PASSWORD') }
const VENDOR_SCOPE = 'openid profile realname offline_access'

// ------------------------------------------------------------------ reporting
const failures = []
const results = {}
async function step(id, title, fn, needs = []) {
  const missing = needs.filter((n) => !results[n])
  if (missing.length > 0) {
    failures.push(id)
    console.log(`SKIP ${id}. ${title}: needs step ${missing.join(', ')}`)
    return
  }
  try {
    const detail = await fn()
    results[id] = true
    console.log(`ok   ${id}. ${title}${detail ? ': ' + detail : ''}`)
  } catch (error) {
    failures.push(id)
    console.log(`FAIL ${id}. ${title}: ${describe(error)}`)
  }
}

class CheckFailure extends Error {}
function assert(condition, message) {
  if (!condition) throw new CheckFailure(message)
}

/** A readable account of any error, including the OAuth error the server returned. */
function describe(error) {
  if (error instanceof CheckFailure) return error.message
  if (error instanceof client.ResponseBodyError) {
    return `${error.message} — HTTP ${error.status} ${JSON.stringify(error.cause)}`
  }
  if (error instanceof client.WWWAuthenticateChallengeError) {
    return `${error.message} — HTTP ${error.status} WWW-Authenticate ${JSON.stringify(error.cause)}`
  }
  if (error instanceof client.AuthorizationResponseError) {
    return `${error.message} — ${error.cause.toString()}`
  }
  const code = error?.code ? ` [${error.code}]` : ''
  const cause = error?.cause ? ` (cause: ${error.cause?.message ?? JSON.stringify(error.cause)})` : ''
  return `${error?.stack?.split('\n').slice(0, 3).join(' | ') ?? error}${code}${cause}`
}

/** The OAuth error code of a failed request, whether it came in the body or a WWW-Authenticate challenge. */
function oauthError(error) {
  if (error instanceof client.ResponseBodyError) return { status: error.status, error: error.error, description: error.error_description }
  if (error instanceof client.WWWAuthenticateChallengeError) {
    const parameters = error.cause?.[0]?.parameters ?? {}
    return { status: error.status, error: parameters.error, description: parameters.error_description }
  }
  return undefined
}

/** Runs a request that must fail with the given OAuth error; throws a precise failure when it does not. */
async function expectOAuthError(expected, what, fn) {
  let response
  try {
    response = await fn()
  } catch (error) {
    const got = oauthError(error)
    assert(got, `${what}: expected OAuth error ${expected}, got ${describe(error)}`)
    assert(got.error === expected,
      `${what}: expected OAuth error ${expected}, got HTTP ${got.status} error=${got.error} (${got.description ?? ''})`)
    return got
  }
  throw new CheckFailure(`${what}: expected OAuth error ${expected}, but the request succeeded: ${summarizeTokens(response)}`)
}

function summarizeTokens(tokens) {
  if (!tokens || typeof tokens !== 'object') return String(tokens)
  const shown = {}
  for (const [key, value] of Object.entries(tokens)) {
    if (typeof value === 'function') continue
    shown[key] = typeof value === 'string' && value.length > 24 ? value.slice(0, 12) + '…' : value
  }
  return JSON.stringify(shown)
}

// ------------------------------------------------------------------ JWT helpers
function decodeJwt(jwt) {
  const parts = String(jwt).split('.')
  assert(parts.length === 3, `not a JWS compact serialization (${parts.length} parts)`)
  const json = (part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
  return { header: json(parts[0]), payload: json(parts[1]), signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') }
}

/** Verifies an ES256 JWS against the hub's JWKS (openid-client does this for ID tokens; we do it for access tokens). */
async function verifyWithJwks(config, jwt) {
  const { header, signingInput, signature } = decodeJwt(jwt)
  const response = await fetch(config.serverMetadata().jwks_uri)
  assert(response.ok, `JWKS: HTTP ${response.status}`)
  const { keys } = await response.json()
  const jwk = keys.find((k) => k.kid === header.kid)
  assert(jwk, `no key with kid ${header.kid} in the JWKS (kids: ${keys.map((k) => k.kid).join(', ')})`)
  assert(jwk.kty === 'EC' && jwk.crv === 'P-256', `JWKS key ${jwk.kid} is ${jwk.kty}/${jwk.crv}, expected EC/P-256`)
  const key = await webcrypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify'])
  const valid = await webcrypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, signature, Buffer.from(signingInput))
  assert(valid, `signature of the token does not verify with JWKS key ${jwk.kid}`)
  return jwk.kid
}

// ------------------------------------------------------------------ a tiny browser
/** Cookie jar (one host, names → values) plus manual redirects, so every hop is visible. */
class Browser {
  cookies = new Map()
  visited = []

  async request(url, init = {}) {
    const headers = new Headers(init.headers)
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      const expired = attributes.some((a) => /^\s*expires=.*19[0-9]{2}/i.test(a) || /^\s*max-age=0\s*$/i.test(a))
      if (expired || value === '') this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    this.visited.push(`${init.method ?? 'GET'} ${new URL(url).pathname} → ${response.status}`)
    return response
  }
}

const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
function htmlDecode(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, entity) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
      return String.fromCodePoint(code)
    }
    return entities[entity.toLowerCase()] ?? whole
  })
}

/** The first form of a page: its action and hidden fields. */
function readForm(html, baseUrl) {
  const form = /<form[^>]*\baction="([^"]*)"/i.exec(html)
  assert(form, `no <form> on the page at ${baseUrl}: ${snippet(html)}`)
  const fields = new URLSearchParams()
  for (const match of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields.append(htmlDecode(match[1]), htmlDecode(match[2]))
  }
  return { action: new URL(htmlDecode(form[1]), baseUrl), fields }
}

function snippet(html) {
  return html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300)
}

/**
 * Plays the person's browser from the authorization URL to the redirect back to the client: signs in when the
 * hub shows its login form, accepts when it shows the consent form. Returns the callback URL and the pages seen.
 */
async function authorizeInBrowser(browser, authorizationUrl, redirectUri) {
  let url = authorizationUrl
  let init = {}
  const pages = []
  for (let hop = 0; hop < 12; hop++) {
    const response = await browser.request(url, init)
    init = {}
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location')
      assert(location, `${response.status} from ${url} without a Location header`)
      const next = new URL(location, url)
      if (next.href.startsWith(redirectUri)) return { callbackUrl: next, pages }
      url = next
      continue
    }
    const html = await response.text()
    assert(response.status === 200,
      `${url.pathname ?? url}: HTTP ${response.status} ${response.headers.get('content-type') ?? ''} ${snippet(html)} (path: ${browser.visited.join(', ')})`)
    const form = readForm(html, url)
    if (/name="password"/.test(html)) {
      assert(pages.filter((p) => p === 'login').length === 0, `the login page came back after signing in: ${snippet(html)}`)
      pages.push('login')
      assert(form.fields.has('__RequestVerificationToken'), 'the login form has no antiforgery token')
      form.fields.set('identifier', person.hubId)
      form.fields.set('password', person.password)
    } else if (/name="submit\.accept"/.test(html)) {
      assert(pages.filter((p) => p === 'consent').length === 0, `the consent page came back after accepting: ${snippet(html)}`)
      pages.push('consent')
      assert(form.fields.has('__RequestVerificationToken'), 'the consent form has no antiforgery token')
      form.fields.set('submit.accept', '1')
    } else {
      throw new CheckFailure(`unexpected page at ${url}: ${snippet(html)}`)
    }
    url = form.action
    init = { method: 'POST', body: form.fields, headers: { 'content-type': 'application/x-www-form-urlencoded' } }
  }
  throw new CheckFailure(`too many hops: ${browser.visited.join(', ')}`)
}

/** The whole front channel plus the code exchange: PAR → browser → authorizationCodeGrant. */
async function signIn(config, browser) {
  const codeVerifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const nonce = client.randomNonce()
  const authorizationUrl = await client.buildAuthorizationUrlWithPAR(config, {
    redirect_uri: vendor.redirectUri,
    scope: VENDOR_SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })
  assert(authorizationUrl.searchParams.has('request_uri') && !authorizationUrl.searchParams.has('scope'),
    `the authorization URL does not carry a PAR request_uri alone: ${authorizationUrl}`)
  const { callbackUrl, pages } = await authorizeInBrowser(browser, authorizationUrl, vendor.redirectUri)
  assert(callbackUrl.searchParams.has('code'), `the redirect back carries no code: ${callbackUrl}`)
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: codeVerifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  })
  return { tokens, pages, callbackUrl }
}

// ------------------------------------------------------------------ the steps
const insecure = { execute: [client.allowInsecureRequests] }
let platformConfig, vendorConfig
let firstTokens, pairwiseSub

await step('a', 'discovery', async () => {
  platformConfig = await client.discovery(issuer, platform.id, platform.secret, client.ClientSecretBasic(platform.secret), insecure)
  vendorConfig = await client.discovery(issuer, vendor.id, vendor.secret, client.ClientSecretBasic(vendor.secret), insecure)
  const m = vendorConfig.serverMetadata()
  assert(m.issuer === issuer.href, `issuer ${m.issuer}, expected ${issuer.href}`)
  for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'pushed_authorization_request_endpoint', 'userinfo_endpoint',
    'introspection_endpoint', 'revocation_endpoint', 'end_session_endpoint', 'jwks_uri']) {
    assert(typeof m[endpoint] === 'string', `metadata lacks ${endpoint}`)
  }
  assert(JSON.stringify(m.code_challenge_methods_supported) === '["S256"]',
    `code_challenge_methods_supported is ${JSON.stringify(m.code_challenge_methods_supported)}, expected ["S256"] only`)
  assert(m.id_token_signing_alg_values_supported?.includes('ES256'),
    `id_token_signing_alg_values_supported ${JSON.stringify(m.id_token_signing_alg_values_supported)} lacks ES256`)
  assert(m.token_endpoint_auth_methods_supported?.includes('client_secret_basic'),
    `token_endpoint_auth_methods_supported ${JSON.stringify(m.token_endpoint_auth_methods_supported)} lacks client_secret_basic`)
  assert(m.supportsPKCE('S256'), 'openid-client does not see PKCE S256 support')
  return `issuer ${m.issuer}, PAR ${new URL(m.pushed_authorization_request_endpoint).pathname}, PKCE ${m.code_challenge_methods_supported}, ` +
    `ID token algs ${m.id_token_signing_alg_values_supported}, iss in authorization response ${m.authorization_response_iss_parameter_supported === true}`
})

await step('b', 'client_credentials (client_secret_basic) → ES256 JWT access token', async () => {
  const tokens = await client.clientCredentialsGrant(platformConfig, { scope: platform.scope })
  assert(tokens.token_type?.toLowerCase() === 'bearer', `token_type ${tokens.token_type}`)
  const { header, payload } = decodeJwt(tokens.access_token)
  assert(header.alg === 'ES256', `access token alg ${header.alg}, expected ES256`)
  const kid = await verifyWithJwks(platformConfig, tokens.access_token)
  assert(payload.iss === issuer.href, `access token iss ${payload.iss}, expected ${issuer.href}`)
  assert(payload.scope === platform.scope, `access token scope "${payload.scope}", expected "${platform.scope}"`)
  assert(tokens.scope === undefined || tokens.scope === platform.scope, `token response scope "${tokens.scope}", expected "${platform.scope}"`)
  assert(payload.client_id === platform.id, `access token client_id ${payload.client_id}, expected ${platform.id}`)
  assert(payload.exp > Date.now() / 1000, `access token already expired (exp ${payload.exp})`)
  return `alg ${header.alg} typ ${header.typ} kid ${kid} (signature verified against the JWKS), scope "${payload.scope}", ` +
    `aud ${JSON.stringify(payload.aud)}, expires in ${tokens.expires_in} s`
}, ['a'])

await step('c', 'authorization code + PKCE S256 + PAR, login and consent, ID token, userinfo', async () => {
  const browser = new Browser()
  const { tokens, pages } = await signIn(vendorConfig, browser)
  assert(pages.join(',') === 'login,consent', `pages shown: ${pages.join(',') || 'none'}, expected login then consent`)
  const claims = tokens.claims()
  assert(claims, 'no ID token in the token response')
  const idHeader = decodeJwt(tokens.id_token).header
  assert(idHeader.alg === 'ES256', `ID token alg ${idHeader.alg}, expected ES256`)
  assert(claims.sub && claims.sub !== person.hubId, `ID token sub ${claims.sub} is the hub id: not pairwise`)
  assert(tokens.refresh_token, `no refresh token although offline_access was requested (scope "${tokens.scope}")`)
  const granted = (tokens.scope ?? decodeJwt(tokens.access_token).payload.scope ?? '').split(' ')
  for (const scope of VENDOR_SCOPE.split(' ')) assert(granted.includes(scope), `granted scope "${granted.join(' ')}" lacks ${scope}`)
  assert(decodeJwt(tokens.access_token).header.alg === 'ES256', 'access token is not ES256')
  const userinfo = await client.fetchUserInfo(vendorConfig, tokens.access_token, claims.sub)
  assert(userinfo.sub === claims.sub, `userinfo sub ${userinfo.sub} differs from ID token sub ${claims.sub}`)
  assert(typeof userinfo.real_name === 'string' && userinfo.real_name.length > 0, `userinfo has no real_name: ${JSON.stringify(userinfo)}`)
  assert(userinfo.hub_id === undefined, `userinfo discloses hub_id ${userinfo.hub_id} to a vendor without the hub_id scope`)
  assert(userinfo.name !== userinfo.real_name, `profile name "${userinfo.name}" is not masked`)
  firstTokens = tokens
  pairwiseSub = claims.sub
  return `pages ${pages.join(' → ')}; ID token ES256 iss/aud/exp/nonce/signature validated; pairwise sub ${claims.sub} ≠ hub id ${person.hubId}; ` +
    `scope "${granted.join(' ')}"; userinfo sub matches, real_name present, name masked, no hub_id`
}, ['a'])

await step('d', 'refresh token rotation and reuse detection', async () => {
  const old = firstTokens.refresh_token
  const renewed = await client.refreshTokenGrant(vendorConfig, old)
  assert(renewed.access_token && renewed.access_token !== firstTokens.access_token, 'refresh returned no new access token')
  assert(renewed.refresh_token, 'refresh returned no new refresh token (rolling refresh tokens expected)')
  assert(renewed.refresh_token !== old, 'refresh returned the same refresh token (rolling refresh tokens expected)')
  if (renewed.id_token) assert(renewed.claims().sub === pairwiseSub, `refreshed ID token sub ${renewed.claims().sub} ≠ ${pairwiseSub}`)

  const reuse = await expectOAuthError('invalid_grant', 'second use of the redeemed refresh token', () =>
    client.refreshTokenGrant(vendorConfig, old))

  // Reuse of a redeemed refresh token means it may have been stolen: the whole chain must die with it.
  const chained = await expectOAuthError('invalid_grant', 'the NEW refresh token after reuse of the old one was detected', () =>
    client.refreshTokenGrant(vendorConfig, renewed.refresh_token))
  for (const [which, token] of [['first', firstTokens.access_token], ['refreshed', renewed.access_token]]) {
    const access = await client.tokenIntrospection(vendorConfig, token)
    assert(access.active === false, `the ${which} access token of the chain is still active after reuse detection: ${JSON.stringify(access)}`)
  }
  return `refresh once → new access and refresh tokens; old refresh token again → HTTP ${reuse.status} ${reuse.error}; ` +
    `new refresh token then → HTTP ${chained.status} ${chained.error} (chain revoked); both access tokens of the chain introspect inactive`
}, ['c'])

await step('e', 'introspection and revocation', async () => {
  // A fresh grant: reuse detection in d revoked the first one (and with it the remembered consent).
  const browser = new Browser()
  const { tokens, pages } = await signIn(vendorConfig, browser)
  const sub = tokens.claims().sub
  assert(sub === pairwiseSub || !pairwiseSub, `second sign-in got sub ${sub}, first ${pairwiseSub}: pairwise subjects must be stable per client`)
  const access = await client.tokenIntrospection(vendorConfig, tokens.access_token)
  assert(access.active === true, `access token introspects inactive: ${JSON.stringify(access)}`)
  assert(access.sub === sub, `introspection sub ${access.sub}, expected ${sub}`)
  assert(access.client_id === vendor.id, `introspection client_id ${access.client_id}, expected ${vendor.id}`)
  const refresh = await client.tokenIntrospection(vendorConfig, tokens.refresh_token)
  assert(refresh.active === true, `refresh token introspects inactive before revocation: ${JSON.stringify(refresh)}`)
  await client.tokenRevocation(vendorConfig, tokens.refresh_token)
  const revoked = await client.tokenIntrospection(vendorConfig, tokens.refresh_token)
  assert(revoked.active === false, `refresh token still active after revocation: ${JSON.stringify(revoked)}`)
  const refused = await expectOAuthError('invalid_grant', 'refresh with the revoked refresh token', () =>
    client.refreshTokenGrant(vendorConfig, tokens.refresh_token))
  const consent = pages.includes('consent') ? 'consent asked again' : 'consent remembered from c'
  return `pages ${pages.join(' → ') || 'none'} (${consent}); access token active (${Object.keys(access).join(', ')}); ` +
    `refresh token active → revoked → active false; refresh with it → ${refused.error}`
}, ['a'])

await step('f', 'wrong client secret → invalid_client', async () => {
  const wrong = 'not-' + platform.secret
  const config = new client.Configuration(platformConfig.serverMetadata(), platform.id, wrong, client.ClientSecretBasic(wrong))
  client.allowInsecureRequests(config)
  const got = await expectOAuthError('invalid_client', 'client_credentials with a wrong secret', () =>
    client.clientCredentialsGrant(config, { scope: platform.scope }))
  const vendorWrong = new client.Configuration(vendorConfig.serverMetadata(), vendor.id, 'x' + vendor.secret, client.ClientSecretBasic('x' + vendor.secret))
  client.allowInsecureRequests(vendorWrong)
  const introspection = await expectOAuthError('invalid_client', 'introspection with a wrong secret', () =>
    client.tokenIntrospection(vendorWrong, 'anything'))
  return `token endpoint → HTTP ${got.status} ${got.error}; introspection endpoint → HTTP ${introspection.status} ${introspection.error}`
}, ['a'])

if (failures.length > 0) {
  console.log(`openid-client check: ${failures.length} step(s) failed or skipped: ${failures.join(', ')}`)
  process.exit(1)
}
console.log('openid-client check: all steps passed')
