// An OAuth access token for BigQuery, from what a GitHub workflow or a laptop has:
//   BIGQUERY_ACCESS_TOKEN           a token as it is (google-github-actions/auth with token_format: access_token)
//   GOOGLE_APPLICATION_CREDENTIALS  a credentials file (what google-github-actions/auth writes, and gcloud's ADC),
//   or BIGQUERY_CREDENTIALS_JSON    the same JSON from a secret:
//     service_account   a key: a signed JWT exchanged at the key's token_uri
//     external_account  workload identity federation: the subject token (file or URL, e.g. GitHub's OIDC token)
//                       exchanged at token_url (STS), then the service account impersonated when configured
//     authorized_user   gcloud's user credentials: a refresh token
// Every URL comes from the credentials, so the flow runs the same against Google and against a local fake.
// No token, key or credential ever appears in an error.

import { createSign } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { DEFAULT_HTTP_POLICY, sendWithRetry, type HttpPolicy } from '../sync/retry.js'
import { errorMessage } from '../util/error-message.js'

export const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery'
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token'

export class GoogleAuthError extends Error {
  override readonly name = 'GoogleAuthError'
}

export interface GoogleToken {
  token: string
  /** Where it came from, for messages: `BIGQUERY_ACCESS_TOKEN`, `service account x@y (GOOGLE_APPLICATION_CREDENTIALS)`. */
  from: string
}

type Dict = Record<string, unknown>
const str = (d: Dict, k: string) => (typeof d[k] === 'string' ? (d[k] as string) : undefined)
const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url')

async function postToken(fetchFn: typeof fetch, policy: HttpPolicy, url: string, body: string, contentType: string, what: string, bearer?: string): Promise<Dict> {
  const response = await sendWithRetry(fetchFn, { url, method: 'POST', headers: { 'content-type': contentType, ...(bearer !== undefined && { authorization: `Bearer ${bearer}` }) }, body, idempotent: true, what }, policy)
  const json = response.json !== null && typeof response.json === 'object' ? (response.json as Dict) : {}
  if (response.status >= 400) {
    const reason = str(json, 'error_description') ?? str(json, 'error') ?? (typeof json.error === 'object' ? str(json.error as Dict, 'message') : undefined) ?? `HTTP ${response.status}`
    throw new GoogleAuthError(`${what} was refused (${response.status}): ${reason.slice(0, 200)}`)
  }
  return json
}

function tokenOf(json: Dict, field: string, what: string): string {
  const token = str(json, field)
  if (token === undefined || token === '') throw new GoogleAuthError(`${what} answered without ${field}`)
  return token
}

async function serviceAccountToken(key: Dict, fetchFn: typeof fetch, policy: HttpPolicy): Promise<string> {
  const email = str(key, 'client_email')
  const privateKey = str(key, 'private_key')
  if (email === undefined || privateKey === undefined) throw new GoogleAuthError('the service-account key has no client_email or private_key')
  const tokenUri = str(key, 'token_uri') ?? DEFAULT_TOKEN_URI
  const now = Math.floor(Date.now() / 1000)
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', ...(str(key, 'private_key_id') !== undefined && { kid: str(key, 'private_key_id') }) }))
  const claims = base64url(JSON.stringify({ iss: email, scope: BIGQUERY_SCOPE, aud: tokenUri, iat: now, exp: now + 3600 }))
  let signature: string
  try {
    signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(privateKey, 'base64url')
  } catch (error) {
    throw new GoogleAuthError(`the service-account key's private_key cannot sign (${errorMessage(error).split('\n')[0]})`)
  }
  const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: `${header}.${claims}.${signature}` }).toString()
  return tokenOf(await postToken(fetchFn, policy, tokenUri, body, 'application/x-www-form-urlencoded', `the token exchange for ${email}`), 'access_token', 'the token endpoint')
}

async function subjectToken(source: Dict, fetchFn: typeof fetch, policy: HttpPolicy): Promise<string> {
  const format = (source.format ?? {}) as Dict
  const field = str(format, 'subject_token_field_name')
  const fromText = (text: string) => {
    if (str(format, 'type') !== 'json') return text.trim()
    try {
      const value = (JSON.parse(text) as Dict)[field ?? 'value']
      if (typeof value === 'string') return value
    } catch {
      // reported below
    }
    throw new GoogleAuthError(`the workload identity subject token has no "${field ?? 'value'}" field`)
  }
  const file = str(source, 'file')
  if (file !== undefined) return fromText(await readFile(file, 'utf8').catch((e) => { throw new GoogleAuthError(`cannot read the subject token file: ${errorMessage(e)}`) }))
  const url = str(source, 'url')
  if (url === undefined) throw new GoogleAuthError('the external_account credentials name neither a credential_source file nor url (only those two are supported)')
  const headers = Object.fromEntries(Object.entries((source.headers ?? {}) as Dict).map(([k, v]) => [k, String(v)]))
  const response = await sendWithRetry(fetchFn, { url, method: 'GET', headers, idempotent: true, what: 'the OIDC token request (credential_source.url)' }, policy)
  if (response.status >= 400) throw new GoogleAuthError(`the OIDC token request (credential_source.url) was refused (${response.status}); on GitHub Actions the job needs \`permissions: id-token: write\``)
  return fromText(typeof response.json === 'string' ? response.json : JSON.stringify(response.json))
}

