/**
 * 视频监控点 of the demo district, derived from what the district already has: one camera at
 * each market and each construction site (the places supervisors watch), and the rest at
 * road junctions (where two named roads meet), spread evenly over the district. No random
 * stream: the same district gives the same cameras, byte for byte.
 */
import type { DemoDistrict, PointGeometry, Position } from './model.ts'

export const CAMERA_TARGET = 300

export interface DemoCamera {
  id: number
  /** GB/T 28181 device code: centre 32100200, industry 00, type 132 (IP camera), network 0, serial */
  code: string
  name: string
  /** azimuth, degrees clockwise from north */
  direction: number
  watches: 'junction' | 'market' | 'site'
  geometry: PointGeometry
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6

/** The mean of a ring's vertices (the closing vertex once): inside the demo's compact polygons. */
function ringCentre(ring: Position[]): Position {
  const open = ring.slice(0, -1)
  const lon = open.reduce((sum, [x]) => sum + x, 0) / open.length
  const lat = open.reduce((sum, [, y]) => sum + y, 0) / open.length
  return [round6(lon), round6(lat)]
}

/** Vertices two different roads share, with the roads' names, in a stable order. */
function junctions(district: DemoDistrict): { at: Position; names: [string, string] }[] {
  const byVertex = new Map<string, { at: Position; names: Set<string> }>()
  for (const road of district.roads) {
    for (const at of road.geometry.coordinates) {
      const key = `${at[0]},${at[1]}`
      const entry = byVertex.get(key) ?? { at, names: new Set<string>() }
      entry.names.add(road.name)
      byVertex.set(key, entry)
    }
  }
  return [...byVertex.values()]
    .filter((entry) => entry.names.size >= 2)
    .map((entry) => ({ at: entry.at, names: [...entry.names].sort().slice(0, 2) as [string, string] }))
    .sort((a, b) => a.at[1] - b.at[1] || a.at[0] - b.at[0])
}

export function buildCameras(district: DemoDistrict): DemoCamera[] {
  const cameras: DemoCamera[] = []
  const add = (watches: DemoCamera['watches'], name: string, at: Position) => {
    const id = cameras.length + 1
    cameras.push({
      id,
      code: `32100200001320${String(id).padStart(6, '0')}`,
      name,
      // Junction cameras face along the roads; the others face their place from the south-west.
      direction: watches === 'junction' ? ((id * 90) % 360) : 45,
      watches,
      geometry: { type: 'Point', coordinates: at },
    })
  }
  for (const market of district.markets) add('market', `${market.name}监控点`, ringCentre(market.geometry.coordinates[0]))
  for (const site of district.constructionSites) add('site', `${site.name}监控点`, ringCentre(site.geometry.coordinates[0]))
  const crossings = junctions(district)
  const wanted = Math.max(0, CAMERA_TARGET - cameras.length)
  const step = crossings.length / Math.max(1, wanted)
  const seen = new Map<string, number>()
  for (let k = 0; k < wanted && k * step < crossings.length; k += 1) {
    const { at, names } = crossings[Math.floor(k * step)]
    const place = `${names[0]}与${names[1]}交叉口`
    // Two roads may meet more than once: each camera's name is its own.
    const n = (seen.get(place) ?? 0) + 1
    seen.set(place, n)
    add('junction', `${place}${n > 1 ? `${n}号` : ''}监控点`, at)
  }
  return cameras
}
