/** The first value in an ascending array that is at least `value`, by binary search; undefined when there is none. */
export function firstAtOrAfter(sorted: readonly number[], value: number): number | undefined {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((sorted[mid] as number) < value) lo = mid + 1
    else hi = mid
  }
  return sorted[lo]
}

/** Start offsets of the maximal runs of backticks in `text`, grouped by run length. */
export function backtickRunsByLength(text: string): Map<number, number[]> {
  const runs = new Map<number, number[]>()
  for (const m of text.matchAll(/`+/g)) {
    const list = runs.get(m[0].length)
    if (list) list.push(m.index)
    else runs.set(m[0].length, [m.index])
  }
  return runs
}
