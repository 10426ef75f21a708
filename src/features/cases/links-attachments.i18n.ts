/**
 * Strings of the case link and the attachments (issue 15, items 3 and 6), registered into the
 * 案件 namespace beside i18n.ts so the two parts of the detail can grow apart.
 */
import i18next from 'i18next'
import { CASES_NAMESPACE } from './i18n.ts'

const zhCN = {
  link: {
    copy: '复制链接',
    copied: '已复制案件链接',
    manual: '无法写入剪贴板，请手动复制：',
  },
  attachments: {
    title: '照片与附件',
    stage: { report: '上报', handle: '处置', check: '核查' },
    stageTitle: '{{stage}}照片与附件',
    none: '暂无照片或附件',
    upload: '点击或拖入文件，添加到「{{stage}}」',
    uploadHint: '支持 JPEG、PNG、WebP 图片和 PDF，单个文件不超过 5 MB；图片上传前在浏览器中缩小到长边不超过 {{pixels}} 像素',
    uploading: '正在处理并上传…',
    uploaded: '已添加 {{name}}',
    refused: '未添加 {{name}}：{{reason}}',
    notAllowed: '当前角色不能在「{{stage}}」阶段添加附件（{{roles}}可以）',
    closedCase: '案件已结束，不能再添加附件',
    remove: '删除',
    removeConfirm: '删除附件 {{name}}？',
    removed: '已删除 {{name}}',
    by: '{{name}} · {{time}}',
    compare: '处置前后对比',
    before: '处置前（上报）',
    after: '处置后（处置）',
    noBefore: '上报时没有照片',
    noAfter: '处置时没有照片',
    pdf: 'PDF 文件',
    size: '{{size}}',
    reason: {
      type: '只能上传 JPEG、PNG、WebP 图片或 PDF 文件（收到的类型：{{mime}}）',
      magic: '文件内容不是它声明的类型（{{mime}}），可能已损坏或被改了扩展名',
      size: '文件大小 {{size}}，超过 5 MB 的上限',
      empty: '文件是空的',
      image: '图片无法读取：{{message}}',
    },
  },
}

const en: typeof zhCN = {
  link: {
    copy: 'Copy link',
    copied: 'Case link copied',
    manual: 'Could not write to the clipboard; copy it by hand:',
  },
  attachments: {
    title: 'Photos and files',
    stage: { report: 'Report', handle: 'Handling', check: 'Check' },
    stageTitle: '{{stage}} photos and files',
    none: 'No photos or files yet',
    upload: 'Click or drop files to add them to “{{stage}}”',
    uploadHint: 'JPEG, PNG, WebP images and PDF, up to 5 MB each; images are scaled down in the browser to at most {{pixels}} px on the long side before upload',
    uploading: 'Preparing and uploading…',
    uploaded: 'Added {{name}}',
    refused: '{{name}} not added: {{reason}}',
    notAllowed: 'Your role cannot add files at “{{stage}}” ({{roles}} can)',
    closedCase: 'The case has ended; no more files can be added',
    remove: 'Delete',
    removeConfirm: 'Delete {{name}}?',
    removed: 'Deleted {{name}}',
    by: '{{name}} · {{time}}',
    compare: 'Before and after',
    before: 'Before (report)',
    after: 'After (handling)',
    noBefore: 'No photo at report',
    noAfter: 'No photo at handling',
    pdf: 'PDF file',
    size: '{{size}}',
    reason: {
      type: 'only JPEG, PNG, WebP images or PDF files can be added (got: {{mime}})',
      magic: 'the content is not the declared type ({{mime}}); the file may be damaged or renamed',
      size: 'the file is {{size}}, over the 5 MB limit',
      empty: 'the file is empty',
      image: 'the image cannot be read: {{message}}',
    },
  },
}

function addBundles(): void {
  i18next.addResourceBundle('zh-CN', CASES_NAMESPACE, zhCN, true, false)
  i18next.addResourceBundle('en', CASES_NAMESPACE, en, true, false)
}

if (i18next.isInitialized) addBundles()
else i18next.on('initialized', addBundles)
