import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { acceptedMatter, seedOrg, TEST_PASSWORD, type Org } from '../helpers/fixtures.ts';
import { describeEachDb } from '../helpers/test-context.ts';

interface FieldErrors {
  error: {
    code: string;
    message_zh: string;
    fields: { path: string; message_zh: string; message_en: string }[];
  };
}

describeEachDb('joint meetings over HTTP', (env) => {
  let app: FastifyInstance;
  let org: Org;
  const sessions: Record<string, { cookie: string; csrf: string }> = {};
  const call = async (
    username: string,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    if (!sessions[username]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      sessions[username] = {
        cookie: String(res.headers['set-cookie']).split(';')[0]!,
        csrf: res.json<{ csrfToken: string }>().csrfToken,
      };
    }
    const s = sessions[username];
    return app.inject({
      method,
      url,
      ...(payload !== undefined ? { payload: payload as object } : {}),
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers },
    });
  };

  beforeAll(async () => {
    org = await seedOrg(env().ctx);
    app = await buildApp(env().ctx, { rateLimit: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('sets up a body, records a meeting with a file, refuses a non-member field by field, closes when done', async () => {
    const { ctx, clock } = env();
    clock.set('2026-03-02T01:00:00Z');
    const body = await call('supervisor', 'POST', '/api/meeting-bodies', {
      name: '南山区信访工作联席会议',
      convenerLeaderId: org.users.leader.id,
      members: [
        { unitId: org.units.housing, representativeIds: [org.users.head.id] },
        { unitId: org.units.street },
      ],
    });
    expect(body.statusCode).toBe(200);
    const bodyId = body.json<{ id: number }>().id;
    const candidates = await call('supervisor', 'GET', '/api/meeting-bodies/candidates');
    expect(candidates.statusCode).toBe(200);
    expect(candidates.json<{ leaders: { id: number }[] }>().leaders.map((l) => l.id)).toContain(
      org.users.leader.id,
    );
    expect((await call('officer', 'GET', '/api/meeting-bodies/candidates')).statusCode).toBe(403);

    const scheduled = await call('supervisor', 'POST', `/api/meeting-bodies/${bodyId}/meetings`, {
      title: '第一次全体会议',
      startsAt: '2026-03-02T00:30:00Z',
      place: '区行政中心',
      agenda: '研究电梯问题',
    });
    expect(scheduled.statusCode).toBe(200);
    const meetingId = scheduled.json<{ id: number }>().id;
    const matter = await acceptedMatter(ctx, org, org.units.housing);

    const bad = await call('supervisor', 'POST', `/api/meetings/${meetingId}/record`, {
      attendeeUnitIds: [org.units.bureau],
      minutes: '会议纪要',
      assignments: [
        { unitId: org.units.housing, task: '维修电梯', dueDate: '2026-03-16', matterId: matter.id },
        { unitId: org.units.labour, task: '研究', dueDate: '2026-03-16' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    const err = bad.json<FieldErrors>().error;
    expect(err.fields[0]).toMatchObject({ path: 'assignments.1.unitId' });
    expect(err.fields[0]!.message_zh).toContain('不是本联席会议的成员单位');
    expect(err.fields[0]!.message_en).toContain('not a member unit');
    const zodBad = await call('supervisor', 'POST', `/api/meetings/${meetingId}/record`, {
      attendeeUnitIds: [],
      minutes: '',
    });
    expect(zodBad.statusCode).toBe(400);
    expect(zodBad.json<FieldErrors>().error.fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(['attendeeUnitIds', 'minutes']),
    );

    const ok = await call('supervisor', 'POST', `/api/meetings/${meetingId}/record`, {
      attendeeUnitIds: [org.units.bureau, org.units.housing],
      minutes: '会议纪要',
      decisions: ['限期维修'],
      assignments: [
        { unitId: org.units.housing, task: '维修电梯', dueDate: '2026-03-16', matterId: matter.id },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<{ state: string }>().state).toBe('held');

    const boundary = '----meeting-file';
    const bytes = Buffer.from('%PDF-1.4 minutes');
    const upload = await call(
      'supervisor',
      'POST',
      `/api/meetings/${meetingId}/files`,
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="纪要.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        bytes,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
      { 'content-type': `multipart/form-data; boundary=${boundary}` },
    );
    expect(upload.statusCode).toBe(201);
    const fileId = upload.json<{ id: number }>().id;
    const download = await call('unithead', 'GET', `/api/meetings/${meetingId}/files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
    const meeting = await call('unithead', 'GET', `/api/meetings/${meetingId}`);
    expect(meeting.statusCode).toBe(200);
    const view = meeting.json<{
      files: { filename: string }[];
      assignments: { id: number; state: string }[];
    }>();
    expect(view.files.map((f) => f.filename)).toEqual(['纪要.pdf']);

    // The item joins the matter's internal timeline, as every case on a matter does.
    const onMatter = await call('officer', 'GET', `/api/matters/${matter.id}`);
    expect(onMatter.statusCode).toBe(200);
    expect(onMatter.json<{ timeline: { kind: string }[] }>().timeline.map((e) => e.kind)).toContain(
      'meeting_assignment_opened',
    );
    const closing = await call('supervisor', 'POST', `/api/meetings/${meetingId}/close`, {});
    expect(closing.statusCode).toBe(409);
    const assignmentId = view.assignments[0]!.id;
    const mine = await call('officer', 'GET', '/api/meeting-assignments?view=toMyUnit');
    expect(mine.json<{ items: { id: number }[] }>().items.map((a) => a.id)).toEqual([assignmentId]);
    expect(
      (await call('officer', 'POST', `/api/meeting-assignments/${assignmentId}/report`, { report: '已修复' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await call('supervisor', 'POST', `/api/meeting-assignments/${assignmentId}/accept`, {})).statusCode,
    ).toBe(200);
    const closed = await call('supervisor', 'POST', `/api/meetings/${meetingId}/close`, {});
    expect(closed.statusCode).toBe(200);
    expect(closed.json<{ state: string }>().state).toBe('closed');
    const late = await call('supervisor', 'POST', `/api/meetings/${meetingId}/files`, Buffer.from('x'), {
      'content-type': `multipart/form-data; boundary=${boundary}`,
    });
    expect(late.statusCode).toBeGreaterThanOrEqual(400);
  });
});
