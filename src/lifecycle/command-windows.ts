import type { Command } from './state-machine.ts';

/** The deadline rows a window check looks at (kind, open or not, and when it runs out). */
export interface WindowDeadline {
  kind: string;
  main: boolean;
  status: string;
  dueAt: Date;
}

export interface WindowFacts {
  deadlines: readonly WindowDeadline[];
  /** Days of the one extension already granted, or null. */
  extensionDays: number | null;
  now: Date;
}

const openWindow = (f: WindowFacts, kind: string) =>
  f.deadlines.some((d) => d.kind === kind && d.status === 'open' && f.now <= d.dueAt);

/**
 * Whether the time rules let a command run now, beside the state table and the policy: the same
 * checks the command handlers make inside their transaction, so the matter page offers only
 * what the server would accept. A command with no time rule is always open.
 */
export function windowAllows(command: Command, f: WindowFacts): boolean {
  switch (command) {
    case 'close':
      // 条例 §35, §36: the petitioner's 30 days to ask for (second) review run out first.
      return !openWindow(f, 'review_request') && !openWindow(f, 'recheck_request');
    case 'request_review':
      return openWindow(f, 'review_request');
    case 'request_recheck':
      return openWindow(f, 'recheck_request');
    case 'object':
      // 条例 §23: 5 working days to object to an assignment.
      return openWindow(f, 'objection');
    case 'extend':
      // One extension only, of an open handling limit.
      return (
        f.extensionDays === null &&
        f.deadlines.some((d) => d.main && d.status === 'open' && d.kind.startsWith('handling'))
      );
    default:
      return true;
  }
}
