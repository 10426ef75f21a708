/**
 * Whether a Polygon / MultiPolygon's coordinates are nested as GeoJSON says (RFC 7946 §3.1.6–7):
 * Polygon = rings of positions, MultiPolygon = polygons of rings of positions, a position = at
 * least two numbers. Files edited by hand or exported by other tools often drop a level
 * ("[[119.9, 32.4], …]" for a Polygon) or flatten the positions ("[119.9, 32.4, 119.95, …]");
 * such a feature has no area anyone can be sure of, so it is skipped with this reason rather
 * than guessed at. Positions holding text or NaN are not a structural problem: the validity
 * check reports them (polygon-validity.ts) and the engine ignores those vertices.
 */
export function coordinateStructureProblem(geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }): string | null {
  const { type, coordinates } = geometry
  const expected = type === 'Polygon' ? '[[[经度, 纬度], …]]（环 → 点 → 经纬度）' : '[[[[经度, 纬度], …]]]（面 → 环 → 点 → 经纬度）'
  const wrong = (where: string, what: string) => `${type} 的坐标嵌套不对：${where}${what}，应为 ${expected}`
  if (!Array.isArray(coordinates)) return wrong('coordinates ', `是${describe(coordinates)}`)
  if (coordinates.length === 0) return `${type} 的坐标为空（没有任何环）`
  const parts: { label: string; rings: unknown }[] =
    type === 'Polygon' ? [{ label: '', rings: coordinates }] : coordinates.map((rings, part) => ({ label: `第 ${part + 1} 个面的`, rings }))
  for (const { label, rings } of parts) {
    if (!Array.isArray(rings)) return wrong(label, `是${describe(rings)}（少了一层）`)
    if (rings.length === 0) return `${type} ${label}坐标为空（没有任何环）`
    for (let ring = 0; ring < rings.length; ring++) {
      const positions: unknown = rings[ring]
      const where = `${label}第 ${ring + 1} 个环`
      if (!Array.isArray(positions)) return wrong(where, `是${describe(positions)}（少了一层）`)
      for (let point = 0; point < positions.length; point++) {
        const position: unknown = positions[point]
        const at = `${where}的第 ${point + 1} 个点`
        if (!Array.isArray(position)) return wrong(at, `是${describe(position)}（少了一层）`)
        if (position.some((value) => Array.isArray(value))) return wrong(at, '是数组的数组（多了一层）')
        if (position.length < 2) return `${type} ${at}只有 ${position.length} 个数，应为 [经度, 纬度]`
      }
    }
  }
  return null
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return '数组'
  if (typeof value === 'number') return `数字 ${value}`
  if (typeof value === 'string') return `文本“${value.length > 20 ? `${value.slice(0, 20)}…` : value}”`
  return typeof value
}
