// Carries out a plan against a tracker: bounded concurrency, one item's failure never stops the others,
// and no create is repeated before looking. A create that failed ambiguously (timeout, dropped
// connection or 5xx after the request was sent) may have made the ticket; the tracker is asked for the
// key again before any new attempt, and when it cannot say, the item fails rather than risk a duplicate:
// the next run finds the ticket by its key.

import pLimit from 'p-limit'
import type { PlanItem } from './plan.js'
import type { Ticket, Tracker } from './tracker.js'
import { errorMessage } from '../util/error-message.js'

export interface ExecuteOptions {
  /** Items written at the same time. */
  concurrency: number
  /** Attempts per item, the first included, for failures that retrying can fix. */
  attempts: number
  /** Wait before attempt n (2, 3, …) in ms; exponential with jitter by default. */
  backoffMs?: (attempt: number) => number
  sleep?: (ms: number) => Promise<void>
  onProgress?: (progress: { done: number; total: number }) => void
}

export interface ItemResult {
  plan: PlanItem
  /** The ticket after the action: the created one, the updated one, or the matched one when nothing was done. */
  ticket?: Ticket
  /** Why the action failed; the item is then left for the next run. */
  error?: string
  /** A create that failed ambiguously turned out to have happened (found by its key). */
  recovered?: boolean
}

export function defaultBackoffMs(attempt: number): number {
  const base = 500 * 2 ** Math.max(0, attempt - 2)
  return Math.min(30_000, base / 2 + Math.random() * base)
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

class ItemFailure extends Error {}

async function createOnce(plan: PlanItem, tracker: Tracker, options: Required<Pick<ExecuteOptions, 'attempts' | 'backoffMs' | 'sleep'>>): Promise<ItemResult> {
  const draft = plan.draft
  if (!draft) throw new ItemFailure('nothing to create (no draft)')
  let lastError: unknown
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await options.sleep(options.backoffMs(attempt))
    try {
      return { plan, ticket: await tracker.create(draft) }
    } catch (error) {
      lastError = error
      const kind = tracker.classify(error)
      if (kind === 'fatal') throw new ItemFailure(`create failed: ${errorMessage(error)}`)
      if (kind === 'ambiguous' && !tracker.capabilities.idempotentCreate) {
        let found: Ticket[]
        try {
          found = await tracker.recheck([draft.key], { patient: true })
        } catch (recheckError) {
          throw new ItemFailure(
            `create failed (${errorMessage(error)}) and checking whether it happened failed too (${errorMessage(recheckError)}); not retried, to avoid a duplicate: the next run finds the ticket if it was made`
          )
        }
        const ticket = found.find((t) => t.keys.includes(draft.key))
        if (ticket) return { plan, ticket, recovered: true }
        if (!tracker.capabilities.recheckConsistent) {
          throw new ItemFailure(
            `create failed (${errorMessage(error)}) and the tracker's search does not show the ticket yet; it may exist, so it is not created again in this run: the next run finds it, or creates it`
          )
        }
      }
    }
  }
  throw new ItemFailure(`create failed after ${options.attempts} attempts: ${errorMessage(lastError)}`)
}

async function writeIdempotent(
  what: 'update' | 'close',
  plan: PlanItem,
  tracker: Tracker,
  options: Required<Pick<ExecuteOptions, 'attempts' | 'backoffMs' | 'sleep'>>
): Promise<ItemResult> {
  const ticket = plan.ticket
  if (!ticket) throw new ItemFailure(`nothing to ${what} (no ticket)`)
  let lastError: unknown
  for (let attempt = 1; attempt <= options.attempts; attempt++) {
    if (attempt > 1) await options.sleep(options.backoffMs(attempt))
    try {
      if (what === 'close') return { plan, ticket: await tracker.close(ticket) }
      const draft = plan.draft
      if (!draft) throw new ItemFailure('nothing to update (no draft)')
      return { plan, ticket: await tracker.update(ticket, draft, plan.changes ?? []) }
    } catch (error) {
      if (error instanceof ItemFailure) throw error
      lastError = error
      // Setting the same values twice is harmless, so an ambiguous failure is simply retried.
      if (tracker.classify(error) === 'fatal') throw new ItemFailure(`${what} of ${ticket.ref} failed: ${errorMessage(error)}`)
    }
  }
  throw new ItemFailure(`${what} of ${ticket.ref} failed after ${options.attempts} attempts: ${errorMessage(lastError)}`)
}

/**
 * Where search is eventually consistent, the tickets a recent run made may not have shown in the look-up:
 * one more look for the keys about to be created, just before creating them. A failing look is no
 * reason to stop: the look-up at the start of the run stands.
 */
async function alreadyThere(items: readonly PlanItem[], tracker: Tracker): Promise<Map<string, Ticket>> {
  const keys = items.filter((p) => p.action === 'create' && p.draft).map((p) => p.item.key)
  if (tracker.capabilities.recheckConsistent || keys.length === 0) return new Map()
  try {
    const found = await tracker.recheck(keys)
    return new Map(found.flatMap((t) => t.keys.filter((k) => keys.includes(k)).map((k) => [k, t] as const)))
  } catch {
    return new Map()
  }
}

export async function executePlan(items: readonly PlanItem[], tracker: Tracker, options: ExecuteOptions): Promise<ItemResult[]> {
  const settings = { attempts: Math.max(1, options.attempts), backoffMs: options.backoffMs ?? defaultBackoffMs, sleep: options.sleep ?? realSleep }
  const limit = pLimit(Math.max(1, options.concurrency))
  const existing = await alreadyThere(items, tracker)
  const writes = items.filter((p) => p.action !== 'unchanged').length
  let done = 0
  return Promise.all(
    items.map((plan) => {
      const action = plan.action
      if (action === 'unchanged') return Promise.resolve<ItemResult>(plan.ticket ? { plan, ticket: plan.ticket } : { plan })
      return limit(async (): Promise<ItemResult> => {
        try {
          const there = existing.get(plan.item.key)
          if (action === 'create' && there) return { plan, ticket: there, recovered: true }
          if (action === 'create') return await createOnce(plan, tracker, settings)
          return await writeIdempotent(action, plan, tracker, settings)
        } catch (error) {
          return { plan, ...(plan.ticket && { ticket: plan.ticket }), error: error instanceof ItemFailure ? error.message : `unexpected error: ${errorMessage(error)}` }
        } finally {
          options.onProgress?.({ done: ++done, total: writes })
        }
      })
    })
  )
}
