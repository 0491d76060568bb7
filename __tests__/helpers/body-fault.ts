// A fault shared by the fake servers: an answer with any status and a raw body (garbage where JSON is
// due, a 1 MB error page, escape sequences), for testing what reaches the user's terminal and files.

import type { ServerResponse } from 'node:http'

export interface BodyFault {
  kind: 'body'
  status: number
  body: string
  contentType?: string
}

export function sendBodyFault(res: ServerResponse, fault: BodyFault): void {
  res.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(fault.body) })
  res.end(fault.body)
}
