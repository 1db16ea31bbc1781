import type { z } from 'zod';
import { findUnsafeInput, type UnsafeInput } from '../shared/strict-input.ts';
import { AppError, type FieldError } from './app-error.ts';

/** Field names in Chinese for messages; the path's last named segment is looked up. */
const FIELD_ZH: Record<string, string> = {
  // — issue 14 · reception days —
  startsAt: '开始时间',
  endsAt: '结束时间',
  place: '接访地点',
  placeRegionCode: '下访村（社区）',
  topics: '接访内容',
  capacity: '接待人数',
  published: '公开发布',
  matterId: '信访事项',
  sessionId: '接访场次',
  peopleReceived: '接待人数',
  receptionSessionId: '接访场次',
  message: '答复说明',
  number: '预约编号',
  // — issue 14 · backlog and campaigns —
  campaignName: '专项行动名称',
  periodStart: '开始日期',
  periodEnd: '结束日期',
  scopeRegionCode: '治理区域',
  targetPercent: '目标化解率',
  workPlan: '工作方案',
  ageDays: '积案认定天数',
  minRepeats: '重复信访次数',
  minAgeDays: '最短积案天数',
  filter: '积案筛选条件',
  // — issue 14 · joint meetings —
  convenerUnitId: '召集单位',
  convenerLeaderId: '召集人',
  duties: '工作职责',
  representativeIds: '成员单位代表',
  categoryCodes: '负责的问题分类',
  agenda: '会议议程',
  attendeeUnitIds: '出席单位',
  attendeeUserIds: '出席人员',
  minutes: '会议纪要',
  decisions: '议定事项',
  assignments: '交办事项',
  task: '交办任务',
  report: '办理情况报告',
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
  indicator: '指标',
  bureauSignatory: '甲方签字人',
  unitSignatory: '乙方签字人',
  signedOn: '签订日期',
  docNumber: '文号',
  scope: '考核范围',
  failure: '问题',
  talk: '约谈安排',
  participants: '参加人员',
  respondBy: '答复期限',
  response: '答复',
  finding: '审核结论',
  figures: '引用数据',
  frozenScorecardId: '封存的考核结果',
  channel: '渠道',
  purpose: '信访目的',
  categoryCode: '问题分类',
  subject: '标题',
  content: '内容',
  regionCode: '问题属地',
  lodgedLevel: '登记层级',
  target: '被反映对象',
  reportedUnitId: '被反映单位',
  receivedAt: '收到时间',
  headCount: '来访人数',
  petitioners: '信访人',
  name: '姓名',
  idNumber: '身份证号',
  phone: '联系电话',
  address: '地址',
  isRepresentative: '代表',
  decision: '决定',
  leadUnitId: '牵头单位',
  coUnitIds: '配合单位',
  unitId: '单位',
  dueDate: '期限',
  reason: '理由',
  lawfulChannel: '法定途径',
  explanation: '说明',
  intoMatterId: '合并到的事项',
  days: '延期天数',
  outcome: '处理结果',
  facts: '查明事实',
  legalBasis: '依据',
  rating: '评价',
  comment: '评价意见',
  username: '用户名',
  password: '密码',
  page: '页码',
  pageSize: '每页条数',
  caseNumber: '信访件编号',
  queryCode: '查询码',
  docCode: '发文机关代字',
  format: '导出格式',
  targets: '目标值',
  weights: '权重',
  repeatPenalty: '重复信访扣分',
  cardPenalty: '被督办扣分',
  year: '年度',
  // Leadership and supervision (issue 13).
  unitIds: '批示单位',
  answerBy: '答复期限',
  answer: '答复内容',
  demand: '督办要求',
  level: '督办级别',
  matterIds: '督办事项',
  attachmentIds: '附件',
  note: '备注',
  goal: '包案目标',
  problem: '问题',
  leaderId: '包案领导',
  ownerId: '责任人',
  steps: '工作步骤',
  members: '专班成员',
  role: '职责',
  title: '步骤名称',
  progress: '进展',
  status: '状态',
  stepId: '步骤',
  method: '回访方式',
  reached: '是否联系上',
  solved: '问题是否解决',
  opinion: '信访人意见',
  body: '内容',
};

function fieldName(path: PropertyKey[]): { zh: string; en: string } {
  const named = [...path].reverse().find((p) => typeof p === 'string');
  const en = named ?? 'value';
  return { zh: FIELD_ZH[en] ?? en, en };
}

