// Where the llm scorer's endpoint and key come from, decided once at the edge: an Action input or flag,
// else the configuration, else the conventional OPENAI_BASE_URL / OPENAI_API_KEY variables (the key's
// variable can be renamed with audit.llm.api-key-env; a key is never read from the configuration file).

import { ConfigError } from '../config/errors.js'
import type { AuditConfig } from '../config/types.js'
import { OPENAI_BASE_URL } from '../llm/chat-completions.js'

export interface LlmEndpoint {
  baseUrl: string
  apiKey?: string
}

export function llmEndpoint(
  config: AuditConfig,
  env: Readonly<Record<string, string | undefined>>,
  given: { baseUrl?: string; apiKey?: string } = {}
): LlmEndpoint {
  const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v.trim() : undefined)
  const baseUrl = nonEmpty(given.baseUrl) ?? config.llm.baseUrl ?? nonEmpty(env.OPENAI_BASE_URL) ?? OPENAI_BASE_URL
  if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
    throw new ConfigError({ file: 'OPENAI_BASE_URL', key: 'audit.llm.base-url', message: `"${baseUrl}" is not an http:// or https:// URL` })
  }
  const apiKey = nonEmpty(given.apiKey) ?? nonEmpty(env[config.llm.apiKeyEnv])
  // Local OpenAI-compatible servers usually take no key; OpenAI itself always needs one.
  if (apiKey === undefined && new URL(baseUrl).hostname === 'api.openai.com') {
    throw new ConfigError({
      file: config.llm.apiKeyEnv,
      key: 'audit.llm.api-key-env',
      message: `the llm scorer needs an API key for ${baseUrl}: set the ${config.llm.apiKeyEnv} environment variable (in the Action, the openai-api-key input from a secret)`
    })
  }
  return apiKey === undefined ? { baseUrl } : { baseUrl, apiKey }
}
