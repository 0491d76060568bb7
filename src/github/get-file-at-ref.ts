import { errorStatus, type GitHubClient } from './client.js'

export interface FileAtRefRequest {
  owner: string
  repo: string
  path: string
  /** A commit SHA, branch or tag. */
  ref: string
}

/**
 * A file's text at a commit, through the contents API (raw media type, files up to 100 MB); undefined
 * when the file does not exist there. Other errors (403, 5xx after retries) are thrown: a caller must
 * not mistake "could not read" for "not there".
 */
export async function getFileAtRef(client: GitHubClient, request: FileAtRefRequest): Promise<string | undefined> {
  try {
    const { data } = await client.rest.repos.getContent({
      owner: request.owner,
      repo: request.repo,
      path: request.path,
      ref: request.ref,
      mediaType: { format: 'raw' }
    })
    if (typeof data === 'string') return data
    // A directory (or a symlink/submodule entry) answers with JSON even for the raw media type.
    throw new Error(`${request.path} at ${request.ref} is not a file`)
  } catch (error) {
    if (errorStatus(error) === 404) return undefined
    throw error
  }
}
