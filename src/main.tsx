import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './i18n/index.ts'
import './app/app.css'
import { App } from './App.tsx'
import { backendConfigFrom, createBackend } from './data/backend.ts'
import { reportDatabase } from './data/boot-progress.ts'

const root = createRoot(document.getElementById('root')!)

createBackend(backendConfigFrom(import.meta.env))
  .then((backend) => {
    root.render(
      <StrictMode>
        <App backend={backend} />
      </StrictMode>,
    )
  })
  .catch((error: unknown) => {
    // Only a missing chunk can fail here (e.g. a redeploy while the page was open).
    reportDatabase({ stage: 'error', error: error instanceof Error ? error.message : String(error) })
    const message = document.createElement('p')
    message.className = 'fatal'
    message.textContent = `应用加载失败，请刷新页面重试：${error instanceof Error ? error.message : String(error)}`
    document.getElementById('root')!.replaceChildren(message)
  })
