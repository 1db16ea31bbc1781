import type { WireOf } from '../../../../src/shared/api.schema.ts';
import type {
  AssignmentListSchema,
  AssignmentSchema,
  MeetingBodyListSchema,
  MeetingListSchema,
  MeetingSchema,
} from '../../../../src/shared/meeting.schema.ts';

export type Assignment = WireOf<typeof AssignmentSchema>;
export type AssignmentList = WireOf<typeof AssignmentListSchema>;
export type BodyList = WireOf<typeof MeetingBodyListSchema>;
export type Body = BodyList['items'][number];
export type MeetingList = WireOf<typeof MeetingListSchema>;
export type Meeting = WireOf<typeof MeetingSchema>;

/** Query keys of the meeting pages; every command invalidates them all. */
export const meetingKeys = {
  all: ['meetings'] as const,
  bodies: ['meetings', 'bodies'] as const,
  list: ['meetings', 'list'] as const,
  one: (id: number) => ['meetings', 'one', id] as const,
  mine: ['meetings', 'assignments', 'toMyUnit'] as const,
};
