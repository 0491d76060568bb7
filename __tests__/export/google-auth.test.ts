// The BigQuery credentials flows against local token endpoints: a service-account key (signed JWT checked
// with the key's public half), workload identity federation (subject token from a file, STS exchange,
// impersonation), and the errors that name what to fix without printing a secret.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { generateKeyPairSync, createVerify } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from '@jest/globals'
import { googleAccessToken, GoogleAuthError, BIGQUERY_SCOPE } from '../../src/io/google-auth.js'
import { DEFAULT_HTTP_POLICY } from '../../src/sync/retry.js'

const FAST = { ...DEFAULT_HTTP_POLICY, baseDelayMs: 1, retries: 1, sleep: async () => {} }
let server: Server | undefined
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())))

async function serve(handler: (req: IncomingMessage, body: string) => { status: number; json: unknown }): Promise<string> {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      const { status, json } = handler(req, body)
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json))
    })
  })
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

describe('googleAccessToken', () => {
  it('uses BIGQUERY_ACCESS_TOKEN as it is', async () => {
    expect(await googleAccessToken({ BIGQUERY_ACCESS_TOKEN: 'ya29.x' })).toEqual({ token: 'ya29.x', from: 'BIGQUERY_ACCESS_TOKEN' })
  })

  it('exchanges a service-account JWT signed with the key at the key\'s token_uri', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const url = await serve((req, body) => {
      const form = new URLSearchParams(body)
      const [h, c, s] = String(form.get('assertion')).split('.')
      const claims = JSON.parse(Buffer.from(c!, 'base64url').toString()) as Record<string, unknown>
      const valid = createVerify('RSA-SHA256').update(`${h}.${c}`).verify(publicKey, s!, 'base64url')
      const good = valid && form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && claims.iss === 'svc@p.iam.gserviceaccount.com' && claims.scope === BIGQUERY_SCOPE && String(claims.aud).endsWith('/token')
      return good ? { status: 200, json: { access_token: 'ya29.from-key', expires_in: 3600 } } : { status: 400, json: { error: 'invalid_grant' } }
    })
    const key = { type: 'service_account', client_email: 'svc@p.iam.gserviceaccount.com', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), token_uri: `${url}/token` }
    const got = await googleAccessToken({ BIGQUERY_CREDENTIALS_JSON: JSON.stringify(key) }, fetch, FAST)
    expect(got).toEqual({ token: 'ya29.from-key', from: 'service account svc@p.iam.gserviceaccount.com (BIGQUERY_CREDENTIALS_JSON)' })
  })

  it('follows workload identity federation: subject token, STS, impersonation', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rl-wif-'))
    writeFileSync(path.join(dir, 'oidc.json'), JSON.stringify({ value: 'github-oidc-jwt' }))
    const url = await serve((req, body) => {
      if (req.url === '/sts') {
        const form = new URLSearchParams(body)
        return form.get('subject_token') === 'github-oidc-jwt' && form.get('audience') === '//iam.googleapis.com/projects/1/pool' ? { status: 200, json: { access_token: 'federated' } } : { status: 400, json: { error: 'invalid_request' } }
      }
      if (req.url === '/impersonate') return req.headers.authorization === 'Bearer federated' ? { status: 200, json: { accessToken: 'ya29.impersonated' } } : { status: 403, json: { error: { message: 'denied' } } }
      return { status: 404, json: {} }
    })
    const cred = { type: 'external_account', audience: '//iam.googleapis.com/projects/1/pool', subject_token_type: 'urn:ietf:params:oauth:token-type:jwt', token_url: `${url}/sts`, service_account_impersonation_url: `${url}/impersonate`, credential_source: { file: path.join(dir, 'oidc.json'), format: { type: 'json', subject_token_field_name: 'value' } } }
    writeFileSync(path.join(dir, 'creds.json'), JSON.stringify(cred))
    expect((await googleAccessToken({ GOOGLE_APPLICATION_CREDENTIALS: path.join(dir, 'creds.json') }, fetch, FAST)).token).toBe('ya29.impersonated')
  })

  it('says what to set when nothing is, and never prints the key', async () => {
    await expect(googleAccessToken({})).rejects.toThrow(/BIGQUERY_ACCESS_TOKEN, or GOOGLE_APPLICATION_CREDENTIALS/)
    const url = await serve(() => ({ status: 400, json: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' } }))
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const error = (await googleAccessToken({ BIGQUERY_CREDENTIALS_JSON: JSON.stringify({ type: 'service_account', client_email: 'a@b', private_key: pem, token_uri: url }) }, fetch, FAST).catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(GoogleAuthError)
    expect(error.message).toMatch(/refused \(400\): Invalid JWT Signature/)
    expect(error.message).not.toContain('PRIVATE KEY')
  })
})
