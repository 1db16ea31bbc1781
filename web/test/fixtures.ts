import type { MatterDetail, Session } from '../../src/shared/api.schema.ts';

/** A matter as GET /api/matters/:id answers it; tests override what they are about. */
export function matterDetail(over: Partial<MatterDetail> = {}): MatterDetail {
  return {
    id: 42,
    caseNumber: 'XF440305-2026-000042',
    queryCode: 'K7Q2-M9PX',
    channel: 'web',
    purpose: 'request',
    categoryCode: null,
    categoryName: null,
    subject: '小区电梯停运两个月无人维修',
    content: '电梯自两个月前停运至今，老人上下楼困难。',
    regionCode: '440305',
    regionName: '南山区',
    lodgedLevel: null,
    target: null,
    reportedUnitId: null,
    reportedUnitName: null,
    reportedUnitSuggestions: [],
    isMisconductReport: false,
    headCount: null,
    isCollective: false,
    state: 'in_handling',
    version: 3,
    receivedAt: '2026-11-02T02:00:00.000Z',
    registeredAt: '2026-11-02T02:00:00.000Z',
    acceptedAt: '2026-11-03T02:00:00.000Z',
    repliedAt: null,
    closedAt: null,
    extensionDays: null,
    repeatOfId: null,
    handedDownFrom: null,
    petitioners: [
      {
        id: 7,
        kind: 'person',
        name: '王小明',
        idNumber: null,
        phone: '138****8000',
        address: null,
        isRepresentative: false,
        masked: true,
      },
    ],
    units: [],
    decisions: [],
    ratings: [],
    deadlines: [],
    currentDeadline: null,
    attachments: [],
    timeline: [],
    allowedActions: [],
    ...over,
  };
}

/** The session GET /api/auth/me answers for a handler of the housing bureau. */
export const HANDLER_SESSION: Session = {
  csrfToken: 'test-csrf',
  user: {
    id: 5,
    username: 'officer',
    displayName: '住建局经办人',
    roles: ['officer'],
    unit: { id: 3, name: '深圳市住房和建设局', kind: 'department', level: 'city', regionCode: '440300' },
  },
};
