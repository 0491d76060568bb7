// The publish mode's adapters on the real world: SMTP, the Slack webhook, Confluence over HTTP, and the
// record file below the repository root.

import { appendFile, mkdir, readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { publishConfluence } from './confluence.js'
import { sendEmail } from './email.js'
import { formatPublished, parsePublished } from './record.js'
import type { PublishAdapters } from './run.js'
import { postSlack } from './slack.js'

export function createNodePublishAdapters(root: string, recordPath: string): PublishAdapters {
  const file = join(root, recordPath)
  return {
    confluence: (content, settings, credentials) => publishConfluence(content, settings, credentials),
    email: (content, settings, smtpUrl) => sendEmail(content, settings, { url: smtpUrl }),
    slack: (content, settings, webhookUrl, links) => postSlack(content, settings, webhookUrl, links),
    readRecords: async () => {
      try {
        return parsePublished(await readFile(file, 'utf8'))
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
        throw error
      }
    },
    appendRecords: async (records) => {
      await mkdir(dirname(file), { recursive: true })
      await appendFile(file, formatPublished(records))
    }
  }
}
