/** The words of 剩余/超期 (case-table-columns.ts) in the UI language, for the table and the export. */
import { useTranslation } from 'react-i18next'
import type { RemainingWords } from './case-table-columns.ts'

export function useRemainingWords(): RemainingWords {
  const { t } = useTranslation('cases')
  return {
    days: (days) => t('list.days', { days }),
    daysHours: (days, hours) => t('list.daysHours', { days, hours }),
    hoursMinutes: (hours, minutes) => t('list.hoursMinutes', { hours, minutes }),
    minutes: (minutes) => t('list.minutes', { minutes }),
    left: (duration) => t('list.left', { duration }),
    late: (duration) => t('list.late', { duration }),
    met: t('list.met'),
    none: '—',
  }
}
