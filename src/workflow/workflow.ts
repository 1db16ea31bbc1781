/**
 * The shape every kind of case shares (a petition matter, an instruction, a supervision card, an
 * ownership plan, a follow-up; next meetings, campaigns, disputes, referrals, assessments): a table
 * of states and the commands lawful in each, plus actions that only add to the record (a note, a
 * progress report) and are lawful in every state but the listed ones. Plain data and plain
 * functions: no SQL, no HTTP, no clock.
 */
export interface Workflow<S extends string, C extends string> {
  /** The case type, as stored in `cases.type` and shown in the audit stream name. */
  readonly type: string;
  /**
   * For each state, the commands that move it and where to. A list of targets lets the command's
   * handler choose among them (the last of several addressees answering completes an instruction).
   */
  readonly transitions: { readonly [K in S]: Partial<Record<C, S | readonly S[]>> };
  /** Commands that keep the state: lawful in every state except `actions.except`. */
  readonly actions?: { readonly commands: readonly C[]; readonly except?: readonly S[] };
  /** States from which nothing moves on (actions may still be lawful there). */
  readonly terminal: readonly S[];
}

/** Declares a workflow, checking at load time that every target is a state of the table. */
export function defineWorkflow<S extends string, C extends string>(wf: Workflow<S, C>): Workflow<S, C> {
  const states = new Set(Object.keys(wf.transitions));
  for (const [from, row] of Object.entries(wf.transitions) as [S, Partial<Record<C, S | readonly S[]>>][]) {
    for (const [command, to] of Object.entries(row) as [C, S | readonly S[]][]) {
      for (const t of typeof to === 'string' ? [to] : to) {
        if (!states.has(t)) throw new Error(`${wf.type}: ${from} --${command}--> ${t}: no such state`);
      }
      if (wf.actions?.commands.includes(command))
        throw new Error(`${wf.type}: ${command} is an action and may not change the state`);
    }
  }
  for (const t of wf.terminal) {
    if (!states.has(t)) throw new Error(`${wf.type}: terminal ${t}: no such state`);
  }
  return wf;
}

const targets = <S extends string>(to: S | readonly S[] | undefined): readonly S[] =>
  to === undefined ? [] : typeof to === 'string' ? [to] : to;

const isAction = <S extends string, C extends string>(wf: Workflow<S, C>, state: S, command: C) =>
  (wf.actions?.commands.includes(command) ?? false) && !(wf.actions?.except?.includes(state) ?? false);

/** The commands lawful in a state: its moves in table order, then the actions. */
export function allowedCommands<S extends string, C extends string>(wf: Workflow<S, C>, state: S): C[] {
  const moves = Object.keys(wf.transitions[state]) as C[];
  const actions = (wf.actions?.commands ?? []).filter((c) => isAction(wf, state, c) && !moves.includes(c));
  return [...moves, ...actions];
}

export type TransitionResult<S extends string, C extends string> =
  { ok: true; targets: readonly S[] } | { ok: false; allowed: C[] };

/** Where a command may take a case in a state: one target, several for the handler to choose, or a refusal. */
export function transitionOf<S extends string, C extends string>(
  wf: Workflow<S, C>,
  state: S,
  command: C,
): TransitionResult<S, C> {
  if (isAction(wf, state, command)) return { ok: true, targets: [state] };
  const to = targets(wf.transitions[state][command]);
  return to.length > 0 ? { ok: true, targets: to } : { ok: false, allowed: allowedCommands(wf, state) };
}
