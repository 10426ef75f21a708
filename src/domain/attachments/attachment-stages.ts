/**
 * Who may attach at which stage and while the case is where, as the database decides
 * (private.attachment_roles / attachment_statuses in
 * supabase/migrations/20261208000300_case_attachments.sql): the desk at 上报 and 核查, the
 * handling unit at 处置, an admin anywhere; nothing once a case is closed or rejected.
 * The UI offers only what would pass; the database checks again.
 */

export const ATTACHMENT_STAGES = ['report', 'handle', 'check'] as const
export type AttachmentStage = (typeof ATTACHMENT_STAGES)[number]

export const ATTACHMENT_STAGE_ROLES: Readonly<Record<AttachmentStage, readonly string[]>> = {
  report: ['dispatcher', 'admin'],
  handle: ['staff', 'admin'],
  check: ['dispatcher', 'admin'],
}

export const ATTACHMENT_STAGE_STATUSES: Readonly<Record<AttachmentStage, readonly string[]>> = {
  report: ['reported', 'accepted', 'verified', 'registered', 'dispatched', 'handled', 'checked'],
  handle: ['dispatched', 'handled'],
  check: ['handled', 'checked'],
}

/** The stages the case's state leaves open, whoever asks. */
export function openAttachmentStages(status: string): AttachmentStage[] {
  return ATTACHMENT_STAGES.filter((stage) => ATTACHMENT_STAGE_STATUSES[stage].includes(status))
}

/** The stages this role may attach to now, the case's current stage first. */
export function attachableStages(status: string, role: string | null): AttachmentStage[] {
  if (role === null) return []
  return openAttachmentStages(status)
    .filter((stage) => ATTACHMENT_STAGE_ROLES[stage].includes(role))
    .reverse()
}

export interface StepEntry {
  action: string
  at: string | null
}

export interface StagedFile {
  stage: AttachmentStage
  uploaded_at: string
}

/**
 * The timeline entry an attachment shows at: its stage's step that it came before (a photo is
 * added, then 处置 is submitted), else that stage's last step (added afterwards), else none
 * (the step has not happened yet: the file waits with the upload control). A 返工 round has
 * a second 处置 step; a photo of the second round shows there, not at the first.
 * Returns, per attachment, the index of the entry or -1.
 */
export function attachmentSteps(entries: readonly StepEntry[], files: readonly StagedFile[]): number[] {
  return files.map((file) => {
    const steps = entries.flatMap((entry, index) => (entry.action === file.stage && entry.at ? [{ index, at: Date.parse(entry.at) }] : []))
    if (steps.length === 0) return -1
    if (file.stage === 'report') return steps[0].index
    const uploaded = Date.parse(file.uploaded_at)
    const next = steps.find((step) => step.at >= uploaded)
    return (next ?? steps[steps.length - 1]).index
  })
}
