// Paths into YAML/JSON data as people read them in messages.

/** `rollback.steps[0]`, `metrics[1].target`, `section-aliases["TL;DR"]`. */
export function formatKeyPath(segments: readonly (string | number)[]): string {
  let out = ''
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`
    else if (/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(s)) out += out === '' ? s : `.${s}`
    else out += `[${JSON.stringify(s)}]`
  }
  return out
}
