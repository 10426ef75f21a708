/**
 * A coordinate cell → a number. Besides plain decimals, accepts what people paste: full-width
 * digits, a degree sign or hemisphere letter ("119.92°E"), and degrees-minutes-seconds
 * ("119°55′12.5″"). Anything else is text in a number field.
 */
import { z } from 'zod'

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/
// NFKC has already turned ″ into ′′, hence the two-prime seconds mark.
const DMS = /^(\d{1,3})[°度]\s*(?:(\d{1,2}(?:\.\d+)?)['′分]\s*(?:(\d{1,2}(?:\.\d+)?)(?:["″秒]|''|′′)?)?)?$/

export const coordinateTextSchema = z
  .string()
  .transform((text) => text.normalize('NFKC').replace(/\s+/g, '').replace(/^([+-]?[\d.]+)°?[EeNn东北]$/, '$1').replace(/°$/, ''))
  .pipe(
    z.string().min(1, '坐标为空').transform((text, context) => {
      if (DECIMAL.test(text)) return Number(text)
      const dms = DMS.exec(text)
      if (dms) return Number(dms[1]) + Number(dms[2] ?? 0) / 60 + Number(dms[3] ?? 0) / 3600
      context.addIssue({ code: 'custom', message: 'not_a_number' })
      return z.NEVER
    }),
  )

export type CoordinateParse = { ok: true; value: number } | { ok: false; missing: boolean }

export function parseCoordinate(text: string): CoordinateParse {
  const parsed = coordinateTextSchema.safeParse(text)
  if (parsed.success) return { ok: true, value: parsed.data }
  return { ok: false, missing: parsed.error.issues.some((issue) => issue.message === '坐标为空') }
}

/** China's extent, generously: mainland, Hainan and the South China Sea islands' latitudes. */
export const CHINA_BOUNDS = { minLon: 73, maxLon: 136, minLat: 3, maxLat: 54 } as const

export function inChina(lon: number, lat: number): boolean {
  return lon >= CHINA_BOUNDS.minLon && lon <= CHINA_BOUNDS.maxLon && lat >= CHINA_BOUNDS.minLat && lat <= CHINA_BOUNDS.maxLat
}
