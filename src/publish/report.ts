// What a publish run prints: a line per channel (text) or the same as JSON, and the job summary's table.

import type { ChannelResult } from './channel.js'
import type { PublishContent } from './content.js'

export function renderPublishText(content: PublishContent, results: readonly ChannelResult[], dryRun: boolean): string {
  const head = `${dryRun ? 'Dry run: nothing sent. ' : ''}Reliability review ${content.period.title} (${content.period.label}), overall ${content.worst}, content ${content.hash.slice(0, 12)}`
  return `${[head, ...results.map((r) => `  ${r.channel}: ${r.outcome === 'dry-run' ? '' : `${r.outcome}: `}${r.detail}`)].join('\n')}\n`
}

export function renderPublishJson(content: PublishContent, results: readonly ChannelResult[], dryRun: boolean): string {
  return `${JSON.stringify({ period: content.period, worst: content.worst, subject: content.subject, hash: content.hash, dryRun, charts: content.charts.map((c) => ({ id: c.id, file: c.fileName, bytes: c.png.length, alt: c.alt })), results }, null, 2)}\n`
}

export function renderPublishSummary(content: PublishContent, results: readonly ChannelResult[], dryRun: boolean): string {
  const rows = results.map((r) => `| ${r.channel} | ${r.outcome} | ${r.detail.replace(/\|/g, '\\|')} |`)
  return [`## Published: reliability review ${content.period.title}${dryRun ? ' (dry run)' : ''}`, '', `Overall status ${content.worst}; content hash \`${content.hash.slice(0, 12)}\`.`, '', '| channel | outcome | detail |', '| --- | --- | --- |', ...rows, ''].join('\n')
}
