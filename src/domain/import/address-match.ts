/**
 * Places a row that has an address and no coordinates by the district's own names
 * (public.address_gazetteer): a grid by its name ("育才社区第30网格"), a back street with its
 * cleaning segment ("瑞丰东巷第3段"), a market, a facility or a construction site is a point precise enough for a grid; a back
 * street without a segment is placed at its middle with a lower confidence; a road or a
 * community alone is not placed (a case there could be in any of dozens of grids) but
 * named, so the dispatcher can click the map there. Longer names win over the names they
 * contain ("玉兰北巷" over "玉兰"), and a community named in the same address settles
 * between places that share a name.
 */

export type GazetteerKind = 'segment' | 'grid' | 'back_street' | 'market' | 'facility' | 'construction_site' | 'road' | 'community'

export interface GazetteerEntry {
  kind: GazetteerKind
  id: number
  name: string
  /** the cleaning segment's sequence number (kind 'segment') */
  seq?: number | null
  lon: number
  lat: number
  community_code?: string | null
  bbox?: [number, number, number, number] | null
}

/** high: a point that names its grid; medium: the middle of a back street that may span grids */
export type AddressConfidence = 'high' | 'medium'

export type AddressMatch =
  | { placed: true; lon: number; lat: number; confidence: AddressConfidence; entry: GazetteerEntry; matched: string }
  | { placed: false; reason: AddressMatchReason; candidates: GazetteerEntry[] }

export const ADDRESS_MATCH_REASONS = {
  empty: '地址为空',
  unknown: '地址中没有本区的后街背巷、路段、市场、设施、道路或社区名称',
  too_coarse: '地址只能定位到道路或社区，无法确定网格；请在地图上点选位置',
  ambiguous: '地址中的地名在本区有多处，无法确定是哪一处；请在地图上点选位置',
  no_such_segment: '该后街背巷没有地址中所写的路段',
} as const
export type AddressMatchReason = keyof typeof ADDRESS_MATCH_REASONS

const PLACEABLE: Partial<Record<GazetteerKind, AddressConfidence>> = {
  segment: 'high',
  grid: 'high',
  market: 'high',
  facility: 'high',
  construction_site: 'high',
  back_street: 'medium',
}

/** Full-width forms, spaces and case do not decide a match (the stored address is unchanged). */
export function matchingForm(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
}

const CHINESE_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** "3", "三", "十二", "二十一" → the number; anything else → null. */
export function parseSegmentNumber(text: string): number | null {
  if (/^[0-9]{1,3}$/.test(text)) return Number(text)
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text)
  if (!match || text === '') return null
  const [, tens, ten, ones] = match
  if (!ten) return tens && !ones ? CHINESE_DIGITS[tens] : null
  return (tens ? CHINESE_DIGITS[tens] : 1) * 10 + (ones ? CHINESE_DIGITS[ones] : 0)
}

const SEGMENT_AFTER_NAME = /^(?:第)?([0-9]{1,3}|[一二两三四五六七八九十]{1,3})(?:段|号路段)/

export interface AddressGazetteer {
  match(address: string): AddressMatch
}

export function buildAddressGazetteer(entries: readonly GazetteerEntry[]): AddressGazetteer {
  const byName = new Map<string, GazetteerEntry[]>()
  const segments = new Map<string, GazetteerEntry>()
  let longest = 0
  for (const entry of entries) {
    const key = matchingForm(entry.name)
    if (key.length < 2) continue
    if (entry.kind === 'segment') {
      segments.set(`${key}#${entry.seq}`, entry)
      continue
    }
    const list = byName.get(key) ?? []
    list.push(entry)
    byName.set(key, list)
    longest = Math.max(longest, key.length)
  }

  /** Every known name in the text, longest first, leaving out names inside a longer match. */
  const namesIn = (text: string): { key: string; start: number }[] => {
    const found: { key: string; start: number }[] = []
    for (let length = Math.min(longest, text.length); length >= 2; length--) {
      for (let start = 0; start + length <= text.length; start++) {
        const key = text.slice(start, start + length)
        if (!byName.has(key)) continue
        const inside = found.some((other) => start >= other.start && start + length <= other.start + other.key.length)
        if (!inside) found.push({ key, start })
      }
    }
    return found
  }

  return {
    match(address) {
      const text = matchingForm(address)
      if (text === '') return { placed: false, reason: 'empty', candidates: [] }
      const names = namesIn(text)
      if (names.length === 0) return { placed: false, reason: 'unknown', candidates: [] }
      const communities = new Set(
        names.flatMap(({ key }) => byName.get(key)!.filter((entry) => entry.kind === 'community').map((entry) => entry.community_code)),
      )
      const inNamedCommunity = (list: GazetteerEntry[]) => {
        if (communities.size === 0 || list.length < 2) return list
        const narrowed = list.filter((entry) => communities.has(entry.community_code ?? null))
        return narrowed.length > 0 ? narrowed : list
      }

      const candidates: GazetteerEntry[] = []
      let missingSegment: GazetteerEntry[] = []
      for (const { key, start } of names) {
        const entries = inNamedCommunity(byName.get(key)!)
        candidates.push(...entries)
        const placeable = entries.filter((entry) => PLACEABLE[entry.kind])
        if (placeable.length === 0) continue
        if (placeable.length > 1) return { placed: false, reason: 'ambiguous', candidates: placeable }
        const [entry] = placeable
        if (entry.kind === 'back_street') {
          const after = SEGMENT_AFTER_NAME.exec(text.slice(start + key.length))
          const seq = after ? parseSegmentNumber(after[1]) : null
          if (after && seq !== null) {
            const segment = segments.get(`${key}#${seq}`)
            if (!segment) {
              missingSegment = [entry]
              continue
            }
            return { placed: true, lon: segment.lon, lat: segment.lat, confidence: 'high', entry: segment, matched: `${entry.name}第${seq}段` }
          }
        }
        return { placed: true, lon: entry.lon, lat: entry.lat, confidence: PLACEABLE[entry.kind]!, entry, matched: entry.name }
      }
      if (missingSegment.length > 0) return { placed: false, reason: 'no_such_segment', candidates: missingSegment }
      return { placed: false, reason: 'too_coarse', candidates }
    },
  }
}
