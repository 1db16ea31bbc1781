import type { Channel, MatterState, Purpose, Role } from '../../../src/shared/enums.ts';

export type Badge = 'on_time' | 'warning' | 'overdue';

export interface Unit {
  id: number;
  name: string;
  kind: string;
  level: string;
  regionCode: string;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  unit: Unit;
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt?: string;
}

export interface Region {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

export interface Category {
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode: string | null;
  level: number;
}

export interface QueueDeadline {
  kind: string;
  dueAt: string;
  dueDate: string;
  badge: Badge;
  daysLeft?: number;
}

export interface QueueItem {
  id: number;
  caseNumber: string;
  subject: string;
  channel: Channel;
  purpose: Purpose;
  state: MatterState;
  categoryCode: string | null;
  categoryName: string | null;
  regionCode: string;
  regionName: string | null;
  registeredAt: string;
  receivedAt: string;
  isCollective: boolean;
  headCount: number | null;
  isMisconductReport: boolean;
  deadline: QueueDeadline | null;
}

export interface Page<T> {
  total: number;
  /** The server stops counting at 10,000: the real total is larger. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
  items: T[];
}

export interface MatterPetitioner {
  id: number;
  kind: string;
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
  isRepresentative: boolean;
  masked: boolean;
}

export interface MatterUnit {
  unitId: number;
  name: string;
  role: 'lead' | 'co';
  assignedAt: string;
  signedAt: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
}

export interface Decision {
  id: number;
  kind: 'reply' | 'review' | 'recheck';
  outcome: string;
  facts: string;
  legalBasis: string;
  body: string | null;
  unitId: number | null;
  decidedAt: string;
}

export interface MatterDeadline {
  kind: string;
  main: boolean;
  status: string;
  startsAt: string;
  dueAt: string;
  dueDate: string;
  warnAt: string | null;
  warnedAt: string | null;
  overdueAt: string | null;
}

export interface Attachment {
  id: number;
  filename: string;
  mime_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_at: string;
}

export interface TimelineEntry {
  seq: number;
  kind: string;
  at: string;
  actorKind: string;
  actorName: string | null;
  unitName: string | null;
  public: boolean;
  payload: Record<string, unknown> | null;
}

export interface MatterDetail {
  id: number;
  caseNumber: string;
  queryCode: string;
  channel: Channel;
  purpose: Purpose;
  categoryCode: string | null;
  categoryName: string | null;
  subject: string;
  content: string;
  regionCode: string;
  regionName: string | null;
  lodgedLevel: string | null;
  target: string | null;
  reportedUnitId: number | null;
  reportedUnitName: string | null;
  /** Units whose names match the petitioner's words (`target`), while the reported unit is unconfirmed. */
  reportedUnitSuggestions: { unitId: number; name: string; score: number }[];
  isMisconductReport: boolean;
  headCount: number | null;
  isCollective: boolean;
  state: MatterState;
  version: number;
  receivedAt: string;
  registeredAt: string;
  acceptedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  extensionDays: number | null;
  repeatOfId: number | null;
  handedDownFrom: string | null;
  petitioners: MatterPetitioner[];
  units: MatterUnit[];
  decisions: Decision[];
  ratings: { rating: string; comment: string | null; ratedAt: string }[];
  deadlines: MatterDeadline[];
  currentDeadline: { kind: string; dueAt: string; dueDate: string; badge: Badge } | null;
  attachments: Attachment[];
  timeline: TimelineEntry[];
  allowedActions: string[];
}

export interface RoutingSuggestion {
  action: 'assign' | 'lawful_channel' | 'discipline';
  unitId: number | null;
  unitName: string | null;
  coUnitIds: number[];
  lawfulChannel: string | null;
  reasonZh: string;
  reasonEn: string;
  source: string;
  score: number;
}

export interface CategorySuggestion {
  category: string;
  confidence: number;
  top: { category: string; score: number }[];
  lowConfidence: boolean;
}

export interface SimilarMatter {
  matterId: number;
  caseNumber: string;
  similarity: number;
  sharedWords: string[];
  samePetitioner: boolean;
}

export interface RegisterResult {
  id: number;
  caseNumber: string;
  queryCode: string;
  state: MatterState;
  receivedAt: string;
  acceptanceDueDate: string;
  isCollective: boolean;
  headCount: number | null;
  petitionerIds: number[];
  routingSuggestions: RoutingSuggestion[];
  categorySuggestion: CategorySuggestion | null;
  similarMatters: SimilarMatter[];
}

export interface PetitionerHit {
  id: number;
  name: string;
  idNumber: string | null;
  phone: string | null;
  matterCount: number;
}

export interface PublicReceipt {
  caseNumber: string;
  queryCode: string;
  receivedAt: string;
  acceptanceDueDate: string;
}

export interface PublicLookup {
  caseNumber: string;
  subject: string;
  state: MatterState;
  stateLabel: { zh: string; en: string };
  receivedAt: string;
  timeline: { kind: string; at: string; text_zh: string; text_en: string }[];
  reply: null | {
    outcome: string;
    facts: string;
    legalBasis: string;
    body: string | null;
    decidedAt: string;
    unitName: string | null;
  };
  rating: null | { rating: string; comment?: string | null; ratedAt?: string };
  canRate: boolean;
  canRequestReview: boolean;
  reviewDueDate: string | null;
  canRequestRecheck: boolean;
}
