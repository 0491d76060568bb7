// The one postmortem model every mode reads. Produced by parsePostmortem(); never built by hand elsewhere.

/** 1-based line and column in the original file (after BOM removal, CRLF counted as one line break). */
export interface Position {
  line: number
  column: number
}

export type MetadataKey = 'date' | 'severity' | 'owners' | 'traces' | 'ndjson' | 'pagerduty' | 'status'

export const METADATA_KEYS: readonly MetadataKey[] = [
  'date',
  'severity',
  'owners',
  'traces',
  'ndjson',
  'pagerduty',
  'status'
]

/** A metadata value as written, with where it was written. */
export interface MetadataField {
  key: MetadataKey
  /** The value text, trimmed; '' when the key is present but empty. */
  raw: string
  position: Position
  source: 'list' | 'frontmatter'
}

export interface Severity {
  raw: string
  /** Canonical label from the configured levels, e.g. 'Sev1'; undefined when not a known level. */
  label?: string
  /** 1-based rank among the configured levels (1 = most severe); undefined when unknown. */
  rank?: number
}

export interface Owner {
  raw: string
  /** '@maria.chen' → 'maria.chen'; a plain name keeps its spelling. */
  name: string
  isHandle: boolean
}

export interface Metadata {
  fields: Partial<Record<MetadataKey, MetadataField>>
  /** Parsed `Date`: YYYY-MM-DD when the raw value is a real calendar date. */
  date?: string
  severity?: Severity
  owners: Owner[]
  /** Owners text that did not parse as a list of handles or names. */
  ownersInvalid: string[]
  traces: string[]
  ndjson: string[]
  pagerduty: string[]
  /** Lower-cased `Status` value, e.g. 'draft'. */
  status?: string
}

export interface Heading {
  text: string
  depth: number
  position: Position
}

export interface Section {
  heading: Heading
  /** The template name this heading stands for ('Action Items'), after aliases; undefined when not a template section. */
  canonical?: string
  /** Last line of the section's content (inclusive); equals heading line when empty. */
  endLine: number
  /** True when nothing but blank lines and comments follow the heading before the next section. */
  empty: boolean
}

export interface Timestamp {
  raw: string
  /** YYYY-MM-DD */
  date: string
  /** HH:MM or HH:MM:SS; undefined for date-only entries. */
  time?: string
  /** Zone as written ('UTC', 'Z', '+02:00', 'CET'); undefined when none was given. */
  zone?: string
  /** Milliseconds since the epoch, using the zone (or UTC when none is known); undefined when the date/time is not real. */
  epochMs?: number
  /**
   * True when the date was carried over from an earlier entry because the entry only gave a time, or the
   * year because it only gave a day (`May 12`).
   */
  dateInferred: boolean
  /**
   * The zone `epochMs` was computed in: the entry's own, else the timeline's statement ("All times in PST"),
   * else the zone the last entry that named one named. Undefined when none was known (UTC was assumed).
   */
  effectiveZone?: string
}

export interface TimelineEntry {
  form: 'list' | 'table' | 'heading'
  text: string
  timestamp?: Timestamp
  position: Position
}

export interface ActionItem {
  /** 'task' for `- [ ]`/`- [x]` items; 'plain' for bullets without a checkbox (an error under PM007). */
  kind: 'task' | 'plain'
  checked: boolean
  /** The whole item text after the checkbox, as written on its first line(s). */
  raw: string
  summary: string
  owner?: Owner
  ownerRaw?: string
  /** YYYY-MM-DD as written; check `dueValid` for whether it is a real date. */
  due?: string
  dueValid: boolean
  /** A ticket reference after the due date: `[ENG-123](https://…)`, `ENG-123` or a URL. */
  ticket?: { id?: string; url?: string; raw: string }
  /** Number of `::`-separated fields found; 3 or 4 when well formed. */
  fieldCount: number
  position: Position
}

export interface ParseProblem {
  message: string
  position: Position
  /** The problem depends on the machine (a parse that ran out of time), not only on the content: do not cache it. */
  transient?: boolean
  /**
   * The file was not read into the model (unreadable bytes, too large or too complex, out of time): its
   * metadata and action items are unknown, not absent, and a check that depends on them must not pass.
   */
  incomplete?: boolean
}

export interface Postmortem {
  /** Path as given to the parser (repository-relative where possible). */
  path: string
  /** The first heading of the document, whatever its depth. */
  title?: Heading & { id?: string; name?: string }
  metadata: Metadata
  /** Level-2 sections (plus setext level-2), in document order. */
  sections: Section[]
  timeline: TimelineEntry[]
  actionItems: ActionItem[]
  /** Rule ids silenced by `<!-- reliability-loop-disable PMxxx -->`. */
  disabledRules: string[]
  /** Lines of the document (BOM removed, line endings stripped), for rules that scan text. */
  lines: string[]
  /** Lines that are inside fenced/indented code or HTML comments: rules that scan text skip them. */
  ignoredLines: ReadonlySet<number>
  /** Problems that stopped part of the parse (malformed front matter, binary content, invalid UTF-8). */
  problems: ParseProblem[]
}
