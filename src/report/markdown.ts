// Markdown pieces shared by the job summaries and check-run summaries: a safe table cell and a link to
// a file's line on a commit. No @actions/* here, so the CLI's gate report can use them.

/** The longest message a table cell shows before cutting it. */
export const MAX_MESSAGE_CHARS = 1000

export interface SourceLink {
  /** `https://github.com` or a GHES host (the runner's GITHUB_SERVER_URL). */
  serverUrl: string
  /** `owner/repo` */
  repository: string
  /** The commit the findings are about: on pull requests the head commit. */
  sha: string
}

/** A table cell: pipes and line breaks would end the cell; `<`/`&` would be read as HTML. */
export function cell(text: string): string {
  const short = text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text
  return short
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>')
}

export function lineUrl(link: SourceLink, path: string, line: number): string {
  const encodedPath = path.split('/').map(encodeURIComponent).join('/')
  return `${link.serverUrl.replace(/\/+$/, '')}/${link.repository}/blob/${link.sha}/${encodedPath}#L${line}`
}
