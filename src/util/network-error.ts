// A request that never reached the service (nothing listening, no such host, a reset) is said in words
// with the place it tried, `connection refused (127.0.0.1:8443)`, instead of the `500` Octokit gives
// every network failure or undici's `fetch failed`.

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  CERT_HAS_EXPIRED: 'TLS certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS certificate not trusted (self-signed)',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS certificate not trusted (self-signed in chain)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS certificate is for another host'
}

/** Codes of failures where the request was surely not sent. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

interface SystemErrorLike {
  code?: unknown
  address?: unknown
  port?: unknown
  hostname?: unknown
  host?: unknown
  cause?: unknown
  errors?: unknown
}

function placeOf(e: SystemErrorLike): string | undefined {
  if (typeof e.address === 'string') return typeof e.port === 'number' || typeof e.port === 'string' ? `${e.address}:${e.port}` : e.address
  if (typeof e.hostname === 'string') return e.hostname
  if (typeof e.host === 'string') return e.host
  // Several addresses tried at once (IPv6 and IPv4): the first one says where.
  const [first] = Array.isArray(e.errors) ? (e.errors as unknown[]) : []
  return first !== null && typeof first === 'object' ? placeOf(first as SystemErrorLike) : undefined
}

/** The network failure somewhere in the error's `cause` chain, with its code: `{ code, text }`, or undefined. */
export function networkFailure(error: unknown, fallbackPlace?: string): { code: string; text: string } | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 6 && current !== null && typeof current === 'object'; depth++) {
    const e = current as SystemErrorLike
    const code = typeof e.code === 'string' ? e.code : undefined
    const description = code !== undefined ? DESCRIPTIONS[code] : undefined
    if (code !== undefined && description !== undefined) {
      const place = placeOf(e) ?? fallbackPlace
      return { code, text: `${description}${place !== undefined ? ` (${place})` : ''}` }
    }
    current = e.cause
  }
  return undefined
}
