/**
 * The names of the volume table's dimensions, shared by the exported tables (analytics/stats-tables.ts)
 * and the statistics page, so a column is called the same on screen and in the spreadsheet.
 *
 * No server-only imports here: the web app bundles this module.
 */
import type { VolumeDimension } from './stats.schema.ts';

export const DIMENSION_LABELS: Record<VolumeDimension, { zh: string; en: string }> = {
  level: { zh: '登记层级', en: 'Level lodged' },
  channel: { zh: '信访渠道', en: 'Channel' },
  purpose: { zh: '信访目的', en: 'Purpose' },
  category1: { zh: '问题分类（一级）', en: 'Category (level 1)' },
  category2: { zh: '问题分类（二级）', en: 'Category (level 2)' },
  category3: { zh: '问题分类（三级）', en: 'Category (level 3)' },
  region: { zh: '地区（下一级）', en: 'Region (next level down)' },
  unit: { zh: '承办单位', en: 'Handling unit' },
  state: { zh: '办理状态', en: 'State' },
  year: { zh: '年度', en: 'Year' },
  month: { zh: '月份', en: 'Month' },
};
