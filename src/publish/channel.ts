// What a channel adapter gets and gives back. Adapters are the only places that talk to Confluence, SMTP or
// Slack; a failure is a ChannelError whose message names what to check, never a credential.

import type { PublishChannel } from '../config/publish-types.js'

export type ChannelOutcome = 'sent' | 'created' | 'updated' | 'unchanged' | 'already-sent' | 'skipped' | 'failed' | 'dry-run'

export interface ChannelResult {
  channel: PublishChannel
  outcome: ChannelOutcome
  /** One line for the terminal and the job summary. */
  detail: string
  /** E-mail Message-ID, Confluence page id, Slack: none. */
  id?: string
  /** Confluence page version after this run. */
  version?: number
  url?: string
}

export class ChannelError extends Error {
  override readonly name = 'ChannelError'
  /** What to check, e.g. `CONFLUENCE_API_TOKEN and the user's permission on space REL`. */
  readonly check: string

  constructor(message: string, check: string) {
    super(message)
    this.check = check
  }
}

export type Sleep = (ms: number) => Promise<void>
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Removes every secret from a text before it is shown (vendor bodies, library errors). */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text
  for (const secret of secrets) {
    if (secret === undefined || secret.length < 4) continue
    out = out.split(secret).join('***')
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) out = out.split(encoded).join('***')
  }
  return out
}
