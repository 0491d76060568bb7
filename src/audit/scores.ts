// What a scorer says about one dimension of one transcript.

export type ScoreState = 'scored' | 'failed' | 'pending'

export interface DimensionScore {
  /** On the dimension's scale; null unless `scored`. */
  score: number | null
  /** Why: the rule and line that decided, the model's reason, the reviewer's note, or what went wrong. */
  reason: string
  /**
   * `scored`; `failed` (no usable score: counts as not passing, never as a pass); `pending` (a human has
   * not reviewed it yet: counted nowhere).
   */
  state: ScoreState
  /**
   * Whether this is the transcript's final word for the rubric version and may be recorded. A reply that
   * fails validation is final (the model did answer); a request that never got an answer (network,
   * 5xx after retries, the per-run cap) is not, so the next run tries again.
   */
  final: boolean
}

export function scored(score: number, reason: string): DimensionScore {
  return { score, reason, state: 'scored', final: true }
}

export function failed(reason: string, final: boolean): DimensionScore {
  return { score: null, reason, state: 'failed', final }
}

export function pending(reason: string): DimensionScore {
  return { score: null, reason, state: 'pending', final: false }
}

/** Quoted and cut to a length that fits a reason. */
export function snippet(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat)
}
