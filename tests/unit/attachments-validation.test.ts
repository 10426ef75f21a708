import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  ATTACHMENT_MAX_BYTES,
  checkAttachment,
  formatFileSize,
  sniffAttachmentType,
} from '../../src/domain/attachments/attachment-validation.ts'
import { downscaledSize, needsDownscale } from '../../src/domain/attachments/downscale.ts'

const bytes = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((pair) => parseInt(pair, 16)))
const text = (value: string) => new TextEncoder().encode(value)

const JPEG = bytes('ffd8ffe000104a4649460001')
const PNG = bytes('89504e470d0a1a0a0000000d')
const WEBP = Uint8Array.from([...text('RIFF'), 0x24, 0, 0, 0, ...text('WEBP')])
const PDF = text('%PDF-1.7\n%âãÏÓ')

describe('sniffAttachmentType', () => {
  it('reads the four types from their first bytes', () => {
    expect(sniffAttachmentType(JPEG)).toBe('image/jpeg')
    expect(sniffAttachmentType(PNG)).toBe('image/png')
    expect(sniffAttachmentType(WEBP)).toBe('image/webp')
    expect(sniffAttachmentType(PDF)).toBe('application/pdf')
  })

  it('knows nothing else: a zip (xlsx/docx), a GIF, a RIFF that is a WAV, text, too few bytes', () => {
    expect(sniffAttachmentType(bytes('504b030414000600'))).toBeNull()
    expect(sniffAttachmentType(text('GIF89a'))).toBeNull()
    expect(sniffAttachmentType(Uint8Array.from([...text('RIFF'), 0, 0, 0, 0, ...text('WAVE')]))).toBeNull()
    expect(sniffAttachmentType(text('hello'))).toBeNull()
    expect(sniffAttachmentType(bytes('ffd8'))).toBeNull()
    expect(sniffAttachmentType(new Uint8Array())).toBeNull()
  })
})

describe('checkAttachment', () => {
  it('passes a file whose bytes are its declared type, up to exactly 5 MB', () => {
    expect(checkAttachment({ type: 'image/jpeg', size: 1000, head: JPEG })).toEqual({ ok: true, type: 'image/jpeg' })
    expect(checkAttachment({ type: 'application/pdf', size: ATTACHMENT_MAX_BYTES, head: PDF })).toEqual({ ok: true, type: 'application/pdf' })
  })

  it('refuses by type, by content, by size and when empty — the reason named', () => {
    expect(checkAttachment({ type: 'image/gif', size: 10, head: text('GIF89a') })).toMatchObject({ ok: false, why: 'type' })
    expect(checkAttachment({ type: '', size: 10, head: PDF })).toMatchObject({ ok: false, why: 'type' })
    // A PDF renamed .jpg, a text file renamed .png.
    expect(checkAttachment({ type: 'image/jpeg', size: 10, head: PDF })).toMatchObject({ ok: false, why: 'magic' })
    expect(checkAttachment({ type: 'image/png', size: 10, head: text('not a png at all') })).toMatchObject({ ok: false, why: 'magic' })
    expect(checkAttachment({ type: 'image/jpeg', size: ATTACHMENT_MAX_BYTES + 1, head: JPEG })).toMatchObject({ ok: false, why: 'size' })
    expect(checkAttachment({ type: 'image/png', size: 0, head: new Uint8Array() })).toMatchObject({ ok: false, why: 'empty' })
  })

  it('formats sizes as an office reads them', () => {
    expect(formatFileSize(900)).toBe('900 B')
    expect(formatFileSize(812 * 1024)).toBe('812 KB')
    expect(formatFileSize(5.3 * 1024 * 1024)).toBe('5.3 MB')
  })
})

