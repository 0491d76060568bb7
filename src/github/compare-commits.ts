import type { GitHubClient } from './client.js'

/** GitHub lists at most this many changed files of a comparison (on its first page, for the whole comparison). */
export const COMPARE_FILES_CAP = 300

export interface ComparedFile {
  path: string
  status: 'added' | 'modified' | 'removed' | 'renamed'
}

export interface ComparedFiles {
  files: ComparedFile[]
  /** The comparison may list fewer files than changed (GitHub's cap of 300). */
  truncated: boolean
}

const STATUSES: Record<string, ComparedFile['status']> = { added: 'added', removed: 'removed', renamed: 'renamed', copied: 'added' }

/** The files changed between two commits (`base...head`): one request, since GitHub lists files only on the first page. */
export async function compareCommits(client: GitHubClient, request: { owner: string; repo: string; base: string; head: string }): Promise<ComparedFiles> {
  const { data } = await client.rest.repos.compareCommitsWithBasehead({
    owner: request.owner,
    repo: request.repo,
    basehead: `${request.base}...${request.head}`,
    // Commits are what is paginated; one is enough, the files come with the first page regardless.
    per_page: 1
  })
  const files = (data.files ?? []).map((file): ComparedFile => ({ path: file.filename, status: STATUSES[file.status] ?? 'modified' }))
  return { files, truncated: files.length >= COMPARE_FILES_CAP }
}
