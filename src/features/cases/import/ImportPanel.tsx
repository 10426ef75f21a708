/**
 * 导入案件: choose a file → map its columns → check and preview (in the import worker,
 * which also places every row with the trigger's rules, and asks the database which rows it
 * already has) → commit in batches through the Repository. Valid rows are never lost to bad
 * ones; re-importing a file adds nothing twice; before and after the commit the rows read
 * add up to written + already there + refused.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { Progress, Steps, Upload } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useAddressGazetteer, useAreas, useAssignmentReference, useCategoryDirectory, useRepository } from '../../../data/hooks.ts'
import { invalidateAfterWrite } from '../../../data/invalidation.ts'
import { RPC } from '../../../data/rpc.ts'
import { useOperation } from '../../../app/use-operation.ts'
import {
  checkMapping,
  commitBatch,
  completeMapping,
  mappingForPreset,
  mergeIntakeResults,
  overdueOnArrival,
  tallyCommit,
  tallyPreview,
  type ColumnMapping,
  type CoordinateSystem,
  type ImportPreset,
  type RowError,
} from '../../../domain/import/index.ts'
import { buildCategoryTree } from '../../../domain/categories/category-tree.ts'
import type { CasePoint } from '../CaseMap.tsx'
import { CommitTallyView } from './ImportArrivalView.tsx'
import { ImportPreviewView } from './ImportPreviewView.tsx'
import type { CheckProgress, ImportPreview, ManualPoint, OpenedFile } from './import-session.ts'
import { ImportUnplacedView } from './ImportUnplacedView.tsx'
import { checkWithProgress, startImportWorker, type ImportWorker } from './import-worker-client.ts'
import { MappingForm, type MappingChoice } from './MappingForm.tsx'
import { useImportPresets } from './use-import-presets.ts'

const COMMIT_BATCH = 1000
const ACCEPTED_FILES = '.csv,.txt,.xlsx,.geojson,.json'
/** The four steps, in order; the panel's sections carry the same ids to scroll to. */
const STEPS = ['file', 'columns', 'check', 'commit'] as const
const DEMO_FILE = `${import.meta.env.BASE_URL}demo/12319-hotline-demo.csv`

/** A row waiting for the dispatcher to click its location on the map. */
export interface PlaceRequest {
  row: number
  onPlace: (lngLat: [number, number]) => void
  onCancel: () => void
}

export interface ImportPanelProps {
  onPoints: (points: CasePoint[]) => void
  /** asks the map for a click (null: no longer) */
  onPlaceRequest?: (request: PlaceRequest | null) => void
}