describe('downscaledSize', () => {
  it('scales the long side to 1600 and keeps the aspect ratio', () => {
    expect(downscaledSize({ width: 4000, height: 3000 })).toEqual({ width: 1600, height: 1200 })
    expect(downscaledSize({ width: 3024, height: 4032 })).toEqual({ width: 1200, height: 1600 })
    expect(downscaledSize({ width: 1601, height: 1 })).toEqual({ width: 1600, height: 1 })
  })

  it('never enlarges and leaves a small image alone', () => {
    expect(downscaledSize({ width: 800, height: 600 })).toEqual({ width: 800, height: 600 })
    expect(downscaledSize({ width: 1600, height: 1600 })).toEqual({ width: 1600, height: 1600 })
    expect(needsDownscale({ width: 1600, height: 900 })).toBe(false)
    expect(needsDownscale({ width: 1601, height: 900 })).toBe(true)
  })

  it('refuses sizes that are not images', () => {
    expect(() => downscaledSize({ width: 0, height: 10 })).toThrow(RangeError)
    expect(() => downscaledSize({ width: 10, height: 10 }, 0)).toThrow(RangeError)
  })

  it('for any image: long side within the limit, ratio kept to within a pixel, never larger', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: 16, max: 4000 }), (width, height, limit) => {
        const out = downscaledSize({ width, height }, limit)
        expect(Math.max(out.width, out.height)).toBeLessThanOrEqual(Math.max(limit, 0))
        expect(out.width).toBeLessThanOrEqual(width)
        expect(out.height).toBeLessThanOrEqual(height)
        expect(Math.min(out.width, out.height)).toBeGreaterThanOrEqual(1)
        if (needsDownscale({ width, height }, limit)) {
          expect(Math.max(out.width, out.height)).toBe(limit)
          // the short side is the exact ratio, rounded (or the one-pixel floor)
          const exact = (Math.min(width, height) * limit) / Math.max(width, height)
          expect(Math.abs(Math.min(out.width, out.height) - Math.max(1, exact))).toBeLessThanOrEqual(0.5 + 1e-9)
        }
      }),
    )
  })
})

describe('attachment stages', async () => {
  const { attachableStages, attachmentSteps, openAttachmentStages } = await import('../../src/domain/attachments/attachment-stages.ts')

  it('opens 上报 until the case ends, 处置 while dispatched or handled, 核查 once handled', () => {
    expect(openAttachmentStages('registered')).toEqual(['report'])
    expect(openAttachmentStages('dispatched')).toEqual(['report', 'handle'])
    expect(openAttachmentStages('handled')).toEqual(['report', 'handle', 'check'])
    expect(openAttachmentStages('closed')).toEqual([])
    expect(openAttachmentStages('rejected')).toEqual([])
  })

  it('offers each role its own stages, the current one first', () => {
    expect(attachableStages('handled', 'dispatcher')).toEqual(['check', 'report'])
    expect(attachableStages('handled', 'staff')).toEqual(['handle'])
    expect(attachableStages('handled', 'admin')).toEqual(['check', 'handle', 'report'])
    expect(attachableStages('registered', 'staff')).toEqual([])
    expect(attachableStages('handled', 'viewer')).toEqual([])
    expect(attachableStages('handled', null)).toEqual([])
  })

  it('shows a file at the step it came before, else at its stage’s last step, else nowhere yet', () => {
    const entries = [
      { action: 'report', at: '2026-12-01T08:00:00Z' },
      { action: 'dispatch', at: '2026-12-01T09:00:00Z' },
      { action: 'handle', at: '2026-12-01T12:00:00Z' },
      { action: 'check', at: '2026-12-01T13:00:00Z' },
      { action: 'handle', at: '2026-12-01T16:00:00Z' },
    ]
    const files = [
      { stage: 'report' as const, uploaded_at: '2026-12-01T10:00:00Z' },
      { stage: 'handle' as const, uploaded_at: '2026-12-01T11:59:00Z' },
      { stage: 'handle' as const, uploaded_at: '2026-12-01T15:00:00Z' },
      { stage: 'handle' as const, uploaded_at: '2026-12-01T17:00:00Z' },
      { stage: 'check' as const, uploaded_at: '2026-12-01T12:30:00Z' },
    ]
    expect(attachmentSteps(entries, files)).toEqual([0, 2, 4, 4, 3])
    expect(attachmentSteps(entries.slice(0, 2), files)).toEqual([0, -1, -1, -1, -1])
  })
})
