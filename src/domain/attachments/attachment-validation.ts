/**
 * What a case attachment may be, checked in the browser before anything is sent (the
 * database checks the same again: supabase/migrations/20261208000300_case_attachments.sql).
 * JPEG, PNG, WebP images and PDF only, at most 5 MB, and the declared type must be what the
 * first bytes say: a renamed .exe or a PDF called .jpg is refused by its content.
 */

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number]

export const IMAGE_TYPES: readonly AttachmentType[] = ['image/jpeg', 'image/png', 'image/webp']

/** Why a file is refused (iD-style reasons as constants, worded by the UI). */
export const ATTACHMENT_REFUSAL = {
  type: 'type',
  magic: 'magic',
  size: 'size',
  empty: 'empty',
} as const
export type AttachmentRefusal = (typeof ATTACHMENT_REFUSAL)[keyof typeof ATTACHMENT_REFUSAL]

/** How many leading bytes sniffAttachmentType needs. */
export const SNIFF_BYTES = 12

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((value, index) => bytes[at + index] === value)

/** The type the first bytes say, or null when they are none of the four. */
export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  // "RIFF" <size> "WEBP"
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'
  // "%PDF-"
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'
  return null
}

export function isAttachmentType(value: string): value is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(value)
}

export interface AttachmentCandidate {
  /** the browser's declared type (from the extension); may be '' */
  type: string
  size: number
  /** the file's first bytes (at least SNIFF_BYTES when the file has them) */
  head: Uint8Array
}

export type AttachmentCheck = { ok: true; type: AttachmentType } | { ok: false; why: AttachmentRefusal; type: string }

/**
 * Checks a file as picked. Type first (a spreadsheet is refused as a spreadsheet, whatever
 * its size), then the content against the type, then the size.
 */
export function checkAttachment(file: AttachmentCandidate): AttachmentCheck {
  if (file.size === 0) return { ok: false, why: 'empty', type: file.type }
  if (!isAttachmentType(file.type)) return { ok: false, why: 'type', type: file.type }
  if (sniffAttachmentType(file.head) !== file.type) return { ok: false, why: 'magic', type: file.type }
  if (file.size > ATTACHMENT_MAX_BYTES) return { ok: false, why: 'size', type: file.type }
  return { ok: true, type: file.type }
}

/** The size as an office reads it: 812 KB, 5.3 MB. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
