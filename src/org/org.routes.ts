import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AdminCategoryList,
  CalendarOverrideSaved,
  CategoryChangeResult,
  CategoryCreated,
  AdminUnitPage,
  AdminUserPage,
  CalendarOverrideList,
  CategoryList,
  IdResult,
  LabelsSchema,
  Ok,
  RegionCreated,
  RegionList,
  responses,
  RoutingRuleList,
  TimeLimitChangeResult,
  TimeLimitList,
  UnitChangeResult,
  UnitList,
  UpdatedUserSchema,
} from '../shared/api.schema.ts';
import type { AppContext } from '../app/context.ts';
import type { Actor } from '../audit/event-log.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { requireStaff } from '../http/auth-hooks.ts';
import { ROLES } from '../shared/enums.ts';
import * as labels from '../shared/labels.ts';
import { id, idParam, isoDate, PageQuery, plain, text, trimmed } from '../shared/schemas.ts';
import {
  admin,
  CalendarOverrideInput,
  CategoryChange,
  CategoryInput,
  RegionInput,
  RoutingRuleInput,
  TimeLimitInput,
  UnitChange,
  UnitInput,
} from './admin.service.ts';
import {
  listAdminCategories,
  listAdminUnits,
  listAdminUsers,
  listCalendarOverrides,
  listCategories,
  listRegions,
  listRoutingRules,
  listUnits,
} from './org.queries.ts';
import { createUser, resetPassword, updateUser } from './users.ts';

const actorOf = (u: StaffUser): Actor => ({ kind: 'staff', userId: u.id, unitId: u.unit.id });