interface CommitState {
  done: number
  total: number
  inserted: number
  duplicates: number
  /** content matches left out of the commit */
  skippedContent: number
  /** inserted rows whose deadline had already passed */
  overdue: number
  refused: RowError[]
  finished: boolean
  stopped: boolean
  error: string | null
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

const defaultChoice = (): MappingChoice => ({
  presetId: null,
  mapping: {},
  crs: 'wgs84',
  defaultSource: 'hotline_12319',
  outsideDistrict: 'error',
  categoryAliases: {},
})

export function ImportPanel({ onPoints, onPlaceRequest }: ImportPanelProps) {
  const { t, i18n } = useTranslation('cases')
  const repository = useRepository()
  const client = useQueryClient()
  const reference = useAssignmentReference()
  const gazetteer = useAddressGazetteer()
  const directory = useCategoryDirectory()
  const district = useAreas('district', {})
  const { presets, problems: presetProblems, save } = useImportPresets()
  const worker = useRef<ImportWorker | null>(null)
  const stopCommit = useRef(false)
  const [configured, setConfigured] = useState<string | null>(null)
  const [opening, setOpening] = useState<string | null>(null)
  const [file, setFile] = useState<OpenedFile | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [choice, setChoice] = useState<MappingChoice>(defaultChoice)
  const [progress, setProgress] = useState<CheckProgress | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [checkError, setCheckError] = useState<string | null>(null)
  const [commit, setCommit] = useState<CommitState | null>(null)
  // Rows the database has by content are left out unless the dispatcher says they are new.
  const [writeContentMatches, setWriteContentMatches] = useState(false)
  // Locations chosen on the map for rows that could not be placed otherwise, by file row.
  const [chosen, setChosen] = useState<ReadonlyMap<number, ManualPoint>>(new Map())
  const [placingRow, setPlacingRow] = useState<number | null>(null)
  const placeRequest = useRef(onPlaceRequest)
  useEffect(() => {
    placeRequest.current = onPlaceRequest
  })
  useEffect(() => {
    if (placingRow === null) {
      placeRequest.current?.(null)
      return
    }
    placeRequest.current?.({
      row: placingRow,
      onPlace: ([lon, lat]) => {
        setChosen((current) => new Map(current).set(placingRow, { row: placingRow, lon, lat }))
        setPlacingRow(null)
      },
      onCancel: () => setPlacingRow(null),
    })
  }, [placingRow])
  useEffect(() => () => placeRequest.current?.(null), [])
  // Checking runs in the browser and writes nothing, so every role may check a file (and
  // send the error report back to its source); committing is for the roles the database
  // lets register cases, and says so to everyone else before they start.
  const importing = useOperation('importCases')
  const mayCommit = useRef(importing.available)
  useEffect(() => {
    mayCommit.current = importing.available
  }, [importing.available])

  useEffect(() => {
    const started = startImportWorker()
    worker.current = started
    return () => {
      worker.current = null
      started.terminate()
    }
  }, [])

  const districtGeometry = district.data?.features[0]?.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon | undefined
  useEffect(() => {
    // The place names only add placement by address; if they cannot be read, rows without
    // coordinates are refused as before rather than the import waiting for them.
    if (!reference.data || !directory.data || !districtGeometry || gazetteer.isPending || !worker.current) return
    let live = true
    void worker.current.session
      .configure({
        reference: reference.data,
        directory: directory.data.map((entry) => ({ code: entry.code, name: entry.name, kind: entry.kind })),
        district: districtGeometry,
        gazetteer: gazetteer.data ?? null,
      })
      .then(
        (result) => live && setConfigured(`${result.grids}/${result.segments}`),
        (error: unknown) => live && setCheckError(message(error)),
      )
    return () => {
      live = false
    }
  }, [reference.data, directory.data, districtGeometry, gazetteer.isPending, gazetteer.data])

  // The map shows what a commit would do: rows already there in grey (as closed cases are),
  // rows arriving overdue in the overdue colour, the others as new cases.
  // Locations chosen on the map and not yet checked are shown too, as new cases.
  useEffect(() => {
    if (!preview) return
    const shown = preview.points.map((point): CasePoint => {
      const there = point.existing === 'external_id' || (point.existing === 'content' && !writeContentMatches)
      return { id: point.row, lon: point.lon, lat: point.lat, status: there ? 'closed' : 'reported', overdue: !there && point.overdue }
    })
    const checked = new Set(preview.points.map((point) => point.row))
    for (const point of chosen.values()) {
      if (!checked.has(point.row)) shown.push({ id: point.row, lon: point.lon, lat: point.lat, status: 'reported', overdue: false })
    }
    onPoints(shown)
  }, [preview, writeContentMatches, chosen, onPoints])

  const categoryTree = useMemo(() => buildCategoryTree(directory.data ?? []), [directory.data])
  const departments = useMemo(() => new Map((reference.data?.departments ?? []).map((entry) => [entry.id, entry.name])), [reference.data])
  const mapping: ColumnMapping | null = completeMapping(choice.mapping)
  const mappingProblems = file && mapping ? checkMapping(mapping, file.columns, file.hasGeometries) : []

  const applyPreset = (preset: ImportPreset | null, columns = file?.columns ?? [], hasGeometries = file?.hasGeometries ?? false) => {
    if (!preset) return setChoice((current) => ({ ...current, presetId: null }))
    setChoice({
      presetId: preset.id,
      mapping: mappingForPreset(preset, columns, hasGeometries),
      crs: preset.crs,
      defaultSource: preset.defaultSource,
      outsideDistrict: 'error',
      categoryAliases: preset.categoryAliases,
    })
  }

  const reset = () => {
    setFile(null)
    setPreview(null)
    setCommit(null)
    setWriteContentMatches(false)
    setChosen(new Map())
    setPlacingRow(null)
    setCheckError(null)
    setFileError(null)
    setProgress(null)
    onPoints([])
  }

  const open = async (chosen: File) => {
    if (!worker.current) return
    reset()
    setOpening(chosen.name)
    try {
      const opened = await worker.current.session.open(chosen, chosen.name)
      setFile(opened)
      // A preset whose columns the file has wins over guessing.
      // Else the built-in preset the file resembles (e.g. a 12319 export without coordinate columns).
      const fitting =
        presets.find((preset) => checkMapping(preset.mapping, opened.columns, opened.hasGeometries).length === 0) ??
        presets.find((preset) => preset.id === opened.suggestedPreset)
      if (fitting) applyPreset(fitting, opened.columns, opened.hasGeometries)
      else setChoice({ ...defaultChoice(), mapping: opened.suggested })
    } catch (error) {
      setFileError(message(error))
    } finally {
      setOpening(null)
    }
  }

  const check = async (crs: CoordinateSystem = choice.crs) => {
    if (!worker.current || !mapping) return
    if (crs !== choice.crs) setChoice((current) => ({ ...current, crs }))
    setPreview(null)
    setCommit(null)
    setCheckError(null)
    setPlacingRow(null)
    setProgress({ phase: 'checking', done: 0, total: 1, rowsRead: 0 })
    performance.mark('cases:assign-start')
    try {
      const result = await checkWithProgress(
        worker.current,
        {
          mapping,
          crs,
          defaultSource: choice.defaultSource,
          outsideDistrict: choice.outsideDistrict,
          categoryAliases: choice.categoryAliases,
          manualPoints: [...chosen.values()],
        },
        (next) => setProgress(next),
        (rows) => repository.existingIncidents(rows),
      )
      performance.mark('cases:assign-end')
      performance.measure('cases:assign', 'cases:assign-start', 'cases:assign-end')
      setPreview(result)
    } catch (error) {
      setCheckError(/abort/i.test(message(error)) ? t('import.cancelled') : message(error))
    } finally {
      setProgress(null)
    }
  }

  const runCommit = async () => {
    if (!worker.current || !preview || !mapping || !mayCommit.current) return
    if (tallyPreview(preview, writeContentMatches).toWrite + preview.arrival.existingById === 0) return
    stopCommit.current = false
    const session = worker.current.session
    const total = await session.planCommit(writeContentMatches)
    const state: CommitState = {
      done: 0,
      total,
      inserted: 0,
      duplicates: 0,
      skippedContent: preview.valid - total,
      overdue: 0,
      refused: [],
      finished: false,
      stopped: false,
      error: null,
    }
    setCommit({ ...state })
    performance.mark('cases:commit-start')
    try {
      // One bulk run: persisted every few seconds and at the end, lists refreshed once.
      await repository.bulk(async () => {
        for (let from = 0; from < total; from += COMMIT_BATCH) {
          // Another demo user chosen mid-way: stop rather than have every later row refused.
          if (stopCommit.current || !mayCommit.current) {
            state.stopped = true
            break
          }
          const batch = await session.rows(from, COMMIT_BATCH)
          // A batch refused as a whole is split until the bad row stands alone; a refusal no smaller
          // batch escapes (e.g. lost permission) is reported row by row and the next batch is tried.
          const committed = await commitBatch(batch.rows, (rows) => repository.intakeIncidents(rows))
          const merged = mergeIntakeResults(committed.outcomes, { ok: batch.rows, rowNumbers: batch.rowNumbers }, mapping)
          const now = new Date()
          state.done += batch.rows.length
          state.inserted += merged.inserted
          state.duplicates += merged.duplicates
          state.overdue += merged.placed.filter((placed) => !placed.duplicate && overdueOnArrival(placed.deadlineAt ? new Date(placed.deadlineAt) : null, now)).length
          state.refused.push(...merged.refused)
          setCommit({ ...state })
        }
      })
      state.finished = !state.stopped
      performance.mark('cases:commit-end')
      performance.measure('cases:commit', 'cases:commit-start', 'cases:commit-end')
    } catch (error) {
      state.error = message(error)
    }
    setCommit({ ...state })
    void invalidateAfterWrite(client, RPC.intakeIncidents)
  }

  const downloadErrors = async () => {
    if (!worker.current || !file) return
    download(`${file.name.replace(/\.[^.]+$/, '')}-错误报告.csv`, await worker.current.session.errorReport(commit?.refused ?? []))
  }

  const n = (value: number) => new Intl.NumberFormat(i18n.language).format(value)
  const tally = preview ? tallyPreview(preview, writeContentMatches) : null
  // What a commit sends: rows to write, and rows there by external id for the database to confirm.
  const toSend = tally ? tally.toWrite + tally.alreadyById : 0
  const commitTally =
    preview && commit && (commit.finished || commit.stopped)
      ? tallyCommit(preview, {
          planned: commit.total,
          sent: commit.done,
          inserted: commit.inserted,
          duplicates: commit.duplicates,
          skippedContent: commit.skippedContent,
          refusedByDatabase: commit.refused.length,
          overdueInserted: commit.overdue,
        })
      : null
  const ready = configured !== null
  const referenceError = reference.error ?? directory.error ?? district.error
  // Where the import stands: the step to do next, and whether something stops it there.
  const mappingReady = mapping !== null && mappingProblems.length === 0
  const step = preview ? 3 : file && mappingReady ? 2 : file ? 1 : 0
  const stepFailed = [fileError !== null, file !== null && !mappingReady, checkError !== null, Boolean(commit?.error)][step]
  const stepStatus = stepFailed ? 'error' : commit?.finished ? 'finish' : 'process'
  const percent = (done: number, total: number) => (total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0)

  return (
    <section className="cases-section import-panel" aria-labelledby="import-title" data-testid="import-panel">
      <h2 id="import-title">{t('import.title')}</h2>
      {importing.reason && (
        <p className="access-denied" role="note" data-testid="import-denied">
          {importing.reason}
          <br />
          {t('import.checkOnly')}
        </p>
      )}
      <Steps
        className="import-steps"
        size="small"
        current={step}
        status={stepStatus}
        items={STEPS.map((entry, index) => ({ title: t(`import.steps.${entry}`), disabled: index > step }))}
        // A step reached is a section of this panel: clicking it scrolls there.
        onChange={(index) => document.getElementById(`import-step-${STEPS[index]}`)?.scrollIntoView({ block: 'start', behavior: 'smooth' })}
      />
      <p className="muted">{t('import.intro')}</p>
      <p>
        <a href={DEMO_FILE} download data-testid="import-demo-file">
          {t('import.demoFile')}
        </a>
      </p>
      {referenceError && (
        <p className="form-error" role="alert">
          {t('import.referenceError', { message: referenceError.message })}
        </p>
      )}
      {!ready && !referenceError && <p className="muted">{t('import.notReady')}</p>}
      {presetProblems.map((problem) => (
        <p key={problem} className="form-error">
          {problem}
        </p>
      ))}

      <h3 id="import-step-file">{t('import.step1')}</h3>
      <Upload.Dragger
        className="import-drop"
        accept={ACCEPTED_FILES}
        multiple={false}
        showUploadList={false}
        aria-label={t('import.chooseFile')}
        disabled={!ready || progress !== null || (commit !== null && !commit.finished && !commit.stopped && commit.error === null)}
        // Nothing is uploaded: the file is read in the import worker, here in the browser.
        beforeUpload={(chosen) => {
          void open(chosen)
          return Upload.LIST_IGNORE
        }}
        data-testid="import-file"
      >
        <p className="import-drop-text">{t('import.drop')}</p>
        <p className="import-drop-hint muted">{t('import.dropFormats')}</p>
      </Upload.Dragger>
      {opening && <p className="muted">{t('import.reading', { name: opening })}</p>}
      {fileError && (
        <p className="form-error" role="alert" data-testid="import-file-error">
          {t('import.fileError', { message: fileError })}
        </p>
      )}
      {file && (
        <p className="import-file-info" data-testid="import-file-info">
          {t('import.fileInfo', {
            name: file.name,
            size: `${n(Math.ceil(file.size / 1024))} KB`,
            format: file.format.toUpperCase(),
            encoding: file.encoding ? ` · ${file.encoding.toUpperCase()}` : '',
          })}{' '}
          · {t('import.columns', { count: file.columns.length })}
        </p>
      )}

      {file && (
        <>
          <h3 id="import-step-columns">{t('import.step2')}</h3>
          <MappingForm
            columns={file.columns}
            hasGeometries={file.hasGeometries}
            presets={presets}
            choice={choice}
            onChange={(next) => {
              setChoice(next)
              setPreview(null)
            }}
            onPreset={(preset) => {
              applyPreset(preset)
              setPreview(null)
            }}
            onSavePreset={(name) => {
              if (!mapping) return
              save({
                id: `user-${name}`,
                name,
                description: '',
                mapping,
                crs: choice.crs,
                defaultSource: choice.defaultSource,
                categoryAliases: choice.categoryAliases,
                builtIn: false,
              })
            }}
          />
          {(!mapping || mappingProblems.length > 0) && (
            <p className="form-error" role="alert" data-testid="import-mapping-problem">
              {t('import.mappingProblem', {
                problems: mapping
                  ? mappingProblems.map((problem) => problem.reason).join('；')
                  : (['lon', 'lat', 'category'] as const)
                      .filter((field) => !choice.mapping[field])
                      .map((field) => t(`import.field.${field}`))
                      .join('、'),
              })}
            </p>
          )}

          <h3 id="import-step-check">{t('import.step3')}</h3>
          <div className="import-check">
            <button
              type="button"
              className="primary"
              // Checking places rows with the reference data; until the worker has it, the
              // button waits rather than failing with "not ready".
              disabled={!ready || !mapping || mappingProblems.length > 0 || progress !== null}
              onClick={() => void check()}
              data-testid="import-check"
            >
              {t('import.check')}
            </button>
            {progress && (
              <>
                <Progress className="import-progress-bar" size="small" status="active" percent={percent(progress.done, progress.total)} />
                <span data-testid="import-progress">
                  {t('import.checking', {
                    done: progress.phase === 'reading' ? `${n(Math.round(progress.done / 1024))} KB` : n(progress.done),
                    total: progress.phase === 'reading' ? `${n(Math.round(progress.total / 1024))} KB` : n(progress.total),
                    rows: n(progress.rowsRead),
                  })}
                </span>
                <button type="button" onClick={() => void worker.current?.session.cancel()} data-testid="import-cancel">
                  {t('import.cancel')}
                </button>
              </>
            )}
          </div>
          {checkError && (
            <p className="form-error" role="alert" data-testid="import-check-error">
              {checkError}
            </p>
          )}
          {preview && tally && (
            <ImportPreviewView
              preview={preview}
              tally={tally}
              writeContentMatches={writeContentMatches}
              onWriteContentMatches={setWriteContentMatches}
              choiceLocked={commit !== null && !commit.stopped && commit.error === null}
              departments={departments}
              categories={categoryTree}
              aliases={choice.categoryAliases}
              onAlias={(text, code) =>
                setChoice((current) => {
                  const categoryAliases = { ...current.categoryAliases }
                  if (code) categoryAliases[text] = code
                  else delete categoryAliases[text]
                  return { ...current, presetId: null, categoryAliases }
                })
              }
              onRecheck={() => void check()}
              onRecheckAs={(crs) => void check(crs)}
              onDownloadErrors={() => void downloadErrors()}
            />
          )}
          {preview && (
            <ImportUnplacedView
              unplaced={preview.unplaced}
              unplacedCount={preview.unplacedCount}
              chosen={chosen}
              placingRow={placingRow}
              disabled={progress !== null || (commit !== null && !commit.stopped && commit.error === null)}
              onPlace={(row) => setPlacingRow((current) => (current === row ? null : row))}
              onForget={(row) =>
                setChosen((current) => {
                  const next = new Map(current)
                  next.delete(row)
                  return next
                })
              }
              onRecheck={() => void check()}
            />
          )}

          {preview && (
            <>
              <h3 id="import-step-commit">{t('import.step4')}</h3>
              {preview.valid === 0 && <p className="muted">{t('import.nothingToCommit')}</p>}
              {preview.valid > 0 && (!commit || commit.stopped || commit.error) && (
                <button
                  type="button"
                  className="primary"
                  disabled={!importing.available || toSend === 0}
                  aria-describedby={importing.reason ? 'import-commit-denied' : toSend === 0 ? 'import-nothing-to-write' : undefined}
                  onClick={() => void runCommit()}
                  data-testid="import-commit"
                >
                  {t('import.commit', { write: n(tally?.toWrite ?? 0) })}
                  {(tally?.alreadyById ?? 0) > 0 && t('import.commitConfirms', { there: n(tally?.alreadyById ?? 0) })}
                </button>
              )}
              {preview.valid > 0 && importing.reason && (
                <p className="access-denied" id="import-commit-denied" data-testid="import-commit-denied">
                  {importing.reason}
                </p>
              )}
              {preview.valid > 0 && toSend === 0 && !importing.reason && (
                <p className="muted" id="import-nothing-to-write" data-testid="import-nothing-to-write">
                  {t('import.nothingToWrite')}
                </p>
              )}
              {commit && !commit.finished && !commit.stopped && !commit.error && (
                <div className="import-check">
                  <Progress className="import-progress-bar" size="small" status="active" percent={percent(commit.done, commit.total)} />
                  <span>{t('import.committing', { done: n(commit.done), total: n(commit.total) })}</span>
                  <button type="button" onClick={() => (stopCommit.current = true)}>
                    {t('import.stop')}
                  </button>
                </div>
              )}
              {commit?.finished && (
                <p className="form-ok" role="status" data-testid="import-committed">
                  {t('import.committed', {
                    inserted: n(commit.inserted),
                    overdue: n(commit.overdue),
                    duplicates: n(commit.duplicates),
                    skipped: n(commit.skippedContent),
                    refused: n(commit.refused.length),
                  })}
                </p>
              )}
              {commitTally && <CommitTallyView tally={commitTally} />}
              {commit?.stopped && <p className="muted">{t('import.stopped', { done: n(commit.done), total: n(commit.total) })}</p>}
              {commit?.error && (
                <p className="form-error" role="alert">
                  {t('import.commitError', { message: commit.error })}
                </p>
              )}
              {commit && commit.refused.length > 0 && (
                <button type="button" onClick={() => void downloadErrors()}>
                  {t('import.downloadErrors')}
                </button>
              )}
            </>
          )}
          <p>
            <button type="button" className="link-button" onClick={reset}>
              {t('import.again')}
            </button>
          </p>
        </>
      )}
    </section>
  )
}
