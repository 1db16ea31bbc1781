import type {
  RequestCommand,
  RequestState,
  SessionCommand,
  SessionState,
} from '../shared/reception.schema.ts';
import { defineWorkflow, type Workflow } from '../workflow/workflow.ts';

/**
 * A reception session (procedure.md §5, 领导接访日): scheduled, then recorded once held (people
 * received, outcome) or cancelled. A comment is lawful in any state.
 */
export const SESSION_WORKFLOW: Workflow<SessionState, SessionCommand> & { type: 'reception_session' } = {
  ...defineWorkflow<SessionState, SessionCommand>({
    type: 'reception_session',
    transitions: {
      scheduled: { record: 'held', cancel: 'cancelled' },
      held: {},
      cancelled: {},
    },
    actions: { commands: ['comment'] },
    terminal: ['held', 'cancelled'],
  }),
  type: 'reception_session',
};

/**
 * A petitioner's appointment request from the portal: the bureau confirms it, proposes another
 * published session (the petitioner accepts or declines) or declines it with a reason; a confirmed
 * appointment whose session must move is offered another slot the same way. The petitioner may
 * cancel, a confirmed slot too, which frees the place for another.
 */
export const REQUEST_WORKFLOW: Workflow<RequestState, RequestCommand> & { type: 'appointment_request' } = {
  ...defineWorkflow<RequestState, RequestCommand>({
    type: 'appointment_request',
    transitions: {
      requested: { confirm: 'confirmed', propose: 'proposed', decline: 'declined', cancel: 'cancelled' },
      proposed: { accept: 'confirmed', decline: 'declined', cancel: 'cancelled' },
      confirmed: { propose: 'proposed', cancel: 'cancelled' },
      declined: {},
      cancelled: {},
    },
    actions: { commands: ['comment'] },
    terminal: ['declined', 'cancelled'],
  }),
  type: 'appointment_request',
};
