// Kept in step with package.json by a test; a bundle cannot read package.json at run time.
export const VERSION = '0.1.0'

declare const __RL_BUILD_ID__: string | undefined

/** Identifies the code that produced a cached result: the bundle's source hash, or 'source' under ts-jest. */
export const BUILD_ID: string = typeof __RL_BUILD_ID__ === 'string' ? __RL_BUILD_ID__ : 'source'
