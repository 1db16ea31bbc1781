import { Empty } from 'antd';
import { WorkTabs } from '../WorkTabs.tsx';

// Placeholder until this part's pages land (issue 14); replaced, never shipped as done.
export function BacklogPage() {
  return (
    <WorkTabs>
      <Empty />
    </WorkTabs>
  );
}
export function CampaignsPage() {
  return (
    <WorkTabs>
      <Empty />
    </WorkTabs>
  );
}
export function CampaignRoute() {
  return (
    <WorkTabs>
      <Empty />
    </WorkTabs>
  );
}
