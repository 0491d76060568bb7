/** Reduces a heading to what identifies it: `2. Root cause(s):` and `Timeline (times in BST)` match their template names. */
export function sectionKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/^[\s\d.)#-]+/, '')
    .replace(/[\s:.]+$/, '')
    .replace(/\([^)]*\)\s*$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** Returns a function mapping a heading to its template section (directly or through an alias). */
export function sectionMatcher(
  sections: readonly string[],
  aliases: Readonly<Record<string, string>>
): (heading: string) => string | undefined {
  const table = new Map<string, string>()
  for (const name of sections) table.set(sectionKey(name), name)
  for (const [alias, target] of Object.entries(aliases)) {
    const canonical = table.get(sectionKey(target)) ?? target
    if (!table.has(sectionKey(alias))) table.set(sectionKey(alias), canonical)
  }
  return (heading) => table.get(sectionKey(heading))
}
