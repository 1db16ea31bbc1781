import { Empty } from 'antd';
import { WorkTabs } from '../WorkTabs.tsx';

// Placeholder until this part's pages land (issue 14); replaced, never shipped as done.
export function LettersPage() {
  return (
    <WorkTabs>
      <Empty />
    </WorkTabs>
  );
}
export function LetterRoute() {
  return (
    <WorkTabs>
      <Empty />
    </WorkTabs>
  );
}
export function AccountabilityPage() {
  return (
    <WorkTabs>
      <Empty />
    </WorkTabs>
  );
}
export function AccountabilityRoute() {
  return (
    <WorkTabs>
      <Empty />
    </WorkTabs>
  );
}
