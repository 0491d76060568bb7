// The trackers' interface moved to src/sync/tracker.ts (it is pure: types, names, normalisers, not an
// adapter). This alias stays for src/review/ and src/sync/plan.ts until they import it from there.
export * from '../tracker.js'
