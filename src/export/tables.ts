// The warehouse schema: four tables and the state table, one definition for every warehouse. Columns are
// only ever added (a warehouse table missing a column gets it; nothing is dropped or retyped), so a newer
// reliability-loop never breaks the dashboards built on an older one. Every row carries the repository and
// the repository file it came from (`source`), so one dataset can hold many repositories, and a file that
// changes replaces exactly its own rows.

export type ColumnType = 'STRING' | 'INTEGER' | 'FLOAT' | 'BOOLEAN' | 'TIMESTAMP' | 'DATE' | 'JSON'

export interface Column {
  name: string
  type: ColumnType
  description: string
  /** Never null in a valid row. */
  required?: boolean
}

export type TableName = 'audit_scores' | 'incidents' | 'action_items' | 'experiments'

export interface TableDefinition {
  name: TableName
  description: string
  columns: readonly Column[]
  /**
   * A daily snapshot table: a changed file replaces its rows of the export day only, and earlier days stay
   * (the backlog over time).
   */
  snapshotColumn?: string
}

const common: readonly Column[] = [
  { name: 'record_id', type: 'STRING', required: true, description: 'Stable key of the row (SHA-256 of what identifies it); rows are merged on it.' },
  { name: 'repository', type: 'STRING', required: true, description: 'owner/name of the repository the row comes from.' },
  { name: 'source', type: 'STRING', required: true, description: 'Repository-relative path of the file the row comes from.' }
]

export const TABLES: readonly TableDefinition[] = [
  {
    name: 'audit_scores',
    description: 'One row per audited transcript, rubric dimension and scorer (reliability/audits/<YYYY-MM>.ndjson).',
    columns: [
      ...common,
      { name: 'period', type: 'STRING', required: true, description: 'Audit period, YYYY-MM.' },
      { name: 'transcript', type: 'STRING', required: true, description: 'Repository-relative path of the transcript.' },
      { name: 'content_sha256', type: 'STRING', required: true, description: 'SHA-256 of the transcript content that was scored.' },
      { name: 'stratum', type: 'STRING', required: true, description: 'random (the unbiased sample: use it for trends) or flagged (added on top).' },
      { name: 'scorer', type: 'STRING', required: true, description: 'rules, llm or human.' },
      { name: 'model', type: 'STRING', description: 'The judge model, for the llm scorer.' },
      { name: 'dimension', type: 'STRING', required: true, description: 'Rubric dimension.' },
      { name: 'score', type: 'FLOAT', description: 'Score on the dimension\'s scale; null when scoring failed.' },
      { name: 'score_normalised', type: 'FLOAT', description: 'Score mapped to 0..1 (1-5 scales: (score-1)/4), so dimensions chart together.' },
      { name: 'pass', type: 'BOOLEAN', description: 'Score at or above the dimension\'s threshold (false when scoring failed; null when the dimension is no longer in the rubric).' },
      { name: 'reason', type: 'STRING', description: 'Why: the rule, the model\'s reason or the reviewer\'s note.' },
      { name: 'rubric_version', type: 'STRING', required: true, description: 'Rubric version the score was given under.' },
      { name: 'seed', type: 'STRING', description: 'Sampling seed of the audit run.' },
      { name: 'scored_at', type: 'TIMESTAMP', description: 'When the score was given (UTC).' }
    ]
  },
  {
    name: 'incidents',
    description: 'One row per incident timeline (review.incidents.paths), as its last record describes it.',
    columns: [
      ...common,
      { name: 'incident_id', type: 'STRING', required: true, description: 'The incident id (e.g. INC-1014).' },
      { name: 'severity', type: 'STRING', description: 'Severity label as recorded.' },
      { name: 'status', type: 'STRING', description: 'Status of the last record.' },
      { name: 'resolved', type: 'BOOLEAN', description: 'The status is one of review.incidents.resolved-statuses.' },
      { name: 'title', type: 'STRING', description: 'Incident title.' },
      { name: 'started_at', type: 'TIMESTAMP', description: 'Start (UTC).' },
      { name: 'detected_at', type: 'TIMESTAMP', description: 'Detection (UTC), when known.' },
      { name: 'resolved_at', type: 'TIMESTAMP', description: 'Resolution (UTC), when known.' },
      { name: 'postmortem_id', type: 'STRING', description: 'The postmortem the incident names, when it names one.' }
    ]
  },
  {
    name: 'action_items',
    description: 'A snapshot, per export day, of every postmortem action item (the backlog over time).',
    snapshotColumn: 'snapshot_date',
    columns: [
      ...common,
      { name: 'snapshot_date', type: 'DATE', required: true, description: 'The export day (UTC) this row describes.' },
      { name: 'postmortem_id', type: 'STRING', required: true, description: 'PM-<id> of the postmortem.' },
      { name: 'item_key', type: 'STRING', required: true, description: 'Stable key of the item (the one sync uses).' },
      { name: 'summary', type: 'STRING', description: 'What is to be done.' },
      { name: 'owner', type: 'STRING', description: 'Owner as written, without @.' },
      { name: 'due', type: 'DATE', description: 'Due date, when a real date.' },
      { name: 'is_open', type: 'BOOLEAN', required: true, description: 'The checkbox is not ticked.' },
      { name: 'ticket', type: 'STRING', description: 'Ticket reference written beside the item (id or URL).' },
      { name: 'overdue', type: 'BOOLEAN', required: true, description: 'Open and due before the snapshot date.' },
      { name: 'severity', type: 'STRING', description: 'Severity of the postmortem.' }
    ]
  },
  {
    name: 'experiments',
    description: 'One row per experiment doc (docs/experiments/).',
    columns: [
      ...common,
      { name: 'experiment_id', type: 'STRING', required: true, description: 'Experiment id.' },
      { name: 'name', type: 'STRING', description: 'Experiment name.' },
      { name: 'owner', type: 'STRING', description: 'Owner.' },
      { name: 'status', type: 'STRING', description: 'proposed, running, concluded, rolled-back or abandoned.' },
      { name: 'change_type', type: 'STRING', description: 'prompt, tool, model or policy.' },
      { name: 'change_ref', type: 'STRING', description: 'What changes (prompt version, commit, model id).' },
      { name: 'outcome', type: 'STRING', description: 'Outcome once concluded.' },
      { name: 'metrics', type: 'JSON', description: 'Metrics with baseline and target, and results, as JSON.' },
      { name: 'created', type: 'DATE', description: 'Created (YYYY-MM-DD).' },
      { name: 'concluded', type: 'DATE', description: 'Concluded (YYYY-MM-DD).' }
    ]
  }
]

/** Where the export keeps what it has sent: one row per table and source file, with the file's fingerprint. */
export const STATE_TABLE = '_reliability_loop_state'
export const STATE_COLUMNS: readonly Column[] = [
  { name: 'table_name', type: 'STRING', required: true, description: 'The exported table.' },
  { name: 'repository', type: 'STRING', required: true, description: 'owner/name.' },
  { name: 'source', type: 'STRING', required: true, description: 'Repository-relative file.' },
  { name: 'fingerprint', type: 'STRING', required: true, description: 'SHA-256 of what was exported from the file (its rows).' },
  { name: 'row_count', type: 'INTEGER', required: true, description: 'Rows exported from the file.' },
  { name: 'exported_at', type: 'TIMESTAMP', required: true, description: 'When (UTC).' }
]

export function tableDefinition(name: TableName): TableDefinition {
  const table = TABLES.find((t) => t.name === name)
  if (table === undefined) throw new Error(`unknown table ${name}`)
  return table
}

export type Row = Record<string, string | number | boolean | null>
