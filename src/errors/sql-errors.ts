import { AppError } from './app-error.ts';

/** Foreign keys a request can name wrongly, and the input field each one checks. */
const FOREIGN_KEY_FIELDS: Record<string, { path: string; zh: string; en: string }> = {
  matters_region_code_fkey: { path: 'regionCode', zh: '问题属地（行政区划代码）', en: 'region code' },
  matters_category_code_fkey: { path: 'categoryCode', zh: '问题分类', en: 'category' },
  matters_reported_unit_id_fkey: { path: 'reportedUnitId', zh: '被反映单位', en: 'reported unit' },
  units_region_code_fkey: { path: 'regionCode', zh: '行政区划', en: 'region' },
  unit_remits_region_code_fkey: { path: 'remits', zh: '职责区划', en: 'remit region' },
  unit_remits_category_code_fkey: { path: 'remits', zh: '职责分类', en: 'remit category' },
  routing_rules_category_code_fkey: { path: 'categoryCode', zh: '分类', en: 'category' },
  routing_rules_unit_id_fkey: { path: 'unitId', zh: '单位', en: 'unit' },
  regions_parent_code_fkey: { path: 'parentCode', zh: '上级区划', en: 'parent region' },
  users_unit_id_fkey: { path: 'unitId', zh: '单位', en: 'unit' },
};

/** Translates the SQLSTATEs a bad request can cause into domain errors; anything else stays unknown. */
export function translateDatabaseError(err: unknown): AppError | null {
  if (typeof err !== 'object' || err === null || !('code' in err)) return null;
  const code = String(err.code);
  const raw = (err as { constraint?: unknown }).constraint;
  const constraint = typeof raw === 'string' ? raw : '';
  switch (code) {
    case '23505':
      return new AppError('conflict', '记录已存在', 'The record already exists', [], { constraint });
    case '23503': {
      const field = FOREIGN_KEY_FIELDS[constraint];
      return new AppError(
        'validation_failed',
        field ? `输入有误：${field.zh}不存在` : '引用的记录不存在',
        field ? `Invalid input: unknown ${field.en}` : 'A referenced record does not exist',
        field
          ? [{ path: field.path, message_zh: `${field.zh}不存在`, message_en: `unknown ${field.en}` }]
          : [],
        { constraint },
      );
    }
    case '23514':
    case '22001':
    case '22P02':
    case '22007':
    case '22008':
      return new AppError('validation_failed', '输入值不符合要求', 'An input value is out of range', [], {
        constraint,
      });
    case '40001':
    case '40P01':
      return new AppError('conflict', '并发冲突，请重试', 'Concurrent update, please retry');
    default:
      return null;
  }
}
