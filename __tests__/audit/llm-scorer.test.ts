// The llm scorer against the local OpenAI-compatible server: the request it builds, the json_schema →
// json_object fallback, and every reply that must become a failed score rather than a pass.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { buildRequest, createLlmScorer, parseReply, replySchema, replyValidator } from '../../src/audit/llm-scorer.js'
import { defaultAuditDimensions } from '../../src/config/audit.js'
import { createChatClient } from '../../src/llm/chat-completions.js'
import { FakeOpenAI } from '../helpers/openai-server.js'

const KEY = 'sk-llm-scorer'
const MODEL = 'judge-2026'
const DIMS = defaultAuditDimensions().map((d) => ({ ...d, scorer: 'llm' as const }))
const TRANSCRIPT = { path: 'logs/missions/2026-10/mission-1204.ndjson', text: '[line 1] user: refund please\n[line 2] assistant: I approved $340.\n', events: 2, omitted: 0 }

let fake: FakeOpenAI
let plain: FakeOpenAI

beforeAll(async () => {
  fake = await FakeOpenAI.start({ apiKey: KEY, model: MODEL })
  plain = await FakeOpenAI.start({ apiKey: KEY, model: MODEL, jsonSchema: false })
})
afterAll(async () => {
  await fake.close()
  await plain.close()
})
beforeEach(() => {
  fake.reset()
  plain.reset()
})

const scorerFor = (server: FakeOpenAI, key = KEY) =>
  createLlmScorer(DIMS, { model: MODEL, complete: createChatClient({ baseUrl: server.url, apiKey: key, retries: 2, sleep: async () => {}, random: () => 0.5 }) })

describe('the request', () => {
  it('asks at temperature 0 for structured output with a strict JSON Schema of every dimension', () => {
    const request = buildRequest(DIMS, TRANSCRIPT, MODEL, 'json_schema')
    expect(request.model).toBe(MODEL)
    expect(request.temperature).toBe(0)
    expect(request.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'audit_scores', strict: true, schema: replySchema(DIMS, false) } })
    const schema = replySchema(DIMS, false) as { required: string[]; properties: Record<string, { properties: { score: { type: string } } }> }
    expect(schema.required).toEqual(['policy_adherence', 'tone', 'accuracy'])
    expect(schema.properties.tone?.properties.score.type).toBe('integer')
    expect(schema.properties.accuracy?.properties.score.type).toBe('number')
    const [system, user] = request.messages
    expect(system?.role).toBe('system')
    expect(user?.content).toContain('- tone: ')
    expect(user?.content).toContain('a whole number from 1 (worst) to 5 (best); a transcript passes at 3 or above')
    expect(user?.content).toContain(`Transcript ${TRANSCRIPT.path} (2 events):\n${TRANSCRIPT.text}`)
  })

  it('puts the schema in the prompt for json_object, with the word JSON the API requires', () => {
    const request = buildRequest(DIMS, TRANSCRIPT, MODEL, 'json_object')
    expect(request.response_format).toEqual({ type: 'json_object' })
    expect(request.messages[0]?.content).toContain(JSON.stringify(replySchema(DIMS, true)))
  })
})

