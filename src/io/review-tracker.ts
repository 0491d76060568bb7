// The tracker the review reads the synced items' tickets from: only for a repository that syncs (its config
// has a `sync:` section), with the same credentials the sync mode uses. Without them the packet says so.

import type { Config } from '../config/types.js'
import type { ReviewAdapters } from '../modes/review.js'
import { resolveConnection, type CredentialSources, type SourceNames } from '../sync/connection.js'
import type { TrackerEnvironment } from '../sync/trackers/create-tracker.js'

export function reviewTracker(
  config: Pick<Config, 'sync' | 'sections'>,
  credentials: CredentialSources,
  names: SourceNames,
  env: Omit<TrackerEnvironment, 'sync'>,
  /** Why the tracker must not be read even with credentials (`--no-tracker`); the packet says so. */
  disabled?: string
): ReviewAdapters['tracker'] {
  const sync = config.sync
  if (sync === undefined || !config.sections?.includes('sync')) return undefined
  if (disabled !== undefined) return { kind: sync.tracker, notConsulted: disabled }
  const found = resolveConnection(sync.tracker, credentials, sync, names)
  if ('connection' in found) {
    const connection = found.connection
    return {
      kind: sync.tracker,
      // The trackers' HTTP clients are loaded only when a tracker is read: most reviews never do.
      lookup: async (request) => {
        const { createTracker } = await import('../sync/trackers/create-tracker.js')
        return createTracker(connection, { ...env, sync }).lookup(request)
      }
    }
  }
  return { kind: sync.tracker, notConsulted: 'incomplete' in found ? found.incomplete : found.absent }
}
