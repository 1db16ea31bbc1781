import type { AppContext } from '../app/context.ts';
import type { Actor } from '../audit/event-log.ts';
import type { StaffUser } from '../auth/staff-user.ts';
import { addCalendarDays, localDateOf } from '../calendar/index.ts';
import { AppError } from '../errors/app-error.ts';
import { parseOrThrow } from '../errors/zod-errors.ts';
import { registerMatter } from '../intake/register-matter.ts';
import { answerInstruction, issueInstruction } from '../leadership/instruction.commands.ts';
import { openOwnership, replyToOwnership, reportProgress } from '../leadership/ownership.commands.ts';
import { matterCommands } from '../lifecycle/matter-commands.ts';
import { matterFacts } from '../lifecycle/matter.repository.ts';
import { answerCard, issueCard } from '../supervision/card.commands.ts';
import { canIssueCard, canRecordFollowUp } from '../workflow/case-policy.ts';
import { recordFollowUp } from '../supervision/follow-up.ts';
import type { CommandActor } from '../lifecycle/run-command.ts';
import type { UnitLevel } from '../shared/enums.ts';
import { RegisterMatterInput } from '../shared/schemas.ts';
import { demoData, fillIn } from './data.ts';
import type { Draft } from './drafts.ts';
import { NANSHAN_STREET, type DemoOrg, type UnitKey } from './org.ts';
import type { Handler } from './plan.ts';
import { cleanText } from './texts.ts';
import { wrongUnitOf, type ActorKey, type PlannedStep } from './timeline.ts';

const ORG = demoData('org.json');
/** What staff and petitioners write along the way (data/wording.json). */
const W = demoData('wording.json');

/** The unit a handler stands for; another street's office is found from the matter's place. */
const unitOf = (h: Handler): UnitKey | undefined => (h === 'otherStreet' ? undefined : h);

/** Runs one planned step through the real services, as the actor it names. */
export class StepRunner {
  constructor(
    private readonly ctx: AppContext,
    private readonly org: DemoOrg,
    private readonly drafts: Map<number, Draft>,
  ) {}

  /** 阅批: the district leader instructs the unit now leading the matter, to answer within ten days. */
  private async instruct(actor: CommandActor, matterId: number, at: Date) {
    if (actor.kind !== 'staff') throw new Error('only staff instruct');
    const lead = await this.ctx.db
      .selectFrom('matter_units')
      .select('unit_id')
      .where('matter_id', '=', matterId)
      .where('role', '=', 'lead')
      .where('released_at', 'is', null)
      .executeTakeFirstOrThrow();
    await issueInstruction(this.ctx, actor, matterId, {
      body: W.leaderNotes[at.getTime() % W.leaderNotes.length] ?? '',
      unitIds: [lead.unit_id],
      answerBy: addCalendarDays(localDateOf(at), 10),
    });
  }

  /** 督查督办: a card to the unit leading the matter, due in five days; some start yellow. */
  private async supervise(actor: CommandActor, matterId: number, at: Date) {
    if (actor.kind !== 'staff') throw new Error('only staff supervise');
    const row = await this.ctx.db
      .selectFrom('matters')
      .selectAll()
      .where('id', '=', matterId)
      .executeTakeFirstOrThrow();
    const { facts } = await matterFacts(this.ctx.db, row);
    // Matters of another county are not this supervisor's to supervise.
    if (!canIssueCard(actor.user, facts)) return;
    const n = W.cardDemands.length;
    await issueCard(this.ctx, actor, matterId, {
      reason: W.cardReasons[matterId % W.cardReasons.length] ?? '',
      demand: W.cardDemands[matterId % n] ?? '',
      level: matterId % 5 === 0 ? 'yellow' : 'normal',
      answerBy: addCalendarDays(localDateOf(at), 5),
    });
  }

