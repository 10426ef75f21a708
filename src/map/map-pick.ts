/** A pickable feature on the map: its layer and its id. */
import type { ThematicSource } from './thematic-layers.ts'

export interface MapPick {
  layer: Exclude<ThematicSource, 'district' | 'selection'>
  id: number
}
