/** The rules, in the order their issues are listed. Each is one file; see its header for its definition. */
import { areaTargetRule } from './area-target.rule.ts'
import { badCodeRule } from './bad-code.rule.ts'
import { codePrefixRule } from './code-prefix.rule.ts'
import type { ValidationContext } from './context.ts'
import { duplicateIdRule } from './duplicate-id.rule.ts'
import { gapRule } from './gap.rule.ts'
import { invalidRule } from './invalid.rule.ts'
import { multiParentRule } from './multi-parent.rule.ts'
import { outsideParentRule } from './outside-parent.rule.ts'
import { overlapRule } from './overlap.rule.ts'
import { sliverRule } from './sliver.rule.ts'
import type { GridFeature, GridIssue, GridIssueType } from './types.ts'

export type GridRule = (context: ValidationContext, features: readonly GridFeature[]) => GridIssue[]

export const GRID_RULES: { type: GridIssueType; rule: GridRule }[] = [
  { type: 'invalid', rule: invalidRule },
  { type: 'duplicate-id', rule: duplicateIdRule },
  { type: 'bad-code', rule: badCodeRule },
  { type: 'overlap', rule: overlapRule },
  { type: 'gap', rule: gapRule },
  { type: 'outside-parent', rule: outsideParentRule },
  { type: 'multi-parent', rule: multiParentRule },
  { type: 'code-prefix', rule: codePrefixRule },
  { type: 'sliver', rule: sliverRule },
  { type: 'area-target', rule: areaTargetRule },
]
