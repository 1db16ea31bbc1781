/**
 * Every query key in one place. A key holds everything the answer depends on, so an answer for old
 * filters lands under the old key and can never overwrite the one the page now shows.
 */
export const keys = {
  dashboard: ['dashboard'] as const,
  /** Everything that lists matters (queue pages, petitioner histories, the dashboard's figures). */
  matterLists: ['matters', 'list'] as const,
  queue: (query: Record<string, unknown>) => ['matters', 'list', 'queue', query] as const,
  matter: (id: number) => ['matters', 'detail', id] as const,
  hotIssues: (params: Record<string, unknown>) => ['analytics', 'hot-issues', params] as const,
  /** A statistics answer (volume, indicators, annual) for its parameters. */
  stats: (kind: string, params: Record<string, unknown>) => ['analytics', 'stats', kind, params] as const,
  /** Reference lists (categories, regions, units) and admin lists, by endpoint and query. */
  list: (endpoint: string, query?: Record<string, unknown>) => ['list', endpoint, query ?? {}] as const,
  /** Every reference and admin list: an administrator's change may show in any of them (units, names). */
  allLists: ['list'] as const,
  allPaged: ['paged'] as const,
  paged: (endpoint: string, page: number, q: string) => ['paged', endpoint, page, q] as const,
  assist: (kind: 'routing' | 'category' | 'similar', body: Record<string, unknown>) =>
    ['register', 'assist', kind, body] as const,
  petitionerSearch: (term: string) => ['petitioners', 'search', term] as const,
  petitionerMatters: (petitionerId: number) => ['matters', 'list', 'petitioner', petitionerId] as const,
  units: ['list', '/api/units', {}] as const,
  routingSuggestion: (matterId: number, version: number) =>
    ['routing', 'suggest', matterId, version] as const,
  /** The signed-in user's notices and their unread count. */
  inbox: ['inbox'] as const,
  inboxPage: (query: Record<string, unknown>) => ['inbox', 'page', query] as const,
  unreadCount: ['inbox', 'unread'] as const,
  /** Leaders' instructions: on a matter, or a workbench list. */
  instructions: ['instructions'] as const,
  matterInstructions: (matterId: number) => ['instructions', 'matter', matterId] as const,
  instructionList: (view: string) => ['instructions', 'list', view] as const,
  /** Supervision cards: on a matter, or a workbench list. */
  cards: ['cards'] as const,
  matterCards: (matterId: number) => ['cards', 'matter', matterId] as const,
  cardList: (view: string) => ['cards', 'list', view] as const,
  card: (id: number) => ['cards', 'one', id] as const,
  cardAttachments: (id: number) => ['cards', 'files', id] as const,
  cardCandidates: (unitId: number) => ['cards', 'candidates', unitId] as const,
  /** Follow-ups: on a matter, or those not solved in the supervisor's scope. */
  followUps: ['follow-ups'] as const,
  matterFollowUps: (matterId: number) => ['follow-ups', 'matter', matterId] as const,
  unsolvedFollowUps: ['follow-ups', 'unsolved'] as const,
  /** Owned cases (包案): on a matter, a list, who may be named on one. */
  ownerships: ['ownerships'] as const,
  matterOwnerships: (matterId: number) => ['ownerships', 'matter', matterId] as const,
  ownershipList: (view: string) => ['ownerships', 'list', view] as const,
  ownershipCandidates: (matterId: number, leaderId?: number) =>
    ['ownerships', 'candidates', matterId, leaderId ?? 0] as const,
  publicLookup: (caseNumber: string, queryCode: string) =>
    ['public', 'lookup', caseNumber, queryCode] as const,
};
