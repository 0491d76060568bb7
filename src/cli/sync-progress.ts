// The sync's progress line on a terminal (stderr): which stage the run is in, how many writes are done,
// and, when a stage takes a while, how long it has been waiting, so that a slow tracker never looks like
// a hung command. The caller decides whether to show it (a terminal, text output, not in CI).

import type { SyncPhase } from '../modes/sync.js'
import type { TrackerKind } from '../sync/tracker.js'

const ERASE_LINE = '\r\u001b[2K'

export interface SyncProgressLine {
  phase: (phase: SyncPhase) => void
  update: (progress: { done: number; total: number }) => void
  /** Erases the line and stops the clock; safe to call more than once. */
  clear: () => void
}

export const NO_SYNC_PROGRESS: SyncProgressLine = { phase: () => {}, update: () => {}, clear: () => {} }

export interface SyncProgressOptions {
  /** How often the waiting time is redrawn (default 1 s). */
  tickMs?: number
  /** The waiting time is shown once a stage has taken this long (default 2 s). */
  showAfterMs?: number
  now?: () => number
}

export function syncProgressLine(write: (text: string) => void, tracker: TrackerKind, options: SyncProgressOptions = {}): SyncProgressLine {
  const now = options.now ?? Date.now
  const showAfter = options.showAfterMs ?? 2000
  let label: string | undefined
  let since = now()
  let lastDraw = -Infinity
  let shown = false
  const draw = (): void => {
    if (label === undefined) return
    const waited = now() - since
    lastDraw = now()
    shown = true
    write(`${ERASE_LINE}${label}${waited >= showAfter ? ` ${Math.floor(waited / 1000)} s` : ''}`)
  }
  // The clock restarts with each stage, so its ticks fall on whole seconds of the wait.
  let timer: ReturnType<typeof setInterval> | undefined
  const restartClock = (): void => {
    clearInterval(timer)
    timer = setInterval(draw, options.tickMs ?? 1000)
    timer.unref()
  }
  const labels: Record<SyncPhase, string> = {
    'looking-up': `asking ${tracker} which tickets exist…`,
    writing: 'syncing…',
    'writing-back': 'writing ticket references…'
  }
  return {
    phase(phase) {
      label = labels[phase]
      since = now()
      restartClock()
      draw()
    },
    update({ done, total }) {
      if (total === 0) return
      label = `syncing ${done}/${total}…`
      // Redrawn at most every 80 ms, and always at the end.
      if (done < total && now() - lastDraw < 80) return
      draw()
    },
    clear() {
      clearInterval(timer)
      label = undefined
      if (shown) write(ERASE_LINE)
      shown = false
    }
  }
}