function describe(issue: z.core.$ZodIssue): { zh: string; en: string } {
  const f = fieldName(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { zh: `${f.zh}为必填项`, en: `${f.en} is required` }
        : { zh: `${f.zh}的类型不正确`, en: `${f.en} has the wrong type (expected ${issue.expected})` };
    case 'too_small':
      return issue.origin === 'string'
        ? {
            zh: `${f.zh}至少需要${issue.minimum}个字`,
            en: `${f.en} needs at least ${issue.minimum} characters`,
          }
        : issue.origin === 'array'
          ? { zh: `${f.zh}至少需要${issue.minimum}项`, en: `${f.en} needs at least ${issue.minimum} item(s)` }
          : { zh: `${f.zh}不能小于${issue.minimum}`, en: `${f.en} must be at least ${issue.minimum}` };
    case 'too_big':
      return issue.origin === 'string'
        ? {
            zh: `${f.zh}不能超过${issue.maximum}个字`,
            en: `${f.en} must be at most ${issue.maximum} characters`,
          }
        : issue.origin === 'array'
          ? { zh: `${f.zh}不能超过${issue.maximum}项`, en: `${f.en} allows at most ${issue.maximum} item(s)` }
          : { zh: `${f.zh}不能大于${issue.maximum}`, en: `${f.en} must be at most ${issue.maximum}` };
    case 'not_multiple_of':
      return {
        zh: `${f.zh}须为${issue.divisor}的整数倍`,
        en: `${f.en} must be a multiple of ${issue.divisor}`,
      };
    case 'invalid_value':
      if (issue.input === undefined) return { zh: `${f.zh}为必填项`, en: `${f.en} is required` };
      return { zh: `${f.zh}的取值不在允许范围内`, en: `${f.en} must be one of ${issue.values.join(', ')}` };
    case 'invalid_union':
      return { zh: `${f.zh}的取值不正确`, en: `${f.en} is not valid` };
    case 'invalid_format':
      return issue.format === 'datetime'
        ? {
            zh: `${f.zh}须为带时区的ISO日期时间，如 2026-03-02T09:00:00+08:00`,
            en: `${f.en} must be an ISO date-time with offset, e.g. 2026-03-02T09:00:00+08:00`,
          }
        : { zh: `${f.zh}的格式不正确`, en: `${f.en} has an invalid format` };
    case 'unrecognized_keys':
      return {
        zh: `包含不允许的字段：${issue.keys.join('、')}`,
        en: `unknown field(s): ${issue.keys.join(', ')}`,
      };
    case 'custom':
      switch ((issue.params as { reason?: string } | undefined)?.reason) {
        case 'control_chars':
          return { zh: `${f.zh}包含不允许的控制字符`, en: `${f.en} contains control characters` };
        case 'whitespace':
          return { zh: `${f.zh}不能包含空格`, en: `${f.en} must not contain spaces` };
        case 'no_visible':
          return { zh: `${f.zh}不能只有空白或不可见字符`, en: `${f.en} has no visible characters` };
        case 'not_a_date':
          return { zh: `${f.zh}不是实际存在的日期`, en: `${f.en} is not a real date` };
        case 'date_range':
          return {
            zh: `${f.zh}须在1990年1月1日之后且在合理范围内`,
            en: `${f.en} must be on or after 1990-01-01 and within range`,
          };
        case 'too_deep':
          return { zh: `${f.zh}嵌套层数过多`, en: `${f.en} is nested too deeply` };
        default:
          return { zh: `${f.zh}无效`, en: `${f.en} is not valid` };
      }
    default:
      return { zh: `${f.zh}无效`, en: `${f.en} is not valid` };
  }
}

export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const m = describe(issue);
    return { path: issue.path.map(String).join('.') || '(body)', message_zh: m.zh, message_en: m.en };
  });
}

export function validationError(issues: readonly z.core.$ZodIssue[]): AppError {
  const fields = zodIssuesToFields(issues);
  const first = fields[0];
  return new AppError(
    'validation_failed',
    first ? `输入有误：${first.message_zh}` : '输入有误',
    first ? `Invalid input: ${first.message_en}` : 'Invalid input',
    fields,
  );
}

/** A control character or too deep a nesting, as an issue like any other (errors name the field). */
export function unsafeInputIssue(found: UnsafeInput, prefix: PropertyKey[] = []): z.core.$ZodIssue {
  return {
    code: 'custom',
    path: [...prefix, ...found.path],
    message: found.reason,
    params: { reason: found.reason },
    input: undefined,
  };
}

/** Parses with a schema and throws the bilingual validation error on failure. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const unsafe = findUnsafeInput(input);
  if (unsafe) throw validationError([unsafeInputIssue(unsafe)]);
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error.issues);
  return r.data;
}
