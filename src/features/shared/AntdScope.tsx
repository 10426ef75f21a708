/**
 * antd for one workspace: its locale follows the app's language (zh_CN first, en_US for
 * English), its dates are dayjs in the same language, its colours are the app's.
 *
 * Import this only from modules that are loaded lazily (a workspace behind `lazy()`), never
 * from the app shell or the overview's first screen: antd is some hundred KB gzip and the
 * first screen must not carry it (docs/decisions.md, "antd in the 案件 workspace").
 */
import type { ReactNode } from 'react'
import { ConfigProvider, type ThemeConfig } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { useTranslation } from 'react-i18next'

/** The app's own palette and type (src/app/app.css), so antd controls sit in it unnoticed. */
const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorLink: '#1d4ed8',
    borderRadius: 4,
    fontSize: 13,
    fontFamily: "system-ui, -apple-system, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    // A dispatcher's list: 12 px and tight cells, as many cases on screen as can be read.
    Table: {
      headerBg: '#f1f5f9',
      rowHoverBg: '#eff6ff',
      cellFontSizeSM: 12,
      cellPaddingBlockSM: 5,
      cellPaddingInlineSM: 5,
    },
  },
}

/** The antd and dayjs locale of an app language (i18n/index.ts LANGUAGES). */
export function antdLocaleOf(language: string) {
  return language.startsWith('zh') ? { antd: zhCN, dayjs: 'zh-cn' } : { antd: enUS, dayjs: 'en' }
}

export function AntdScope({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation()
  const locale = antdLocaleOf(i18n.language)
  // dayjs keeps one global locale (month and weekday names, the week's first day); the app
  // has one language at a time, so following it here is enough.
  dayjs.locale(locale.dayjs)
  return (
    <ConfigProvider locale={locale.antd} theme={THEME}>
      {children}
    </ConfigProvider>
  )
}
