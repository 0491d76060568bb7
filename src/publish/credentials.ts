// The channels' credentials, read from environment variables by the entries (CLI: the process; Action:
// the inputs over the process). Blank values count as unset.

import type { PublishCredentials } from './run.js'

export function publishCredentials(env: Readonly<Record<string, string | undefined>>): PublishCredentials {
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim()
    return v === undefined || v === '' ? undefined : v
  }
  const confluence: PublishCredentials['confluence'] = {}
  for (const [key, name] of [['baseUrl', 'CONFLUENCE_BASE_URL'], ['email', 'CONFLUENCE_EMAIL'], ['apiToken', 'CONFLUENCE_API_TOKEN'], ['pat', 'CONFLUENCE_PAT']] as const) {
    const v = value(name)
    if (v !== undefined) confluence[key] = v
  }
  const smtpUrl = value('SMTP_URL')
  const slackWebhookUrl = value('SLACK_WEBHOOK_URL')
  return { confluence, ...(smtpUrl !== undefined && { smtpUrl }), ...(slackWebhookUrl !== undefined && { slackWebhookUrl }) }
}