  /**
   * 回访: the bureau phones the petitioner in office hours after the rating; an unsatisfied one says
   * the problem is not solved, which flags the follow-up for the supervisors.
   */
  private async followUp(matterId: number, unsolved: boolean) {
    const registrar = this.staff('registrar');
    const row = await this.ctx.db
      .selectFrom('matters')
      .selectAll()
      .where('id', '=', matterId)
      .executeTakeFirstOrThrow();
    const { facts } = await matterFacts(this.ctx.db, row);
    if (!canRecordFollowUp(registrar, facts)) return;
    await recordFollowUp(this.ctx, { kind: 'staff', user: registrar }, matterId, {
      method: 'phone',
      reached: true,
      solved: unsolved ? 'not_solved' : 'solved',
      opinion: unsolved ? W.unsatisfiedComment : W.followUpSolved,
    });
  }

  /**
   * 领导包案: the district leader owns the matter with the unit leading it (and the street office where
   * the matter is in its street) on the team, a plan of two steps, and the card already on it.
   */
  private async own(actor: CommandActor, matterId: number, step: PlannedStep) {
    if (actor.kind !== 'staff' || !step.plan) throw new Error('only a leader owns a case, with a plan');
    const db = this.ctx.db;
    const lead = await db
      .selectFrom('matter_units')
      .select('unit_id')
      .where('matter_id', '=', matterId)
      .where('role', '=', 'lead')
      .where('released_at', 'is', null)
      .executeTakeFirstOrThrow();
    // 一案一督办单: the bureau's supervisor issues the card the case is bound to.
    const card = await issueCard(this.ctx, { kind: 'staff', user: this.staff('supervisor') }, matterId, {
      reason: W.cardReasons[matterId % W.cardReasons.length] ?? '',
      demand: W.cardDemands[matterId % W.cardDemands.length] ?? '',
      answerBy: addCalendarDays(localDateOf(step.at), step.plan[0]!.dueDays),
    });
    const first = this.staff(step.plan[0]!.owner);
    const street = this.staff('street');
    const withStreet = step.plan.some((p) => p.owner === 'street');
    const P = W.ownership;
    await openOwnership(this.ctx, actor, matterId, {
      problem: P.problems[matterId % P.problems.length] ?? '',
      goal: P.goal,
      members: [
        { role: 'lead_unit', unitId: lead.unit_id },
        ...(withStreet ? [{ role: 'cooperating_unit' as const, unitId: street.unit.id }] : []),
        { role: 'liaison', userId: first.id },
      ],
      steps: step.plan.map((p, i) => ({
        title: P.steps[i] ?? '',
        ownerId: this.staff(p.owner).id,
        dueDate: addCalendarDays(localDateOf(step.at), p.dueDays),
      })),
      cardId: card.id,
    });
  }

  private async ownership(matterId: number) {
    return this.ctx.db
      .selectFrom('case_ownerships')
      .select('case_id')
      .where('matter_id', '=', matterId)
      .where('in_force', '=', true)
      .executeTakeFirstOrThrow();
  }

  /** Progress on one step of the plan, by its owner: done, or partly done. */
  private async ownReport(actor: CommandActor, matterId: number, step: PlannedStep) {
    if (actor.kind !== 'staff' || !step.report) throw new Error('a report names its step');
    const o = await this.ownership(matterId);
    const planStep = await this.ctx.db
      .selectFrom('ownership_steps')
      .select('id')
      .where('case_id', '=', o.case_id)
      .where('position', '=', step.report.step + 1)
      .executeTakeFirstOrThrow();
    await reportProgress(this.ctx, actor, o.case_id, {
      stepId: planStep.id,
      status: step.report.done ? 'done' : 'in_progress',
      progress: step.report.done ? 100 : 60,
      note: step.report.done ? W.ownership.done : W.ownership.progress,
    });
    // The unit answers the bound card with the first step done.
    const card = await this.ctx.db
      .selectFrom('case_ownerships as o')
      .innerJoin('cases as c', 'c.id', 'o.card_case_id')
      .select('c.id')
      .where('o.case_id', '=', o.case_id)
      .where('c.state', '=', 'issued')
      .executeTakeFirst();
    if (card && step.report.done && step.report.step === 0)
      await answerCard(this.ctx, actor, card.id, { answer: W.ownership.done });
  }

