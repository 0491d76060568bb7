// Terminal decisions: whether to colour, whether to show a progress line, and the line itself.

type Env = Readonly<Record<string, string | undefined>>

/**
 * Colour, in order of precedence: --color/--no-color; FORCE_COLOR (`0`/`false` disable, anything else
 * enables, as in Node); NO_COLOR set to anything non-empty (no-color.org); else only on a terminal that is
 * not TERM=dumb.
 */
export function shouldUseColor(options: { flag: boolean | undefined; env: Env; isTTY: boolean }): boolean {
  const { flag, env, isTTY } = options
  if (flag !== undefined) return flag
  const force = env.FORCE_COLOR
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false')
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  return isTTY && env.TERM !== 'dumb'
}

/** CI systems set CI (to `true`, `1`, or a name); `CI=false`/`CI=0` is how people turn it off locally. */
export function isCI(env: Env): boolean {
  const ci = env.CI
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false'
}

/** Whether the debug details (stack traces) are wanted: DEBUG=reliability-loop, reliability-loop:*, or *. */
export function isDebug(env: Env): boolean {
  return (env.DEBUG ?? '')
    .split(/[\s,]+/)
    .some((name) => name === '*' || name === 'reliability-loop' || name.startsWith('reliability-loop:'))
}

export interface ProgressLine {
  update: (progress: { done: number; total: number }) => void
  /** Erases the line if anything was drawn; safe to call more than once. */
  clear: () => void
}

const ERASE_LINE = '\r\u001b[2K'

/** `linting 1234/10000…`, redrawn in place at most every `intervalMs` (and always at the end). */
export function progressLine(write: (text: string) => void, options: { intervalMs?: number; now?: () => number; label?: string } = {}): ProgressLine {
  const interval = options.intervalMs ?? 80
  const now = options.now ?? Date.now
  let shown = false
  let last = -Infinity
  return {
    update({ done, total }) {
      if (total === 0) return
      const t = now()
      if (done < total && t - last < interval) return
      last = t
      shown = true
      write(`${ERASE_LINE}${options.label ?? 'linting'} ${done}/${total}…`)
    },
    clear() {
      if (shown) write(ERASE_LINE)
      shown = false
    }
  }
}

export const NO_PROGRESS: ProgressLine = { update: () => {}, clear: () => {} }
