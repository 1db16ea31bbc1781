import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { caseCommandRoutes } from '../http/case-command-routes.ts';
import { multipartBody, withUpload } from '../http/upload.ts';
import { fileResponse, responses } from '../shared/api.schema.ts';
import { CaseCommandResultSchema } from '../shared/leadership.schema.ts';
import {
  AssignInput,
  AssignmentCommentInput,
  AssignmentListQuery,
  AssignmentListSchema,
  AssignmentNoteInput,
  AssignmentSchema,
  BodyCandidatesSchema,
  CancelMeetingInput,
  CreateBodyInput,
  MeetingBodyListSchema,
  MeetingBodySchema,
  MeetingCommentInput,
  MeetingFileSavedSchema,
  MeetingListSchema,
  MeetingNoteInput,
  MeetingSchema,
  RecordMeetingInput,
  ReportAssignmentInput,
  ReturnAssignmentInput,
  ScheduleMeetingInput,
  UpdateBodyInput,
  WithdrawAssignmentInput,
  WorkingGroupInput,
} from '../shared/meeting.schema.ts';
import { idParam } from '../shared/schemas.ts';
import {
  acceptAssignment,
  commentOnAssignment,
  reportAssignment,
  returnAssignment,
  withdrawAssignment,
} from './assignment.commands.ts';
import {
  createMeetingBody,
  dissolveWorkingGroup,
  setWorkingGroup,
  updateMeetingBody,
} from './meeting-body.commands.ts';
import { getMeetingBody, listMeetingBodies, meetingBodyCandidates } from './meeting-body.queries.ts';
import {
  assignFromMeeting,
  attachMeetingFile,
  cancelMeeting,
  closeMeeting,
  commentOnMeeting,
  recordMeeting,
  scheduleMeeting,
} from './meeting.commands.ts';
import {
  getAssignment,
  getMeeting,
  listAssignments,
  listMeetings,
  readMeetingFile,
} from './meeting.queries.ts';

const IdParams = z.object({ id: idParam });
const GroupParams = z.object({ id: idParam, groupId: idParam });
const Saved = z.object({ id: z.number().int(), version: z.number().int() });
const tags = ['meetings'];

/**
 * Joint meetings (联席会议): the standing body of a region, its meetings, and the items they hand
 * down to member units (交办) with a report-back and a deadline.
 */
