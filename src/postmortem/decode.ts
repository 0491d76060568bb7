import type { ParseProblem, Position } from './model.js'

/** Postmortems are prose; anything larger is almost certainly not one and would only slow the run down. */
export const MAX_POSTMORTEM_BYTES = 2 * 1024 * 1024

export interface DecodedText {
  /** The text with BOM removed and CRLF/CR normalised to LF; undefined when the file cannot be read as text. */
  text?: string
  problems: ParseProblem[]
}

const START: Position = { line: 1, column: 1 }

function unreadable(message: string): DecodedText {
  return { problems: [{ message, position: { ...START }, incomplete: true }] }
}

function positionOfOffset(text: string, offset: number): Position {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

function tooLarge(bytes: number): DecodedText {
  const mb = (bytes / 1024 / 1024).toFixed(1)
  return unreadable(
    `File is ${mb} MB, over the 2 MB a postmortem may be; it was not parsed. Split it, or move attachments (logs, transcripts) out and link them.`
  )
}

// Editors on Windows still save "Unicode" as UTF-16; say so rather than calling the file binary.
function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
}

function decodeBytes(input: Uint8Array): DecodedText {
  if (input.byteLength > MAX_POSTMORTEM_BYTES) return tooLarge(input.byteLength)
  if (isUtf16(input)) return unreadable('File is UTF-16 encoded; re-save it as UTF-8.')
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(input), problems: [] }
  } catch {
    const text = new TextDecoder('utf-8').decode(input)
    // The decoder has already dropped a BOM, so offsets in the normalised text are positions in the model.
    const normalised = text.replace(/\r\n?/g, '\n')
    const bad = normalised.indexOf('\uFFFD')
    const problem = {
      message: 'File is not valid UTF-8; invalid bytes were read as U+FFFD. Re-save it as UTF-8.',
      position: bad >= 0 ? positionOfOffset(normalised, bad) : { ...START }
    }
    return { text, problems: [problem] }
  }
}

function checkString(input: string): DecodedText {
  const bytes = Buffer.byteLength(input)
  return bytes > MAX_POSTMORTEM_BYTES ? tooLarge(bytes) : { text: input, problems: [] }
}

/** Turns file bytes into the text the parser reads, reporting what makes a file unreadable. */
export function decodePostmortem(input: string | Uint8Array): DecodedText {
  const decoded = typeof input === 'string' ? checkString(input) : decodeBytes(input)
  if (decoded.text === undefined) return decoded
  // A NUL never occurs in prose; the check is bounded so a large text file costs nothing extra.
  if (decoded.text.slice(0, 8000).includes('\0')) {
    return unreadable('File is binary (it contains NUL bytes), not a markdown postmortem.')
  }
  const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text
  return { text: text.replace(/\r\n?/g, '\n'), problems: decoded.problems }
}
