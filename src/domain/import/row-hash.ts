/**
 * An external id for rows that have none, so importing the same file twice finds the first
 * import's cases. It hashes what would be stored (rounded WGS84 location, category, source,
 * time, description), so the same case exported again — even re-ordered or from a re-saved
 * file — gets the same id, while any real change makes a new one.
 */
import type { IntakeRow } from './intake-row.ts'

export const GENERATED_ID_PREFIX = 'sha256:'

export async function contentId(row: Omit<IntakeRow, 'external_id'>): Promise<string> {
  const content = [
    row.lon.toFixed(7),
    row.lat.toFixed(7),
    row.category_code,
    row.source,
    row.reported_at,
    row.description.normalize('NFKC').replace(/\s+/g, ' ').trim(),
  ].join('\u001f')
  // Browsers expose crypto.subtle only on HTTPS or localhost; say so instead of a TypeError.
  if (!globalThis.crypto?.subtle) throw new Error('生成工单编号需要 crypto.subtle：请通过 HTTPS 或 localhost 访问本系统')
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(content))
  const hex = Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
  return GENERATED_ID_PREFIX + hex.slice(0, 40)
}
