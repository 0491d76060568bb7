/** Hostile postmortems, each at most `bytes` long (default just under 2 MiB): see hostile-postmortems.mjs. */
export function hostileShapes(bytes?: number): Array<{ name: string; text: string }>
