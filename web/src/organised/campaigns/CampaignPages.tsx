/** The backlog and campaign pages (issue 14 item 2), under the names the staff routes import. */
export { BacklogPage } from './BacklogPage.tsx';
export { CampaignsPage } from './CampaignsPage.tsx';
export { CampaignRoute } from './CampaignPage.tsx';
