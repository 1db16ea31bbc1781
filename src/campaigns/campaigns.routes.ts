import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { contentDisposition, CONTENT_TYPES } from '../analytics/export/table.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { caseCommandRoutes } from '../http/case-command-routes.ts';
import { fileResponse, responses } from '../shared/api.schema.ts';
import {
  AddCampaignMattersInput,
  AssignCampaignOwnerInput,
  BacklogPageSchema,
  BacklogQuery,
  BacklogRuleSchema,
  CampaignAttachmentsSchema,
  CampaignCommentInput,
  CampaignListQuery,
  CampaignListSchema,
  CampaignNoteInput,
  CampaignOwnerCandidatesSchema,
  CampaignProgressSchema,
  CampaignSchema,
  CorrectCampaignOutcomeInput,
  CreateCampaignInput,
  RecordCampaignOutcomeInput,
  RemoveCampaignMatterInput,
} from '../shared/campaign.schema.ts';
import { CaseCommandResultSchema } from '../shared/leadership.schema.ts';
import { idParam } from '../shared/schemas.ts';
import { readBacklogRule, saveBacklogRule } from './backlog-rule.ts';
import { listBacklog } from './backlog.queries.ts';
import {
  addMattersToCampaign,
  assignCampaignOwner,
  closeCampaign,
  commentOnCampaign,
  correctCampaignOutcome,
  createCampaign,
  recordCampaignOutcome,
  removeMatterFromCampaign,
  startCampaign,
  withdrawCampaign,
} from './campaign.commands.ts';
import {
  campaignAttachments,
  campaignOwnerCandidates,
  campaignProgressOf,
  getCampaign,
  listCampaigns,
} from './campaign.queries.ts';
import { campaignReportDocx, campaignReportXlsx, reportTitle } from './campaign.report.ts';

const IdParams = z.object({ id: idParam });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const TAG = 'campaigns';

/** The backlog (积案, computed from the record by a configurable rule) and backlog campaigns (专项治理). */
export function campaignRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const rule = { tags: [TAG], response: responses({ 200: BacklogRuleSchema }) };
  r.get(
    '/api/backlog/rule',
    { schema: { ...rule, summary: '积案认定规则 The backlog rule: open past N days or with M+ repeats' } },
    async (req) => {
      requireStaff(req);
      return readBacklogRule(ctx.db);
    },
  );
  r.put(
    '/api/backlog/rule',
    {
      schema: {
        ...rule,
        summary: '修改积案认定规则 Change the backlog rule (administrators)',
        body: BacklogRuleSchema,
      },
    },
    async (req) => {
      const user = requireStaff(req, 'admin');
      return saveBacklogRule(ctx, { kind: 'staff', userId: user.id, unitId: user.unit.id }, req.body);
    },
  );
  r.get(
    '/api/backlog',
    {
      schema: {
        tags: [TAG],
        summary: '积案清单 The backlog within the user’s data scope, filtered, sorted and paged',
        querystring: BacklogQuery,
        response: responses({ 200: BacklogPageSchema }),
      },
    },
    async (req) => {
      const user = requireStaff(req);
      return listBacklog(ctx.db, user, await readBacklogRule(ctx.db), req.query, ctx.clock());
    },
  );
  r.get(
    '/api/campaigns',
    {
      schema: {
        tags: [TAG],
        querystring: CampaignListQuery,
        response: responses({ 200: CampaignListSchema }),
      },
    },
    async (req) => listCampaigns(ctx, requireStaff(req), req.query),
  );
  r.post(
    '/api/campaigns',
    {
      schema: {
        tags: [TAG],
        summary: '设立积案专项治理 Set up a campaign (draft), optionally with its first matters',
        body: CreateCampaignInput,
        response: responses({ 200: CaseCommandResultSchema }),
      },
    },
    async (req) => createCampaign(ctx, { kind: 'staff', user: requireStaff(req) }, req.body),
  );
  r.get(
    '/api/campaigns/:id',
    { schema: { tags: [TAG], params: IdParams, response: responses({ 200: CampaignSchema }) } },
    async (req) => getCampaign(ctx, requireStaff(req), req.params.id),
  );
  r.get(
    '/api/campaigns/:id/progress',
    {
      schema: {
        tags: [TAG],
        summary: '化解进度 Live progress: resolved share against the target, by unit and by outcome',
        params: IdParams,
        response: responses({ 200: CampaignProgressSchema }),
      },
    },
    async (req) => campaignProgressOf(ctx, requireStaff(req), req.params.id),
  );
  r.get(
    '/api/campaigns/:id/attachments',
    { schema: { tags: [TAG], params: IdParams, response: responses({ 200: CampaignAttachmentsSchema }) } },
    async (req) => campaignAttachments(ctx, requireStaff(req), req.params.id),
  );
  r.get(
    '/api/campaigns/:id/owner-candidates',
    {
      schema: { tags: [TAG], params: IdParams, response: responses({ 200: CampaignOwnerCandidatesSchema }) },
    },
    async (req) => campaignOwnerCandidates(ctx, requireStaff(req), req.params.id),
  );
  r.get(
    '/api/campaigns/:id/report.xlsx',
    {
      schema: {
        tags: [TAG],
        summary: '专项治理报告（XLSX） The campaign report as a workbook',
        params: IdParams,
        response: responses({ 200: fileResponse(CONTENT_TYPES.xlsx, 'The campaign report (XLSX)') }),
      },
    },
    async (req, reply) => {
      const c = await getCampaign(ctx, requireStaff(req), req.params.id);
      const file = await campaignReportXlsx(c, ctx.clock());
      void reply
        .header('content-type', CONTENT_TYPES.xlsx)
        .header(
          'content-disposition',
          contentDisposition(`${reportTitle(c)}.xlsx`, `minsheng-campaign-${c.id}.xlsx`),
        )
        .header('cache-control', 'no-store');
      return file;
    },
  );
  r.get(
    '/api/campaigns/:id/report.docx',
    {
      schema: {
        tags: [TAG],
        summary: '专项治理报告（DOCX） The campaign report in the official layout, editable',
        params: IdParams,
        response: responses({ 200: fileResponse(DOCX, 'The campaign report (DOCX)') }),
      },
    },
    async (req, reply) => {
      const c = await getCampaign(ctx, requireStaff(req), req.params.id);
      const file = await campaignReportDocx(c, c.openerUnitName, ctx.clock());
      void reply
        .header('content-type', DOCX)
        .header(
          'content-disposition',
          contentDisposition(`${reportTitle(c)}.docx`, `minsheng-campaign-${c.id}.docx`),
        )
        .header('cache-control', 'no-store');
      return file;
    },
  );
  const commands = {
    start: { body: CampaignNoteInput, run: startCampaign },
    close: { body: CampaignNoteInput, run: closeCampaign },
    withdraw: { body: CampaignNoteInput, run: withdrawCampaign },
    'add-matters': { body: AddCampaignMattersInput, run: addMattersToCampaign },
    'remove-matter': { body: RemoveCampaignMatterInput, run: removeMatterFromCampaign },
    'assign-owner': { body: AssignCampaignOwnerInput, run: assignCampaignOwner },
    'record-outcome': { body: RecordCampaignOutcomeInput, run: recordCampaignOutcome },
    'correct-outcome': { body: CorrectCampaignOutcomeInput, run: correctCampaignOutcome },
    comment: { body: CampaignCommentInput, run: commentOnCampaign },
  } as const;
  caseCommandRoutes(app, ctx, { base: '/api/campaigns', tag: TAG, commands });
}
