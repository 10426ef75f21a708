/** Placeholder until the panel is written (same commit series); not mounted yet. */
import type { RosterPanelProps } from './panel-props.ts'

export function PeoplePanel(props: RosterPanelProps) {
  void props
  return null
}
