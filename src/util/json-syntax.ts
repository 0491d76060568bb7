// Why a line is not JSON, in our own words. JSON.parse's messages are V8's and change between Node
// versions (Node 20: "… in JSON at position 7"; Node 24 adds "(line 1 column 8)"; others quote the text),
// so a report that repeated them would differ by the runtime that made it. This walks the JSON grammar
// (RFC 8259) only for a line JSON.parse has refused, and names the first place it goes wrong.

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d])
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't'])
const HEX4 = /^[0-9a-fA-F]{4}$/
/** Deeper than this, the walk stops (the stack is finite) and the message says only that it is not JSON. */
const MAX_DEPTH = 500
const TOO_DEEP = -1

/** Thrown inside the walk at the first offending position. */
class SyntaxStop {
  constructor(readonly at: number) {}
}

class Walker {
  pos = 0
  private depth = 0
  constructor(private readonly text: string) {}

  private skipSpace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text.charCodeAt(this.pos))) this.pos++
  }

  private expect(char: string): void {
    if (this.text[this.pos] !== char) throw new SyntaxStop(this.pos)
    this.pos++
  }

  private match(pattern: RegExp): void {
    pattern.lastIndex = this.pos
    if (!pattern.test(this.text)) throw new SyntaxStop(this.pos)
    this.pos = pattern.lastIndex
  }

  value(): void {
    this.skipSpace()
    const c = this.text[this.pos]
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_DEPTH) throw new SyntaxStop(TOO_DEEP)
      if (c === '{') this.object()
      else this.array()
      this.depth--
    } else if (c === '"') this.string()
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) this.match(NUMBER)
    else {
      for (const word of ['true', 'false', 'null']) {
        if (this.text.startsWith(word, this.pos)) {
          this.pos += word.length
          return
        }
      }
      throw new SyntaxStop(this.pos)
    }
  }

  private string(): void {
    this.expect('"')
    const text = this.text
    for (;;) {
      const code = text.charCodeAt(this.pos)
      if (Number.isNaN(code) || code < 0x20) throw new SyntaxStop(this.pos)
      if (code === 0x22) break
      if (code === 0x5c) {
        const next = text[this.pos + 1]
        if (next === 'u') {
          if (!HEX4.test(text.slice(this.pos + 2, this.pos + 6))) throw new SyntaxStop(this.pos)
          this.pos += 6
        } else if (next !== undefined && ESCAPES.has(next)) this.pos += 2
        else throw new SyntaxStop(this.pos)
      } else this.pos++
    }
    this.pos++
  }

  private object(): void {
    this.expect('{')
    this.skipSpace()
    if (this.text[this.pos] === '}') {
      this.pos++
      return
    }
    for (;;) {
      this.skipSpace()
      this.string()
      this.skipSpace()
      this.expect(':')
      this.value()
      this.skipSpace()
      if (this.text[this.pos] === '}') {
        this.pos++
        return
      }
      this.expect(',')
    }
  }

  private array(): void {
    this.expect('[')
    this.skipSpace()
    if (this.text[this.pos] === ']') {
      this.pos++
      return
    }
    for (;;) {
      this.value()
      this.skipSpace()
      if (this.text[this.pos] === ']') {
        this.pos++
        return
      }
      this.expect(',')
    }
  }

  /** The whole text as one value; the offset of the first error, or undefined when it is valid JSON. */
  document(): number | undefined {
    try {
      this.value()
      this.skipSpace()
      if (this.pos < this.text.length) throw new SyntaxStop(this.pos)
      return undefined
    } catch (error) {
      if (error instanceof SyntaxStop) return error.at
      throw error
    }
  }
}

/** A character as the message shows it: printable ASCII quoted, anything else as its code point. */
function showChar(text: string, at: number): string {
  const code = text.codePointAt(at) as number
  if (code >= 0x21 && code <= 0x7e) return code === 0x22 ? "'\"'" : `"${String.fromCodePoint(code)}"`
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * Why `text` is not JSON: "unexpected "n" at column 8", "ends before the JSON value does", … (columns are
 * 1-based, in UTF-16 code units, as editors count them for the characters JSON lines hold). The same words
 * on every Node version. For text JSON.parse accepts, a generic phrase.
 */
export function jsonSyntaxProblem(text: string): string {
  const at = new Walker(text).document()
  if (at === undefined || at === TOO_DEEP) return 'not valid JSON'
  if (at >= text.length) return 'the line ends before the JSON value does'
  return `unexpected ${showChar(text, at)} at column ${at + 1}`
}
