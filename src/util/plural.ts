// "1 file", "2 files": for titles made by pure code (gates) and by the reports.

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`
}
