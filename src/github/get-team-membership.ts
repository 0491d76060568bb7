import { errorStatus, type GitHubClient } from './client.js'

/**
 * Whether a user is an active member of a team (`org/team-slug`). 404 means not a member, or a team the
 * token cannot see: GitHub does not tell the two apart. Other errors (403 for a token without
 * organisation read access) are thrown.
 */
export async function isActiveTeamMember(client: GitHubClient, request: { org: string; teamSlug: string; username: string }): Promise<boolean> {
  try {
    const { data } = await client.rest.teams.getMembershipForUserInOrg({ org: request.org, team_slug: request.teamSlug, username: request.username })
    return data.state === 'active'
  } catch (error) {
    if (errorStatus(error) === 404) return false
    throw error
  }
}