  private async ownReply(actor: CommandActor, matterId: number) {
    if (actor.kind !== 'staff') throw new Error('only the leader replies');
    const o = await this.ownership(matterId);
    await replyToOwnership(this.ctx, actor, o.case_id, { reply: W.ownership.reply });
  }

  /** Before its reply, the unit answers the instructions it still owes on the matter. */
  private async answerInstructions(actor: CommandActor, matterId: number, at: Date) {
    if (actor.kind !== 'staff') return;
    const owed = await this.ctx.db
      .selectFrom('cases as c')
      .innerJoin('instruction_addressees as a', 'a.case_id', 'c.id')
      .select('c.id')
      .where('c.matter_id', '=', matterId)
      .where('c.type', '=', 'instruction')
      .where('c.state', '=', 'open')
      .where('a.unit_id', '=', actor.user.unit.id)
      .where('a.answered_at', 'is', null)
      .execute();
    for (const c of owed)
      await answerInstruction(this.ctx, actor, c.id, {
        answer: W.instructionAnswers[at.getTime() % W.instructionAnswers.length] ?? '',
      });
  }

  private staff(key: ActorKey): StaffUser {
    const u = this.org.users.get(key);
    if (!u) throw new Error(`no demo user '${key}'`);
    return u;
  }

  private actor(key: ActorKey): CommandActor {
    return key === 'petitioner' ? { kind: 'petitioner' } : { kind: 'staff', user: this.staff(key) };
  }

  private registeringActor(
    key: ActorKey,
  ): Actor & { registeringUnitId: number; registeringUnitLevel: UnitLevel } {
    if (key === 'petitioner') {
      return {
        kind: 'petitioner',
        userId: null,
        unitId: null,
        registeringUnitId: this.org.units.bureau,
        registeringUnitLevel: 'county',
      };
    }
    const u = this.staff(key);
    return {
      kind: 'staff',
      userId: u.id,
      unitId: u.unit.id,
      registeringUnitId: u.unit.id,
      registeringUnitLevel: u.unit.level,
    };
  }

  private unitFor(d: Draft): number {
    const h = d.spec.handler;
    if (h === 'otherStreet') {
      const street = d.regionCode.slice(0, 9);
      const own = this.org.streetOffices.get(street);
      if (own && street !== NANSHAN_STREET) return own.id;
      const other = [...this.org.streetOffices.entries()].find(([code]) => code !== NANSHAN_STREET);
      return (other?.[1] ?? { id: this.org.units.government }).id;
    }
    const key = h ? unitOf(h) : undefined;
    if (!key) throw new Error(`matter ${d.spec.key} has no handling unit`);
    return this.org.units[key];
  }

  private id(d: Draft): number {
    if (d.id === null) throw new Error(`matter ${d.spec.key} is not registered`);
    return d.id;
  }

  private date(at: Date, plusDays = 0): string {
    return addCalendarDays(localDateOf(at), plusDays);
  }

