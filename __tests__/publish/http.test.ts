// The channels' HTTP faults: a hang cut by the timeout, a reset connection, Retry-After beyond the cap.
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { ChannelError } from '../../src/publish/channel.js'
import { httpRequest } from '../../src/publish/http.js'

let server: Server
let url = ''
const sockets = new Set<Socket>()
const noSleep = async () => undefined

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hang') return // never answers
    if (req.url === '/reset') return req.socket.destroy()
    if (req.url === '/slow-down') return void res.writeHead(429, { 'retry-after': '3600' }).end('later')
    res.writeHead(200).end('ok')
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const s of sockets) s.destroy()
  await new Promise<void>((r) => server.close(() => r()))
})

describe('httpRequest', () => {
  it('gives up on a hang after the timeout, retries included, naming the host', async () => {
    const error = await httpRequest(`${url}/hang`, {}, { service: 'Slack', host: 'hooks.test', timeoutMs: 200, retries: 1, sleep: noSleep }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChannelError)
    expect((error as ChannelError).message).toBe('Slack at hooks.test did not answer within 200 ms (2 attempts)')
  })

  it('names a reset connection', async () => {
    const error = await httpRequest(`${url}/reset`, {}, { service: 'Confluence', host: 'wiki.test', retries: 1, sleep: noSleep }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ChannelError)
    expect((error as ChannelError).message).toMatch(/^cannot reach Confluence at wiki\.test: /)
  })

  it('fails at once on a Retry-After longer than the cap instead of hanging the run', async () => {
    const error = await httpRequest(`${url}/slow-down`, {}, { service: 'Slack', host: 'hooks.test', sleep: noSleep }).catch((e: unknown) => e)
    expect((error as ChannelError).message).toBe('Slack is rate limiting (429, Retry-After 3600 s) after 1 attempt')
    expect((error as ChannelError).check).toBe('run again later')
  })
})
