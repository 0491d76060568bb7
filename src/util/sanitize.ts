// Text that came from outside (vendor answers, Redis errors, names in user files) is made safe before it is
// printed or written: no terminal escape sequences, no control characters, no line a GitHub runner would obey as
// a workflow command (`::set-output`, `::add-mask::`, …), and vendor bodies cut to a readable length.

/** ANSI/VT escape sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ESC \`) and two-byte escapes. */
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g
/** C0 controls but tab and newline, DEL, and C1 controls; `\r` goes too (it rewrites a terminal line). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g
/** A line that starts (after spaces) with `::`, which the runner reads as a workflow command. */
const WORKFLOW_COMMAND = /^(\s*):(?=:)/gm

export interface SanitizeOptions {
  /** Longest text kept, in characters; the rest is replaced by a note saying how much was cut. Default: unlimited. */
  maxLength?: number
  /** Keep newlines (default true); false joins lines with spaces, for one-line messages. */
  multiline?: boolean
}

/** `text` with escape sequences and control characters removed and workflow-command prefixes neutralised. */
export function sanitizeText(text: string, options: SanitizeOptions = {}): string {
  let clean = text.replace(ESCAPE_SEQUENCE, '').replace(/\r\n?/g, '\n').replace(CONTROL, '')
  if (options.multiline === false) clean = clean.replace(/\s*\n\s*/g, ' ')
  const max = options.maxLength
  if (max !== undefined && clean.length > max) {
    clean = `${clean.slice(0, max)}… (${clean.length - max} more characters cut)`
  }
  // `::` at a line start becomes `:\u200b:`: still readable, no longer a command.
  return clean.replace(WORKFLOW_COMMAND, '$1:\u200b')
}

/** The longest part of a vendor's response body we ever show. */
export const VENDOR_BODY_LIMIT = 500

/** A vendor's response body, made safe and cut to `VENDOR_BODY_LIMIT` characters on one line. */
export function sanitizeVendorBody(body: string): string {
  return sanitizeText(body, { maxLength: VENDOR_BODY_LIMIT, multiline: false })
}
