/**
 * A source cell → the database's source value. Exact values first (the database's own codes
 * and a table of common names), then keywords, most specific first ("群众来电" is a phone
 * call to the hotline, not a walk-in report). A blank cell takes the preset's default.
 */
import { INCIDENT_SOURCES, type IncidentSource } from './intake-row.ts'
import { matchKey } from './normalize-text.ts'

export const SOURCE_LABELS: Record<IncidentSource, string> = {
  patrol: '监督员巡查',
  hotline_12319: '12319 热线',
  public_report: '群众上报',
  video: '视频发现',
  drone: '无人机巡查',
  superior: '上级批件',
  media: '媒体曝光',
}

const KEYWORDS: [keyword: string, source: IncidentSource][] = [
  ['12319', 'hotline_12319'],
  ['12345', 'hotline_12319'],
  ['热线', 'hotline_12319'],
  ['来电', 'hotline_12319'],
  ['电话', 'hotline_12319'],
  ['无人机', 'drone'],
  ['视频', 'video'],
  ['监控', 'video'],
  ['智能识别', 'video'],
  ['摄像', 'video'],
  ['巡查', 'patrol'],
  ['巡检', 'patrol'],
  ['监督员', 'patrol'],
  ['网格员', 'patrol'],
  ['上级', 'superior'],
  ['批件', 'superior'],
  ['交办', 'superior'],
  ['督办', 'superior'],
  ['媒体', 'media'],
  ['曝光', 'media'],
  ['舆情', 'media'],
  ['报纸', 'media'],
  ['电视台', 'media'],
  ['群众', 'public_report'],
  ['市民', 'public_report'],
  ['公众', 'public_report'],
  ['随手拍', 'public_report'],
  ['app', 'public_report'],
  ['微信', 'public_report'],
  ['小程序', 'public_report'],
  ['网站', 'public_report'],
]

export type SourceResolution = { ok: true; source: IncidentSource; defaulted: boolean } | { ok: false; reason: string }

export function resolveSource(text: string, defaultSource: IncidentSource): SourceResolution {
  const key = matchKey(text)
  if (key === '') return { ok: true, source: defaultSource, defaulted: true }
  const own = INCIDENT_SOURCES.find((source) => source === key)
  if (own) return { ok: true, source: own, defaulted: false }
  for (const [source, label] of Object.entries(SOURCE_LABELS) as [IncidentSource, string][]) {
    if (matchKey(label) === key) return { ok: true, source, defaulted: false }
  }
  for (const [keyword, source] of KEYWORDS) if (key.includes(keyword)) return { ok: true, source, defaulted: false }
  return {
    ok: false,
    reason: `未知的案件来源“${text.trim()}”：应为 12319 热线、巡查、视频、群众上报、无人机、上级批件或媒体曝光之一`,
  }
}
