// The packet's Decisions: what the meeting writes into this period's packet is kept when the packet is made
// again, and the previous packet's decisions are listed with where they stand (ticked or open, and their
// ticket when the tracker was read). Pure: the caller reads the files and the tracker.

import type { Postmortem } from '../postmortem/model.js'
import type { SkippedItem } from '../sync/items.js'
import { compareText } from './quality.js'
import type { TicketCell } from './tracker-status.js'

export interface DecisionRow {
  summary: string
  /** Without `@`. */
  owner?: string
  due?: string
  checked: boolean
  path: string
  line: number
  /** The decision's ticket, when the tracker was read and has one. */
  ticket?: TicketCell
  /** Why sync does not make a ticket of it (no owner, no due date). */
  problem?: string
}

export interface PreviousDecisions {
  /** The packet they were read from (repository-relative). */
  path: string
  rows: DecisionRow[]
}

export interface PacketDecisions {
  /** The lines of this period's `## Decisions` section as the meeting wrote them, kept when the packet is made again. */
  written?: string[]
  previous?: PreviousDecisions
}

const HEADING_RE = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/

/**
 * The lines under `## Decisions` up to the next heading of the same or a higher level, without blank lines at
 * either end; undefined when the file has no such section. Fenced code is not looked into for headings.
 */
export function decisionsSectionLines(text: string): string[] | undefined {
  const lines = text.split(/\r?\n/)
  let start = -1
  let level = 0
  let fence: string | undefined
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const fenceMark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fenceMark !== undefined) {
      if (fence === undefined) fence = fenceMark
      else if (fenceMark.startsWith(fence)) fence = undefined
      continue
    }
    if (fence !== undefined) continue
    const heading = HEADING_RE.exec(line)
    if (heading === undefined || heading === null) continue
    const depth = heading[1]?.length ?? 0
    if (start < 0) {
      if (/^decisions$/i.test((heading[2] ?? '').trim())) {
        start = i + 1
        level = depth
      }
    } else if (depth <= level) return trimBlank(lines.slice(start, i))
  }
  return start < 0 ? undefined : trimBlank(lines.slice(start))
}

function trimBlank(lines: string[]): string[] {
  let a = 0
  let b = lines.length
  while (a < b && (lines[a] ?? '').trim() === '') a++
  while (b > a && (lines[b - 1] ?? '').trim() === '') b--
  return lines.slice(a, b)
}

/** The packet before this period's: the last of the packets whose file name sorts before `<label>.md`. */
export function previousPacketPath(paths: readonly string[], outputDir: string, label: string): string | undefined {
  const current = `${outputDir}/${label}.md`
  const earlier = paths.filter((p) => p.startsWith(`${outputDir}/`) && !p.slice(outputDir.length + 1).includes('/') && p.endsWith('.md') && compareText(p, current) < 0)
  return earlier.sort(compareText).pop()
}

/** Rows for the packet, in the order they were written; tickets by `path:line` from the tracker's reading. */
export function decisionRows(packet: Postmortem, tickets: ReadonlyMap<string, TicketCell>, problems: readonly SkippedItem[]): DecisionRow[] {
  const problemAt = new Map(problems.map((s) => [s.line, s.reason]))
  return packet.actionItems
    .filter((a) => a.kind === 'task' && a.summary.trim() !== '')
    .map((a): DecisionRow => {
      const ticket = tickets.get(`${packet.path}:${a.position.line}`)
      const problem = problemAt.get(a.position.line)
      return {
        summary: a.summary.trim(),
        ...(a.owner !== undefined && { owner: a.owner.name }),
        ...(a.due !== undefined && a.dueValid && { due: a.due }),
        checked: a.checked,
        path: packet.path,
        line: a.position.line,
        ...(ticket !== undefined && { ticket }),
        ...(problem !== undefined && { problem })
      }
    })
}
