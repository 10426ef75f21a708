/**
 * A picked file made ready to store (data/attachment-store.ts): its type checked against its
 * first bytes, a photo scaled down in the browser to at most 1600 px on the long side (a
 * phone's 4000 × 3000 photo is too large to send and far larger than 核查 needs), then the
 * size checked. The bytes stay a Blob: the backend's store sends them as base64 into the row
 * or uploads them to Storage. Refusals are reasons (domain/attachments), worded by the component.
 */
import {
  ATTACHMENT_MAX_BYTES,
  IMAGE_TYPES,
  SNIFF_BYTES,
  checkAttachment,
  sniffAttachmentType,
  type AttachmentRefusal,
  type AttachmentType,
} from '../../domain/attachments/attachment-validation.ts'
import { DOWNSCALE_LONG_SIDE, downscaledSize, needsDownscale } from '../../domain/attachments/downscale.ts'

export type PreparedAttachment =
  | { ok: true; name: string; type: AttachmentType; blob: Blob; size: number; scaledFrom: { width: number; height: number } | null }
  | { ok: false; name: string; why: AttachmentRefusal | 'image'; type: string; size: number; message?: string }

const JPEG_QUALITY = 0.85

export async function prepareAttachment(file: File, maxLongSide = DOWNSCALE_LONG_SIDE): Promise<PreparedAttachment> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer())
  // No declared type (a name without extension): the content says it, and is checked anyway.
  const declared = file.type || sniffAttachmentType(head) || ''
  // Type and content first: a photo's size is checked after it is scaled down.
  const typeCheck = checkAttachment({ type: declared, size: Math.min(file.size, 1), head })
  if (!typeCheck.ok) return { ok: false, name: file.name, why: typeCheck.why, type: declared, size: file.size }
  let blob: Blob = file
  let type = typeCheck.type
  let scaledFrom: { width: number; height: number } | null = null
  if (IMAGE_TYPES.includes(typeCheck.type)) {
    try {
      const scaled = await downscaleImage(file, typeCheck.type, maxLongSide)
      if (scaled) {
        blob = scaled.blob
        type = scaled.type
        scaledFrom = scaled.from
      }
    } catch (error) {
      return { ok: false, name: file.name, why: 'image', type: declared, size: file.size, message: error instanceof Error ? error.message : String(error) }
    }
  }
  if (blob.size > ATTACHMENT_MAX_BYTES) return { ok: false, name: file.name, why: 'size', type: declared, size: blob.size }
  return { ok: true, name: file.name, type, blob, size: blob.size, scaledFrom }
}

async function downscaleImage(file: Blob, type: AttachmentType, maxLongSide: number): Promise<{ blob: Blob; type: AttachmentType; from: { width: number; height: number } } | null> {
  const bitmap = await createImageBitmap(file)
  try {
    const from = { width: bitmap.width, height: bitmap.height }
    if (!needsDownscale(from, maxLongSide)) return null
    const to = downscaledSize(from, maxLongSide)
    const canvas = document.createElement('canvas')
    canvas.width = to.width
    canvas.height = to.height
    const context = canvas.getContext('2d')
    if (!context) throw new Error('canvas 2d context unavailable')
    context.imageSmoothingQuality = 'high'
    context.drawImage(bitmap, 0, 0, to.width, to.height)
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, JPEG_QUALITY))
    // A browser that cannot write this type (WebP in some) answers PNG or nothing: keep the type honest.
    if (!blob || blob.type !== type) {
      const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY))
      if (!jpeg) throw new Error('encoding failed')
      return { blob: jpeg, type: 'image/jpeg', from }
    }
    return { blob, type, from }
  } finally {
    bitmap.close()
  }
}
