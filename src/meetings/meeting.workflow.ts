import type {
  AssignmentCommand,
  AssignmentState,
  MeetingCommand,
  MeetingState,
} from '../shared/meeting.schema.ts';
import { defineWorkflow, type Workflow } from '../workflow/workflow.ts';

/**
 * 联席会议 (procedure.md §5): a meeting is scheduled, then held and recorded (attendees, minutes,
 * decisions), or cancelled. A held meeting hands items down to member units and takes files; it is
 * closed once every item is reported and accepted (the command checks that). A comment is lawful in
 * any state.
 */
export const MEETING_WORKFLOW: Workflow<MeetingState, MeetingCommand> & { type: 'meeting' } = {
  ...defineWorkflow<MeetingState, MeetingCommand>({
    type: 'meeting',
    transitions: {
      scheduled: { record: 'held', attach: 'scheduled', cancel: 'cancelled' },
      held: { assign: 'held', attach: 'held', close: 'closed' },
      closed: {},
      cancelled: {},
    },
    actions: { commands: ['comment'] },
    terminal: ['closed', 'cancelled'],
  }),
  type: 'meeting',
};

/**
 * 交办: the member unit reports back; the convener side accepts the report or returns it with a
 * reason and a new date; an item not yet reported can be withdrawn.
 */
export const ASSIGNMENT_WORKFLOW: Workflow<AssignmentState, AssignmentCommand> & {
  type: 'meeting_assignment';
} = {
  ...defineWorkflow<AssignmentState, AssignmentCommand>({
    type: 'meeting_assignment',
    transitions: {
      assigned: { report: 'reported', withdraw: 'withdrawn' },
      reported: { accept: 'accepted', return: 'assigned' },
      accepted: {},
      withdrawn: {},
    },
    actions: { commands: ['comment'] },
    terminal: ['accepted', 'withdrawn'],
  }),
  type: 'meeting_assignment',
};

/** The states in which an item no longer holds its meeting open. */
export const ASSIGNMENT_DONE: readonly AssignmentState[] = ['accepted', 'withdrawn'];