  async run(step: PlannedStep, d: Draft): Promise<void> {
    const cmd = matterCommands;
    const ctx = this.ctx;
    const actor = this.actor(step.actor);
    const text = d.text;
    if (['accept', 'accept_wrong', 'forward', 'hand_down'].includes(step.kind))
      await this.identifyReportedUnit(d);
    switch (step.kind) {
      case 'register':
        return this.register(step, d);
      case 'accept_wrong':
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'accept',
          leadUnitId: this.org.units[wrongUnitOf(d.spec)],
          note: W.decisionNotes.accept,
        });
        return;
      case 'object':
        await cmd.object(ctx, actor, this.id(d), {
          reason: fillIn(W.objection, {
            subject: cleanText(text.subject, 40),
            unit: this.org.unitNames[unitOf(d.spec.handler ?? 'housing') ?? 'housing'],
          }),
        });
        return;
      case 'accept': {
        const lead = this.unitFor(d);
        const level1 = text.categoryCode.split('.')[0] ?? '';
        const coKey = d.spec.handler === 'street' ? ORG.coUnitByCategory[level1] : undefined;
        const co = coKey && coKey !== d.reportedUnit ? [this.org.units[coKey]] : [];
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'accept',
          leadUnitId: lead,
          coUnitIds: co,
          categoryCode: text.categoryCode,
          note: co.length > 0 ? W.decisionNotes.acceptWithCoUnits : W.decisionNotes.accept,
        });
        return;
      }
      case 'forward':
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'forward',
          unitId: this.unitFor(d),
          note: W.decisionNotes.forward,
        });
        return;
      case 'hand_down':
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'hand_down',
          unitId: this.unitFor(d),
          note: W.decisionNotes.handDown,
        });
        return;
      case 'not_accept':
        await cmd.decide(ctx, actor, this.id(d), this.notAccept(d));
        return;
      case 'merge': {
        const original = d.spec.repeat ? this.drafts.get(d.spec.repeat.of) : undefined;
        if (!original?.id)
          throw new AppError('conflict', '原事项未登记', 'the original matter was not registered');
        await cmd.decide(ctx, actor, this.id(d), {
          decision: 'merge',
          intoMatterId: original.id,
          note: fillIn(W.decisionNotes.merge, { original: original.caseNumber ?? W.repeat.unknownCase }),
        });
        return;
      }
      case 'sign_for':
        await cmd.signFor(ctx, actor, this.id(d));
        return;
      case 'note':
        await cmd.addNote(ctx, actor, this.id(d), {
          note: W.officerNotes[step.at.getTime() % W.officerNotes.length] ?? '',
        });
        return;
      case 'instruct':
        await this.instruct(actor, this.id(d), step.at);
        return;
      case 'supervise':
        await this.supervise(actor, this.id(d), step.at);
        return;
      case 'own':
        await this.own(actor, this.id(d), step);
        return;
      case 'own_report':
        await this.ownReport(actor, this.id(d), step);
        return;
      case 'own_reply':
        await this.ownReply(actor, this.id(d));
        return;
      case 'extend':
        await cmd.extend(ctx, actor, this.id(d), {
          days: step.days ?? 30,
          reason: W.extension,
        });
        return;
      case 'reply':
        await this.answerInstructions(actor, this.id(d), step.at);
        await cmd.reply(ctx, actor, this.id(d), {
          outcome: text.reply.outcome,
          facts: text.reply.facts,
          legalBasis: text.reply.legalBasis,
          body: text.reply.body,
        });
        return;
      case 'rate': {
        const rating = d.spec.rating ?? 'satisfied';
        await cmd.rate(
          ctx,
          actor,
          this.id(d),
          rating === 'unsatisfied' ? { rating, comment: W.unsatisfiedComment } : { rating },
        );
        return;
      }
      case 'follow_up':
        await this.followUp(this.id(d), d.spec.rating === 'unsatisfied');
        return;
      case 'request_review':
        await cmd.requestReview(ctx, actor, this.id(d), { reason: W.reviewRequest });
        return;
      case 'decide_review':
        await cmd.decideReview(ctx, actor, this.id(d), {
          outcome: step.at.getTime() % 4 === 0 ? 'changed' : 'upheld',
          ...W.review,
        });
        return;
      case 'request_recheck':
        await cmd.requestRecheck(ctx, actor, this.id(d), { reason: W.recheckRequest });
        return;
      case 'decide_recheck':
        await cmd.decideRecheck(ctx, actor, this.id(d), { outcome: 'upheld', ...W.recheck });
        return;
      case 'conclude':
        await cmd.conclude(ctx, actor, this.id(d), { note: W.conclusion });
        return;
      case 'close':
        await cmd.close(ctx, actor, this.id(d), { note: W.closing });
        return;
    }
  }

  private async register(step: PlannedStep, d: Draft): Promise<void> {
    const spec = d.spec;
    const original = spec.repeat ? this.drafts.get(spec.repeat.of) : undefined;
    let subject = d.text.subject;
    let content = d.text.content;
    if (original) {
      const ref = caseRef(original.caseNumber);
      subject = cleanText(fillIn(W.repeat.subject, { subject }), 200);
      const first = original.timeline.steps[0];
      const lead =
        spec.repeat?.mode === 'higher_level'
          ? fillIn(W.repeat.higherLevel, { ref })
          : fillIn(W.repeat.again, { ref, date: first ? localDateOf(first.at) : W.repeat.unknownDate });
      content = cleanText(`${lead}\n${content}`, 20_000);
    }
    const misconduct = d.reportedUnit !== null;
    // Online, the petitioner names the unit in their own words; the registrar identifies it later.
    const online = spec.channel === 'web';
    const input = parseOrThrow(RegisterMatterInput, {
      channel: spec.channel,
      purpose: misconduct ? 'accusation' : d.text.purpose,
      ...(spec.channel === 'web' ? {} : { categoryCode: d.text.categoryCode }),
      subject,
      content,
      regionCode: d.regionCode,
      ...(misconduct && d.reportedUnit
        ? {
            ...(online ? {} : { reportedUnitId: this.org.units[d.reportedUnit] }),
            isMisconductReport: true,
            target: online ? this.org.spokenNames[d.reportedUnit] : this.org.unitNames[d.reportedUnit],
          }
        : {}),
      receivedAt: d.timeline.receivedAt.toISOString(),
      ...(d.headCount ? { headCount: d.headCount } : {}),
      petitioners: d.petitioners,
      ...(spec.channel === 'handed_down'
        ? { handedDownFrom: W.handedDownFrom, externalDueDate: this.date(step.at, 30) }
        : {}),
    });
    const { matter } = await registerMatter(this.ctx, this.registeringActor(step.actor), input, null);
    d.id = matter.id;
    d.caseNumber = matter.caseNumber;
    d.unidentified = misconduct && online;
  }

  /** The registrar confirms whom an online report of misconduct is about before routing it. */
  private async identifyReportedUnit(d: Draft): Promise<void> {
    if (!d.unidentified || !d.reportedUnit) return;
    // Online petitions are registered by the district bureau, whose registrar confirms the unit.
    await matterCommands.identifyReportedUnit(this.ctx, this.actor('registrar'), this.id(d), {
      unitId: this.org.units[d.reportedUnit],
      note: W.identifyReportedUnit,
    });
    d.unidentified = false;
  }

  private notAccept(d: Draft) {
    const na = d.spec.notAccept ?? { reason: 'other' as const };
    const original = d.spec.repeat ? this.drafts.get(d.spec.repeat.of) : undefined;
    const explanation =
      na.reason === 'lawful_channel'
        ? W.notAccepted[na.lawfulChannel === 'labour_arbitration' ? 'labour_arbitration' : 'litigation']
        : fillIn(W.notAccepted[na.reason as keyof typeof W.notAccepted] ?? W.notAccepted.other, {
            ref: caseRef(original?.caseNumber ?? null),
          });
    return {
      decision: 'not_accept' as const,
      reason: na.reason,
      ...(na.lawfulChannel ? { lawfulChannel: na.lawfulChannel } : {}),
      explanation,
    };
  }
}

/** `（case number）` after a mention of an earlier matter, or nothing when it has none. */
function caseRef(caseNumber: string | null): string {
  return caseNumber ? fillIn(W.repeat.caseRef, { caseNumber }) : '';
}
