// The packet as JSON for other tools: the same content as the markdown, one stable shape (`version`).

import type { ReviewPacket } from './packet.js'

export const REVIEW_JSON_VERSION = 1

export function renderPacketJson(packet: ReviewPacket): string {
  return `${JSON.stringify({ version: REVIEW_JSON_VERSION, ...packet }, null, 2)}\n`
}