describe('createLlmScorer', () => {
  it('scores from a valid reply, and the fake accepted the request as OpenAI would', async () => {
    fake.reply({ scores: { policy_adherence: { score: 0, reason: 'Approved $340 above the $200 limit (line 2).' }, tone: { score: 4, reason: 'Polite.' }, accuracy: { score: 0.9, reason: 'ok' } } })
    const scores = await scorerFor(fake).score(TRANSCRIPT)
    expect(scores).toEqual({
      policy_adherence: { score: 0, reason: 'Approved $340 above the $200 limit (line 2).', state: 'scored', final: true },
      tone: { score: 4, reason: 'Polite.', state: 'scored', final: true },
      accuracy: { score: 0.9, reason: 'ok', state: 'scored', final: true }
    })
    expect(fake.requests.map((r) => r.rejected)).toEqual([''])
    expect(fake.requests[0]?.body.response_format?.type).toBe('json_schema')
  })

  it('falls back to json_object when the server rejects json_schema with 400, and stays there', async () => {
    const scorer = scorerFor(plain)
    expect((await scorer.score(TRANSCRIPT)).tone).toMatchObject({ score: 5, state: 'scored' })
    expect((await scorer.score(TRANSCRIPT)).policy_adherence).toMatchObject({ score: 1, state: 'scored' })
    expect(plain.requests.map((r) => [r.body.response_format?.type, r.answered])).toEqual([
      ['json_schema', 400],
      ['json_object', 200],
      ['json_object', 200]
    ])
  })

  it('counts malformed JSON as a failed score for every dimension, never a pass', async () => {
    fake.reply({ content: '{"policy_adherence": {"score": 1, "reason": "fine"' })
    const scores = await scorerFor(fake).score(TRANSCRIPT)
    for (const s of Object.values(scores)) expect(s).toMatchObject({ score: null, state: 'failed', final: true, reason: expect.stringMatching(/^the model's reply is not JSON/) })
  })

  it('fails only the dimensions whose score is missing or invalid', async () => {
    fake.reply({ content: JSON.stringify({ policy_adherence: { score: 1, reason: 'ok' }, tone: { score: 7, reason: 'great' }, accuracy: { reason: 'no score' } }) })
    const scores = await scorerFor(fake).score(TRANSCRIPT)
    expect(scores.policy_adherence).toMatchObject({ score: 1, state: 'scored' })
    expect(scores.tone).toMatchObject({ score: null, state: 'failed', reason: "the model's reply for tone is invalid: score must be <= 5" })
    expect(scores.accuracy).toMatchObject({ score: null, state: 'failed', reason: "the model's reply for accuracy is invalid: accuracy must have required property 'score'" })
  })

  it('fails a dimension missing from the reply, a string score, and a 1-5 score that is not whole', async () => {
    fake.reply({ content: JSON.stringify({ tone: { score: 3.5, reason: 'x' }, accuracy: { score: '1', reason: 'x' } }) })
    const scores = await scorerFor(fake).score(TRANSCRIPT)
    expect(scores.policy_adherence?.reason).toBe("the model's reply has no score for policy_adherence")
    expect(scores.tone?.reason).toBe("the model's reply for tone is invalid: score must be integer")
    expect(scores.accuracy?.reason).toBe("the model's reply for accuracy is invalid: score must be number")
    expect(Object.values(scores).every((s) => s.score === null && s.state === 'failed')).toBe(true)
  })

  it('fails a refusal, an empty reply and a reply that is not an object', async () => {
    fake.reply({ content: null, refusal: 'No.' }, { content: '' }, { content: '[1,2]' })
    const scorer = scorerFor(fake)
    expect((await scorer.score(TRANSCRIPT)).tone?.reason).toBe('the model refused: No.')
    expect((await scorer.score(TRANSCRIPT)).tone?.reason).toBe('the model sent an empty reply')
    expect((await scorer.score(TRANSCRIPT)).tone?.reason).toBe("the model's reply is not a JSON object")
  })

  it('reads a reply wrapped in a code fence (json_object servers often do that)', async () => {
    fake.reply({ content: '```json\n{"policy_adherence":{"score":1,"reason":"a"},"tone":{"score":5,"reason":"b"},"accuracy":{"score":1,"reason":"c"}}\n```' })
    expect((await scorerFor(fake).score(TRANSCRIPT)).tone?.score).toBe(5)
  })

  it('retries 429 and 500, then scores', async () => {
    fake.reply({ status: 429, retryAfter: '0' }, { status: 500 })
    expect((await scorerFor(fake).score(TRANSCRIPT)).tone?.score).toBe(5)
    expect(fake.requests.map((r) => r.answered)).toEqual([429, 500, 200])
  })

  it('gives a failed score that is not final when the endpoint keeps failing, so the next run retries', async () => {
    fake.reply({ status: 500 }, { status: 500 }, { status: 500 })
    const scores = await scorerFor(fake).score(TRANSCRIPT)
    expect(scores.tone).toEqual({ score: null, state: 'failed', final: false, reason: 'not scored: the model endpoint failed (500): The server had an error while processing your request.' })
  })

  it('stops calling after the endpoint rejects the key', async () => {
    const scorer = scorerFor(fake, 'sk-wrong')
    expect((await scorer.score(TRANSCRIPT)).tone?.reason).toBe('not scored: the model endpoint failed (401): Incorrect API key provided.')
    expect((await scorer.score(TRANSCRIPT)).tone?.reason).toBe('not scored: the model endpoint failed (401): Incorrect API key provided.')
    expect(fake.requests).toHaveLength(1)
  })
})

describe('parseReply', () => {
  it('says when the reply was cut off at the token limit', () => {
    const scores = parseReply('{"tone": {"score": 4, "rea', replyValidator(DIMS), { finishReason: 'length' })
    expect(scores.tone?.reason).toMatch(/^the model's reply is not JSON \(it was cut off at the token limit\)/)
  })
})
