/**
 * The organised-work pages (issue 14), re-exported for the staff routes. They ship in the matter
 * page's chunk (see MatterPage.tsx): another lazy chunk re-splits the shared ones and costs the
 * portal's first load.
 */
export { ReceptionPage } from './reception/ReceptionPage.tsx';
export { BacklogPage, CampaignsPage, CampaignRoute } from './campaigns/CampaignPages.tsx';
export { MeetingsPage, MeetingRoute } from './meetings/MeetingPages.tsx';
export {
  LettersPage,
  LetterRoute,
  AccountabilityPage,
  AccountabilityRoute,
} from './assessment/AssessmentPages.tsx';
