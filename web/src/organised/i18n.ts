/**
 * Messages of the organised-work pages (issue 14: reception days, backlog campaigns, joint
 * meetings, responsibility letters and accountability). Like workbench.ts they stay out of zh.ts /
 * en.ts, which the public portal loads first; each part keeps its own `{ zh, en }` beside its pages
 * under a top-level key of its own.
 */
import { useWorkbenchI18n } from '../i18n/workbench.ts';
import { workShellMessages } from './shell.i18n.ts';
// — issue 14 · imports of the parts' messages —

const zh = {
  ...workShellMessages.zh,
  // — issue 14 · reception days —
  // — issue 14 · backlog and campaigns —
  // — issue 14 · joint meetings —
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
};
const en: typeof zh = {
  ...workShellMessages.en,
  // — issue 14 · reception days —
  // — issue 14 · backlog and campaigns —
  // — issue 14 · joint meetings —
  // — issue 14 · responsibility letters, frozen scorecards, accountability —
};

/** The workbench's messages with the organised-work pages' own. */
export function useWorkI18n() {
  const i = useWorkbenchI18n();
  return { ...i, m: { ...i.m, ...(i.lang === 'zh' ? zh : en) } };
}
