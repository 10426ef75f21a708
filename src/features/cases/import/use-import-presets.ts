/**
 * Import presets: the built-in ones and those the user saved, kept in localStorage and
 * checked with the same zod schema as the built-in ones (a damaged entry is dropped and
 * reported, never trusted).
 */
import { useState } from 'react'
import { BUILT_IN_PRESETS, parsePresets, serializePresets, type ImportPreset } from '../../../domain/import/index.ts'

const STORAGE_KEY = 'urbangrid.importPresets'

function loadSaved(): { presets: ImportPreset[]; problems: string[] } {
  try {
    const parsed = parsePresets(localStorage.getItem(STORAGE_KEY))
    return { presets: parsed.presets, problems: parsed.errors }
  } catch {
    return { presets: [], problems: [] }
  }
}

export function useImportPresets() {
  const [saved, setSaved] = useState(loadSaved)
  const all: ImportPreset[] = [...BUILT_IN_PRESETS, ...saved.presets]
  const save = (preset: ImportPreset) => {
    const next = [...saved.presets.filter((entry) => entry.id !== preset.id), { ...preset, builtIn: false }]
    localStorage.setItem(STORAGE_KEY, serializePresets(next))
    setSaved({ presets: next, problems: [] })
  }
  return { presets: all, problems: saved.problems, save }
}
