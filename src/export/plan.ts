// Which files to send (pure): a file is sent when its fingerprint differs from the one the warehouse holds
// for it, and its rows are removed when the file is gone. The state lives in the warehouse itself, so a
// fresh clone, another runner or a laptop all export incrementally against the same warehouse.

import type { TableName } from './tables.js'

export interface SourceFingerprint {
  table: TableName
  source: string
  fingerprint: string
}

export interface StateEntry extends SourceFingerprint {
  rowCount: number
}

export interface ExportPlan {
  /** Changed or new files, whose rows replace the warehouse's rows of that file. */
  send: SourceFingerprint[]
  /** Files the warehouse has rows of that the repository no longer has. */
  remove: Array<{ table: TableName; source: string }>
  unchanged: number
}

export function planExport(current: readonly SourceFingerprint[], state: readonly StateEntry[]): ExportPlan {
  const held = new Map(state.map((s) => [`${s.table}\u0000${s.source}`, s.fingerprint]))
  const present = new Set(current.map((c) => `${c.table}\u0000${c.source}`))
  const send = current.filter((c) => held.get(`${c.table}\u0000${c.source}`) !== c.fingerprint)
  const remove = state.filter((s) => !present.has(`${s.table}\u0000${s.source}`)).map((s) => ({ table: s.table, source: s.source }))
  return { send, remove, unchanged: current.length - send.length }
}
