import type { ParseProblem } from './model.js'

/** Postmortems are prose; anything larger is almost certainly not one and would only slow the run down. */
export const MAX_POSTMORTEM_BYTES = 2 * 1024 * 1024

export interface DecodedText {
  /** The text with BOM removed and CRLF/CR normalised to LF; undefined when the file cannot be read as text. */
  text?: string
  problems: ParseProblem[]
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** Turns file bytes into the text the parser reads, reporting what makes a file unreadable. */
export function decodePostmortem(input: string | Uint8Array): DecodedText {
  const problems: ParseProblem[] = []
  let text: string
  if (typeof input === 'string') {
    text = input
  } else {
    if (input.byteLength > MAX_POSTMORTEM_BYTES) {
      const mb = (input.byteLength / 1024 / 1024).toFixed(1)
      return {
        problems: [
          {
            message: `File is ${mb} MB, over the 2 MB a postmortem may be; it was not parsed. Split it, or move attachments (logs, transcripts) out and link them.`,
            position: { line: 1, column: 1 }
          }
        ]
      }
    }
    const probe = input.subarray(0, 8000)
    if (probe.includes(0)) {
      return {
        problems: [{ message: 'File is binary (it contains NUL bytes), not a markdown postmortem.', position: { line: 1, column: 1 } }]
      }
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input)
    } catch {
      text = new TextDecoder('utf-8').decode(input)
      const normalised = text.replace(/\r\n?/g, '\n')
      const bad = normalised.indexOf('\uFFFD')
      problems.push({
        message: 'File is not valid UTF-8; invalid bytes were read as U+FFFD. Re-save it as UTF-8.',
        position: { line: bad >= 0 ? lineOfOffset(normalised, bad) : 1, column: 1 }
      })
    }
  }
  if (text.length > MAX_POSTMORTEM_BYTES) {
    return {
      problems: [{ message: 'File is over the 2 MB a postmortem may be; it was not parsed.', position: { line: 1, column: 1 } }]
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return { text: text.replace(/\r\n?/g, '\n'), problems }
}
