/**
 * The demo district (示范区) as plain data: what the generator produces and what the
 * seed writer turns into SQL. Coordinates are WGS84 [lon, lat], rounded to 7 decimals
 * by the generator so that a vertex shared by two polygons is the same number in both.
 */
export type Position = [number, number]
export interface PolygonGeometry {
  type: 'Polygon'
  /** outer ring first (counter-clockwise), then holes (clockwise); every ring closed */
  coordinates: Position[][]
}
export interface LineStringGeometry {
  type: 'LineString'
  coordinates: Position[]
}
export interface PointGeometry {
  type: 'Point'
  coordinates: Position
}

export type LandUse = 'residential' | 'commercial' | 'industrial' | 'public' | 'green' | 'mixed'
export type FacilityKind = 'compactor_station' | 'transfer_station' | 'collection_point' | 'public_toilet'
export type IncidentSource = 'patrol' | 'hotline_12319' | 'public_report' | 'video' | 'drone' | 'superior' | 'media'
export type IncidentStatus =
  | 'reported' // 上报
  | 'accepted' // 受理
  | 'verified' // 核实
  | 'registered' // 立案
  | 'dispatched' // 派遣
  | 'handled' // 处置
  | 'checked' // 核查
  | 'closed' // 结案
  | 'rejected' // 不予立案

export interface DemoDistrict {
  seed: number
  district: { code: string; name: string; geometry: PolygonGeometry }
  streets: { id: number; code: string; name: string; geometry: PolygonGeometry }[]
  communities: { id: number; streetId: number; code: string; name: string; geometry: PolygonGeometry }[]
  grids: {
    id: number
    communityId: number
    /** 15 digits: community code (12) + 3-digit sequence numbered west→east, north→south */
    code: string
    name: string
    geometry: PolygonGeometry
    landUse: LandUse
    /** 1 = key area (重点), 2 = ordinary (一般), 3 = low (简易) */
    managementLevel: 1 | 2 | 3
    responsiblePerson: string
    responsibleBody: string
  }[]
  roads: { id: number; name: string; kind: 'main' | 'secondary'; geometry: LineStringGeometry }[]
  backStreets: { id: number; name: string; streetId: number; geometry: LineStringGeometry }[]
  segments: {
    id: number
    backStreetId: number
    /** 1-based order along the back street */
    seq: number
    geometry: LineStringGeometry
    /** 保洁等级 1 (一级, most frequent) … 3 */
    cleaningGrade: 1 | 2 | 3
  }[]
  markets: { id: number; name: string; geometry: PolygonGeometry; stalls: number; operator: string }[]
  constructionSites: {
    id: number
    name: string
    geometry: PolygonGeometry
    /** ISO dates YYYY-MM-DD */
    permitStart: string
    permitEnd: string
    status: 'active' | 'suspended' | 'completed'
    contractor: string
    hasEnclosure: boolean
    hasWheelWash: boolean
  }[]
  facilities: { id: number; kind: FacilityKind; name: string; geometry: PointGeometry }[]
  /** two per 街道; the area is the communities the team answers for (about half of the street's) */
  teams: { id: number; name: string; streetId: number; areaCommunityIds: number[] }[]
  /** `shift` is the cleaner's home shift */
  cleaners: { id: number; teamId: number; name: string; employeeNo: string; phone: string; shift: 'early' | 'day' | 'late' }[]
  /** one piece of a segment by measure: metres from its start; toM null = to its end */
  assignments: { cleanerId: number; segmentId: number; shift: 'early' | 'day' | 'late'; fromM: number; toM: number | null }[]
  incidents: {
    id: number
    /** stable external id, e.g. "DEMO-2026-000123" */
    externalId: string
    lon: number
    lat: number
    /** a matter code (kind = matter) from the GB/T 47678.5 directory */
    categoryCode: string
    source: IncidentSource
    status: IncidentStatus
    description: string
    /** ISO-8601 with +08:00; null when the case has not reached the stage */
    reportedAt: string
    acceptedAt: string | null
    verifiedAt: string | null
    registeredAt: string | null
    dispatchedAt: string | null
    handledAt: string | null
    checkedAt: string | null
    closedAt: string | null
    /**
     * 返工: the first 处置 and the failed 核查, in seconds after dispatch (so they move with the
     * demo's clock); the stamps above are the second 处置 and what followed. Null: no rework.
     */
    rework: { handledAfterS: number; failedCheckAfterS: number; reasonCode: string } | null
  }[]
}