async function externalAccountToken(cred: Dict, fetchFn: typeof fetch, policy: HttpPolicy): Promise<string> {
  const tokenUrl = str(cred, 'token_url')
  const audience = str(cred, 'audience')
  if (tokenUrl === undefined || audience === undefined) throw new GoogleAuthError('the external_account credentials have no token_url or audience')
  const subject = await subjectToken((cred.credential_source ?? {}) as Dict, fetchFn, policy)
  const impersonation = str(cred, 'service_account_impersonation_url')
  const body = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
    audience,
    scope: impersonation === undefined ? BIGQUERY_SCOPE : 'https://www.googleapis.com/auth/cloud-platform',
    requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
    subject_token_type: str(cred, 'subject_token_type') ?? 'urn:ietf:params:oauth:token-type:jwt',
    subject_token: subject
  }).toString()
  const federated = tokenOf(await postToken(fetchFn, policy, tokenUrl, body, 'application/x-www-form-urlencoded', 'the workload identity token exchange (STS)'), 'access_token', 'the STS endpoint')
  if (impersonation === undefined) return federated
  const impersonated = await postToken(fetchFn, policy, impersonation, JSON.stringify({ scope: [BIGQUERY_SCOPE], lifetime: '3600s' }), 'application/json', 'the service account impersonation', federated)
  return tokenOf(impersonated, 'accessToken', 'the impersonation endpoint')
}

async function authorizedUserToken(cred: Dict, fetchFn: typeof fetch, policy: HttpPolicy): Promise<string> {
  const body = new URLSearchParams({ grant_type: 'refresh_token', client_id: str(cred, 'client_id') ?? '', client_secret: str(cred, 'client_secret') ?? '', refresh_token: str(cred, 'refresh_token') ?? '' }).toString()
  return tokenOf(await postToken(fetchFn, policy, str(cred, 'token_uri') ?? DEFAULT_TOKEN_URI, body, 'application/x-www-form-urlencoded', 'the refresh-token exchange'), 'access_token', 'the token endpoint')
}

export interface GoogleCredentialsEnv {
  BIGQUERY_ACCESS_TOKEN?: string
  BIGQUERY_CREDENTIALS_JSON?: string
  GOOGLE_APPLICATION_CREDENTIALS?: string
}

export const GOOGLE_CREDENTIAL_HINT = 'set BIGQUERY_ACCESS_TOKEN, or GOOGLE_APPLICATION_CREDENTIALS to a credentials file (google-github-actions/auth sets it), or BIGQUERY_CREDENTIALS_JSON to a service-account key from a secret'

export async function googleAccessToken(env: GoogleCredentialsEnv, fetchFn: typeof fetch = fetch, policy: HttpPolicy = DEFAULT_HTTP_POLICY): Promise<GoogleToken> {
  if (env.BIGQUERY_ACCESS_TOKEN !== undefined && env.BIGQUERY_ACCESS_TOKEN !== '') return { token: env.BIGQUERY_ACCESS_TOKEN, from: 'BIGQUERY_ACCESS_TOKEN' }
  let text: string
  let from: string
  if (env.BIGQUERY_CREDENTIALS_JSON !== undefined && env.BIGQUERY_CREDENTIALS_JSON !== '') {
    text = env.BIGQUERY_CREDENTIALS_JSON
    from = 'BIGQUERY_CREDENTIALS_JSON'
  } else if (env.GOOGLE_APPLICATION_CREDENTIALS !== undefined && env.GOOGLE_APPLICATION_CREDENTIALS !== '') {
    from = 'GOOGLE_APPLICATION_CREDENTIALS'
    try {
      text = await readFile(env.GOOGLE_APPLICATION_CREDENTIALS, 'utf8')
    } catch (error) {
      throw new GoogleAuthError(`cannot read the credentials file named by GOOGLE_APPLICATION_CREDENTIALS: ${errorMessage(error).replace(/'[^']*'/, 'the file')}`)
    }
  } else throw new GoogleAuthError(`no BigQuery credentials: ${GOOGLE_CREDENTIAL_HINT}`)
  let cred: Dict
  try {
    cred = JSON.parse(text) as Dict
  } catch {
    throw new GoogleAuthError(`${from} is not JSON credentials`)
  }
  const type = str(cred, 'type')
  if (type === 'service_account') return { token: await serviceAccountToken(cred, fetchFn, policy), from: `service account ${str(cred, 'client_email') ?? ''} (${from})` }
  if (type === 'external_account') return { token: await externalAccountToken(cred, fetchFn, policy), from: `workload identity federation (${from})` }
  if (type === 'authorized_user') return { token: await authorizedUserToken(cred, fetchFn, policy), from: `gcloud user credentials (${from})` }
  throw new GoogleAuthError(`${from}: credentials of type ${JSON.stringify(type ?? null)} are not supported (service_account, external_account, authorized_user are)`)
}
