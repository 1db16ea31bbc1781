import { Empty } from 'antd';
import { WorkTabs } from '../WorkTabs.tsx';

// Placeholder until this part's pages land (issue 14); replaced, never shipped as done.
export function MeetingsPage() {
  return (
    <WorkTabs>
      <Empty />
    </WorkTabs>
  );
}
export function MeetingRoute() {
  return (
    <WorkTabs>
      <Empty />
    </WorkTabs>
  );
}