export function orgRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const Code = z.string().regex(/^[0-9]{2,15}$/);

  r.get(
    '/api/regions',
    {
      schema: {
        tags: ['organisation'],
        querystring: z.object({ parent: Code.optional() }),
        response: responses({ 200: RegionList }),
      },
    },
    async (req) => {
      requireStaff(req);
      return listRegions(ctx, req.query.parent);
    },
  );
  r.get(
    '/api/units',
    {
      schema: {
        tags: ['organisation'],
        querystring: z.object({ regionCode: Code.optional(), kind: plain(40).optional() }),
        response: responses({ 200: UnitList }),
      },
    },
    async (req) => {
      requireStaff(req);
      return listUnits(ctx, req.query);
    },
  );
  const categories = { tags: ['organisation'], response: responses({ 200: CategoryList }) };
  r.get('/api/categories', { schema: categories }, async (req) => {
    requireStaff(req);
    return listCategories(ctx);
  });
  const labelsSchema = { tags: ['organisation'], response: responses({ 200: LabelsSchema }) };
  r.get('/api/meta/labels', { schema: labelsSchema }, async () => ({
    states: labels.STATE_LABELS,
    commands: labels.COMMAND_LABELS,
    channels: labels.CHANNEL_LABELS,
    purposes: labels.PURPOSE_LABELS,
    lawfulChannels: labels.LAWFUL_CHANNEL_LABELS,
    ratings: labels.RATING_LABELS,
    outcomes: labels.OUTCOME_LABELS,
    roles: labels.ROLE_LABELS,
  }));

  // Administration (role admin).
  const AdminListQuery = PageQuery.extend({
    q: trimmed(100).optional(),
    active: z.enum(['true', 'false']).optional(),
  });
  r.get(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        querystring: AdminListQuery.extend({ unitId: idParam.optional() }),
        response: responses({ 200: AdminUserPage }),
      },
    },
    async (req) => {
      requireStaff(req, 'admin');
      return listAdminUsers(ctx, req.query);
    },
  );
  r.patch(
    '/api/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ id: idParam }),
        body: z
          .object({
            displayName: text(100).optional(),
            unitId: id.optional(),
            roles: z.array(z.enum(ROLES)).min(1).max(7).optional(),
            active: z.boolean().optional(),
            email: z.email().max(200).nullable().optional(),
          })
          .strict(),
        response: responses({ 200: UpdatedUserSchema }),
      },
    },
    async (req) => updateUser(ctx, actorOf(requireStaff(req, 'admin')), req.params.id, req.body),
  );
  r.post(
    '/api/admin/users/:id/password',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ id: idParam }),
        body: z.object({ password: plain(200, 8) }).strict(),
        response: responses({ 200: Ok }),
      },
    },
    async (req) => resetPassword(ctx, actorOf(requireStaff(req, 'admin')), req.params.id, req.body.password),
  );
  const adminUnits = {
    tags: ['admin'],
    querystring: AdminListQuery,
    response: responses({ 200: AdminUnitPage }),
  };
  r.get('/api/admin/units', { schema: adminUnits }, async (req) => {
    requireStaff(req, 'admin');
    return listAdminUnits(ctx, req.query);
  });
  r.patch(
    '/api/admin/units/:id',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ id: idParam }),
        body: UnitChange,
        response: responses({ 200: UnitChangeResult }),
      },
    },
    async (req) => admin.updateUnit(ctx, actorOf(requireStaff(req, 'admin')), req.params.id, req.body),
  );
  const adminCategories = { tags: ['admin'], response: responses({ 200: AdminCategoryList }) };
  r.get('/api/admin/categories', { schema: adminCategories }, async (req) => {
    requireStaff(req, 'admin');
    return listAdminCategories(ctx);
  });
  r.patch(
    '/api/admin/categories/:code',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ code: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/) }),
        body: CategoryChange,
        response: responses({ 200: CategoryChangeResult }),
      },
    },
    async (req) => admin.updateCategory(ctx, actorOf(requireStaff(req, 'admin')), req.params.code, req.body),
  );
  r.post(
    '/api/admin/users',
    {
      schema: {
        tags: ['admin'],
        body: z.object({
          username: plain(40, 3),
          displayName: text(100),
          password: plain(200, 8),
          unitId: id,
          roles: z.array(z.enum(ROLES)).min(1).max(7),
          email: z.email().max(200).nullable().optional(),
        }),
        response: responses({ 201: IdResult }),
      },
    },
    async (req, reply) => {
      const user = requireStaff(req, 'admin');
      const newId = await createUser(ctx, actorOf(user), req.body);
      void reply.status(201);
      return { id: newId };
    },
  );
  const timeLimits = { tags: ['admin'], response: responses({ 200: TimeLimitList }) };
  r.get('/api/admin/time-limits', { schema: timeLimits }, async (req) => {
    requireStaff(req, 'admin', 'supervisor', 'analyst');
    return { items: await ctx.calendar.limits() };
  });
  r.put(
    '/api/admin/time-limits/:kind',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ kind: plain(40) }),
        body: TimeLimitInput,
        response: responses({ 200: TimeLimitChangeResult }),
      },
    },
    async (req) => admin.updateTimeLimit(ctx, actorOf(requireStaff(req, 'admin')), req.params.kind, req.body),
  );
  const overrides = { tags: ['admin'], response: responses({ 200: CalendarOverrideList }) };
  r.get('/api/admin/calendar-overrides', { schema: overrides }, async (req) => {
    requireStaff(req, 'admin');
    return listCalendarOverrides(ctx);
  });
  r.post(
    '/api/admin/calendar-overrides',
    {
      schema: {
        tags: ['admin'],
        body: CalendarOverrideInput,
        response: responses({ 201: CalendarOverrideSaved }),
      },
    },
    async (req, reply) => {
      const result = await admin.addCalendarOverride(ctx, actorOf(requireStaff(req, 'admin')), req.body);
      void reply.status(201);
      return result;
    },
  );
  r.delete(
    '/api/admin/calendar-overrides/:date',
    { schema: { tags: ['admin'], params: z.object({ date: isoDate }), response: responses({ 200: Ok }) } },
    async (req) => admin.removeCalendarOverride(ctx, actorOf(requireStaff(req, 'admin')), req.params.date),
  );
  const rules = { tags: ['admin'], response: responses({ 200: RoutingRuleList }) };
  r.get('/api/admin/routing-rules', { schema: rules }, async (req) => {
    requireStaff(req, 'admin');
    return listRoutingRules(ctx);
  });
  r.post(
    '/api/admin/routing-rules',
    { schema: { tags: ['admin'], body: RoutingRuleInput, response: responses({ 201: IdResult }) } },
    async (req, reply) => {
      const result = await admin.saveRoutingRule(ctx, actorOf(requireStaff(req, 'admin')), null, req.body);
      void reply.status(201);
      return result;
    },
  );
  r.put(
    '/api/admin/routing-rules/:id',
    {
      schema: {
        tags: ['admin'],
        params: z.object({ id: idParam }),
        body: RoutingRuleInput,
        response: responses({ 200: IdResult }),
      },
    },
    async (req) => admin.saveRoutingRule(ctx, actorOf(requireStaff(req, 'admin')), req.params.id, req.body),
  );
  r.post(
    '/api/admin/units',
    { schema: { tags: ['admin'], body: UnitInput, response: responses({ 201: IdResult }) } },
    async (req, reply) => {
      const result = await admin.createUnit(ctx, actorOf(requireStaff(req, 'admin')), req.body);
      void reply.status(201);
      return result;
    },
  );
  r.post(
    '/api/admin/regions',
    { schema: { tags: ['admin'], body: RegionInput, response: responses({ 201: RegionCreated }) } },
    async (req, reply) => {
      const result = await admin.createRegion(ctx, actorOf(requireStaff(req, 'admin')), req.body);
      void reply.status(201);
      return result;
    },
  );
  r.post(
    '/api/admin/categories',
    { schema: { tags: ['admin'], body: CategoryInput, response: responses({ 201: CategoryCreated }) } },
    async (req, reply) => {
      const result = await admin.createCategory(ctx, actorOf(requireStaff(req, 'admin')), req.body);
      void reply.status(201);
      return result;
    },
  );
}
