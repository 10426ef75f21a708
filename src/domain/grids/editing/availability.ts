/**
 * Whether each operation can be offered for the current selection, and if not why (iD's
 * operations do the same): the UI greys the button and shows the reason.
 */
import { neighbours } from './delete-grid.ts'
import { topologicalUnion } from './topological-union.ts'
import type { Availability, GridSet } from './types.ts'

const AVAILABLE: Availability = { available: true }
const no = (reason: string): Availability => ({ available: false, reason })

export function splitAvailability(selection: readonly string[]): Availability {
  if (selection.length === 0) return no('先选择一个网格')
  if (selection.length > 1) return no('拆分时只能选择一个网格')
  return AVAILABLE
}

export function mergeAvailability(grids: GridSet, selection: readonly string[]): Availability {
  if (selection.length < 2) return no('至少选择两个相邻的网格')
  const selected = selection.map((code) => grids.get(code))
  if (selected.some((grid) => !grid)) return no('所选网格不在当前编辑范围内')
  if (new Set(selected.map((grid) => grid!.communityCode)).size > 1) return no('只能合并相邻且属于同一社区的网格')
  if (!topologicalUnion(selected.map((grid) => grid!.geometry)).ok) return no('只能合并相邻且属于同一社区的网格')
  return AVAILABLE
}

export function deleteAvailability(grids: GridSet, selection: readonly string[]): Availability {
  if (selection.length === 0) return no('先选择一个网格')
  if (selection.length > 1) return no('一次只能删除一个网格')
  const grid = grids.get(selection[0])
  if (!grid) return no('所选网格不在当前编辑范围内')
  const sameCommunity = neighbours(grids, grid.code).filter((n) => grids.get(n.code)?.communityCode === grid.communityCode)
  if (sameCommunity.length === 0) return no('该网格在本社区内没有相邻网格，删除会留下空白')
  return AVAILABLE
}

export function renumberAvailability(grids: GridSet, communityCode: string | null): Availability {
  if (!communityCode) return no('先选择一个社区')
  if (![...grids.values()].some((grid) => grid.communityCode === communityCode)) return no('该社区没有网格')
  return AVAILABLE
}

export function drawAvailability(communityCode: string | null): Availability {
  return communityCode ? AVAILABLE : no('先选择要绘制网格的社区')
}
