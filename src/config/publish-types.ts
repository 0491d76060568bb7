// The resolved `publish:` settings (src/config/publish.ts builds them). No imports, so config/types.ts can
// name PublishConfig without an import cycle.

export const PUBLISH_CHANNELS = ['confluence', 'email', 'slack'] as const
export type PublishChannel = (typeof PUBLISH_CHANNELS)[number]

export interface ConfluenceSettings {
  pageId?: string
  space?: string
  parentId?: string
  /** With `{period}` still in it. */
  title: string
  labels: string[]
}

export interface EmailSettings {
  to: string[]
  cc: string[]
  from: string
}

export interface SlackSettings {
  /** With `{period}` still in it. */
  packetUrl?: string
}

/** `publish:` resolved. A channel is configured when its key is present. */
export interface PublishConfig {
  confluence?: ConfluenceSettings
  email?: EmailSettings
  slack?: SlackSettings
  record: string
}
