/** A pickable feature on the map: the kind of data it is (a layer part's `kind`) and its id. */
export interface MapPick {
  layer: string
  id: number
}