export function meetingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = (req: Parameters<typeof requireStaff>[0]) => ({
    kind: 'staff' as const,
    user: requireStaff(req),
  });

  r.get(
    '/api/meeting-bodies',
    { schema: { tags, response: responses({ 200: MeetingBodyListSchema }) } },
    async (req) => listMeetingBodies(ctx, requireStaff(req)),
  );
  r.get(
    '/api/meeting-bodies/candidates',
    {
      schema: {
        tags,
        description: 'The units, people and leaders of the user’s region a body may name.',
        response: responses({ 200: BodyCandidatesSchema }),
      },
    },
    async (req) => meetingBodyCandidates(ctx, requireStaff(req)),
  );
  r.post(
    '/api/meeting-bodies',
    { schema: { tags, body: CreateBodyInput, response: responses({ 200: Saved }) } },
    async (req) => createMeetingBody(ctx, staff(req), req.body),
  );
  r.get(
    '/api/meeting-bodies/:id',
    { schema: { tags, params: IdParams, response: responses({ 200: MeetingBodySchema }) } },
    async (req) => getMeetingBody(ctx, requireStaff(req), req.params.id),
  );
  r.put(
    '/api/meeting-bodies/:id',
    { schema: { tags, params: IdParams, body: UpdateBodyInput, response: responses({ 200: Saved }) } },
    async (req) => updateMeetingBody(ctx, staff(req), req.params.id, req.body),
  );
  r.post(
    '/api/meeting-bodies/:id/groups',
    { schema: { tags, params: IdParams, body: WorkingGroupInput, response: responses({ 200: Saved }) } },
    async (req) => setWorkingGroup(ctx, staff(req), req.params.id, null, req.body),
  );
  r.put(
    '/api/meeting-bodies/:id/groups/:groupId',
    { schema: { tags, params: GroupParams, body: WorkingGroupInput, response: responses({ 200: Saved }) } },
    async (req) => setWorkingGroup(ctx, staff(req), req.params.id, req.params.groupId, req.body),
  );
  r.post(
    '/api/meeting-bodies/:id/groups/:groupId/dissolve',
    {
      schema: {
        tags,
        params: GroupParams,
        body: z.object({}).strict().optional(),
        response: responses({ 200: Saved }),
      },
    },
    async (req) => dissolveWorkingGroup(ctx, staff(req), req.params.id, req.params.groupId),
  );
  r.post(
    '/api/meeting-bodies/:id/meetings',
    {
      schema: {
        tags,
        params: IdParams,
        body: ScheduleMeetingInput,
        response: responses({ 200: CaseCommandResultSchema }),
      },
    },
    async (req) => scheduleMeeting(ctx, staff(req), req.params.id, req.body),
  );

  r.get(
    '/api/meetings',
    {
      schema: {
        tags,
        querystring: z.object({ bodyId: idParam.optional() }).strict(),
        response: responses({ 200: MeetingListSchema }),
      },
    },
    async (req) => listMeetings(ctx, requireStaff(req), req.query),
  );
  r.get(
    '/api/meetings/:id',
    { schema: { tags, params: IdParams, response: responses({ 200: MeetingSchema }) } },
    async (req) => getMeeting(ctx, requireStaff(req), req.params.id),
  );
  r.post(
    '/api/meetings/:id/files',
    {
      schema: {
        tags,
        params: IdParams,
        consumes: ['multipart/form-data'],
        body: multipartBody(),
        response: responses({ 201: MeetingFileSavedSchema }),
      },
    },
    async (req, reply) => {
      const user = requireStaff(req);
      const saved = await withUpload(req, ctx.attachments, (upload) =>
        attachMeetingFile(ctx, user, req.params.id, upload),
      );
      void reply.status(201);
      return saved;
    },
  );
  r.get(
    '/api/meetings/:id/files/:fileId',
    {
      schema: {
        tags,
        params: z.object({ id: idParam, fileId: idParam }),
        response: responses({ 200: fileResponse('application/octet-stream', 'The file as uploaded') }),
      },
    },
    async (req, reply) => {
      const { meta, bytes } = await readMeetingFile(ctx, requireStaff(req), req.params.id, req.params.fileId);
      void reply
        .header('content-type', meta.mime_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
        .header('x-content-type-options', 'nosniff');
      return bytes;
    },
  );
  caseCommandRoutes(app, ctx, {
    base: '/api/meetings',
    tag: 'meetings',
    commands: {
      record: { body: RecordMeetingInput, run: recordMeeting },
      assign: { body: AssignInput, run: assignFromMeeting },
      close: { body: MeetingNoteInput, run: closeMeeting },
      cancel: { body: CancelMeetingInput, run: cancelMeeting },
      comment: { body: MeetingCommentInput, run: commentOnMeeting },
    },
  });

  r.get(
    '/api/meeting-assignments',
    {
      schema: { tags, querystring: AssignmentListQuery, response: responses({ 200: AssignmentListSchema }) },
    },
    async (req) => listAssignments(ctx, requireStaff(req), req.query),
  );
  r.get(
    '/api/meeting-assignments/:id',
    { schema: { tags, params: IdParams, response: responses({ 200: AssignmentSchema }) } },
    async (req) => getAssignment(ctx, requireStaff(req), req.params.id),
  );
  caseCommandRoutes(app, ctx, {
    base: '/api/meeting-assignments',
    tag: 'meetings',
    commands: {
      report: { body: ReportAssignmentInput, run: reportAssignment },
      accept: { body: AssignmentNoteInput, run: acceptAssignment },
      return: { body: ReturnAssignmentInput, run: returnAssignment },
      withdraw: { body: WithdrawAssignmentInput, run: withdrawAssignment },
      comment: { body: AssignmentCommentInput, run: commentOnAssignment },
    },
  });
}
