/**
 * Messages of the organised-work pages (issue 14: reception days, backlog campaigns, joint
 * meetings, responsibility letters and accountability). Like workbench.ts they stay out of zh.ts /
 * en.ts, which the public portal loads first; each part keeps its own `{ zh, en }` beside its pages
 * under a top-level key of its own.
 */
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { workShellMessages } from './shell.i18n.ts';
// — issue 14 · imports of the parts' messages —
import { campaignMessages } from './campaigns/campaigns.i18n.ts';
import { assessmentMessages } from './assessment/assessment.i18n.ts';
import { meetingMessages } from './meetings/meetings.i18n.ts';
import { receptionMessages } from './reception/reception.i18n.ts';

const zh = {
  ...workShellMessages.zh,
  // — issue 14 · reception days —
  ...receptionMessages.zh,
  // — issue 14 · backlog and campaigns —
  ...campaignMessages.zh,
  // — issue 14 · joint meetings —
  ...meetingMessages.zh,
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
  ...assessmentMessages.zh,
};
const en: typeof zh = {
  ...workShellMessages.en,
  // — issue 14 · reception days —
  ...receptionMessages.en,
  // — issue 14 · backlog and campaigns —
  ...campaignMessages.en,
  // — issue 14 · joint meetings —
  ...meetingMessages.en,
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
  ...assessmentMessages.en,
};

/** The workbench's messages with the organised-work pages' own. */
export function useWorkI18n() {
  const i = useWorkbenchI18n();
  return { ...i, m: { ...i.m, ...(i.lang === 'zh' ? zh : en) } };
}
