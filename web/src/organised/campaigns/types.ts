import type { WireOf } from '../../../../src/shared/api.schema.ts';
import type {
  BacklogPageSchema,
  CampaignAttachmentsSchema,
  CampaignListSchema,
  CampaignOwnerCandidatesSchema,
  CampaignSchema,
} from '../../../../src/shared/campaign.schema.ts';

export type BacklogPage = WireOf<typeof BacklogPageSchema>;
export type Campaign = WireOf<typeof CampaignSchema>;
export type CampaignList = WireOf<typeof CampaignListSchema>;
export type CampaignMatter = Campaign['matters'][number];
export type CampaignFiles = WireOf<typeof CampaignAttachmentsSchema>;
export type OwnerCandidates = WireOf<typeof CampaignOwnerCandidatesSchema>;

/** The query keys of these pages: every command makes all of them stale. */
export const campaignKeys = {
  all: ['campaigns'] as const,
  backlog: (q: Record<string, unknown>) => ['campaigns', 'backlog', q] as const,
  rule: ['campaigns', 'rule'] as const,
  list: (state: string) => ['campaigns', 'list', state] as const,
  one: (id: number) => ['campaigns', 'one', id] as const,
  files: (id: number) => ['campaigns', 'files', id] as const,
  owners: (id: number) => ['campaigns', 'owners', id] as const,
};
