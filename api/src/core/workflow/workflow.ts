import type { RequestContext } from '../context';
import { AppError, BadUserInputError, ErrorCode, ForbiddenError, InvalidTransitionError } from '../errors';

/**
 * Workflows as data. A definition lists states and transitions; the interpreter here
 * checks a requested action against the record's state, the actor's permission, the
 * transition's required fields and guards, moves the state and runs the actions.
 * Definitions live with their module (cases/case.workflows.ts) and plugins extend them;
 * nothing here knows about cases.
 */
export interface WorkflowState<Stage extends string = string> {
  name: string;
  label: string;
  /** Where the state sits for every workflow (queues, SLA pauses and reports use this). */
  stage: Stage;
}

export interface RequiredField {
  name: string;
  label: string;
  /** Checks a present value; returns a problem or null. */
  check?: (value: unknown) => Refusal | null;
}

/** A required field holding text of at most `max` characters (a reason, a note). */
export const textField = (name: string, label: string, max = 1000): RequiredField => ({
  name,
  label,
  check: (v) => (typeof v === 'string' && v.trim().length <= max ? null : { reason: 'TOO_LONG', params: { max }, message: `${label} must be text of at most ${max} characters` }),
});

/** A required field holding one of the given values. */
export const oneOfField = (name: string, label: string, values: readonly string[]): RequiredField => ({
  name,
  label,
  check: (v) => (values.includes(v as string) ? null : { reason: 'NOT_ALLOWED_OPTION', params: { allowed: values }, message: `${label} must be one of ${values.join(', ')}` }),
});

export interface TransitionRun<R> {
  ctx: RequestContext;
  record: R;
  /** Values given with the action (required fields included). */
  input: Record<string, unknown>;
  from: string;
  to: string;
  action: string;
}

/** A refusal: a message for the person, or one with a stable reason and parameters a client can show in its own language. */
export type Refusal = string | { message: string; reason: string; params?: Record<string, unknown> };
export const refusalMessage = (r: Refusal): string => (typeof r === 'string' ? r : r.message);
export const refusalReason = (r: Refusal): { reason?: string; params?: Record<string, unknown> } => (typeof r === 'string' ? {} : { reason: r.reason, params: r.params ?? {} });

/** Refuses a transition (null when fine). */
export type Guard<R> = (run: TransitionRun<R>) => Refusal | null | Promise<Refusal | null>;
/** Runs after the state moved, in the same transaction. */
export type TransitionAction<R> = (run: TransitionRun<R>) => void | Promise<void>;

/** A different end state for some runs (e.g. a large refund goes to an approval state first). */
export interface TransitionBranch<R> {
  to: string;
  when: (run: TransitionRun<R>) => boolean;
}

export interface WorkflowTransition<R> {
  /** Verb, unique per from-state: accept, propose_solution, resolve, reopen… */
  action: string;
  label: string;
  from: string[];
  to: string;
  /** Only records this holds for have the transition at all (others never see it). */
  when?: (record: R) => boolean;
  /** Checked in order after the guards; the first that holds picks the end state instead of `to`. */
  branches?: TransitionBranch<R>[];
  /** Permission needed on top of the case permission checked by the resolver. */
  permission?: string;
  requiredFields?: RequiredField[];
  guards?: Guard<R>[];
  actions?: TransitionAction<R>[];
}

export interface WorkflowDefinition<R> {
  name: string;
  label: string;
  initial: string;
  states: WorkflowState[];
  transitions: WorkflowTransition<R>[];
}

/** A refusal by a guard: the transition exists but this record or actor may not take it now. */
export class TransitionRefusedError extends AppError {
  constructor(action: string, refusal: Refusal) {
    super(ErrorCode.InvalidTransition, `Cannot ${action}: ${refusalMessage(refusal)}`, { action, ...refusalReason(refusal) });
  }
}

/** Checks a definition for mistakes that would only show at run time. */
export function validateWorkflow<R>(definition: WorkflowDefinition<R>): string[] {
  const problems: string[] = [];
  const states = new Set(definition.states.map((s) => s.name));
  if (states.size !== definition.states.length) problems.push('state names must be unique');
  if (!states.has(definition.initial)) problems.push(`initial state ${definition.initial} is not a state`);
  const seen = new Set<string>();
  for (const t of definition.transitions) {
    for (const from of t.from) {
      if (!states.has(from)) problems.push(`${t.action}: from-state ${from} is not a state`);
      if (seen.has(`${from}/${t.action}`)) problems.push(`${t.action} is defined twice from ${from}`);
      seen.add(`${from}/${t.action}`);
    }
    if (!states.has(t.to)) problems.push(`${t.action}: to-state ${t.to} is not a state`);
    for (const branch of t.branches ?? []) if (!states.has(branch.to)) problems.push(`${t.action}: branch state ${branch.to} is not a state`);
  }
  return problems;
}

export function stateOf<R>(definition: WorkflowDefinition<R>, name: string): WorkflowState {
  const state = definition.states.find((s) => s.name === name);
  if (!state) throw new Error(`Workflow ${definition.name} has no state ${name}`);
  return state;
}

function transitionsFrom<R>(definition: WorkflowDefinition<R>, state: string, record: R): WorkflowTransition<R>[] {
  return definition.transitions.filter((t) => t.from.includes(state) && (!t.when || t.when(record)));
}

function holds(ctx: RequestContext, permission: string | undefined): boolean {
  return !permission || ctx.actor?.permissions.has(permission) === true;
}

export interface AvailableTransition {
  action: string;
  label: string;
  to: string;
  requiredFields: RequiredField[];
  /** Why it cannot be taken now (a guard's message), or null. */
  blockedReason: string | null;
  /** The guard's stable reason and parameters, when it gives them. */
  blockedReasonCode: string | null;
  blockedParams: Record<string, unknown> | null;
}

/** The transitions the actor may take from the record's state, with guard results. */
export async function availableTransitions<R>(
  definition: WorkflowDefinition<R>,
  ctx: RequestContext,
  record: R,
  state: string,
): Promise<AvailableTransition[]> {
  const result: AvailableTransition[] = [];
  for (const t of transitionsFrom(definition, state, record)) {
    if (!holds(ctx, t.permission)) continue;
    const run: TransitionRun<R> = { ctx, record, input: {}, from: state, to: t.to, action: t.action };
    let refusal: Refusal | null = null;
    for (const guard of t.guards ?? []) {
      refusal = await guard(run);
      if (refusal) break;
    }
    const { reason, params } = refusal ? refusalReason(refusal) : {};
    result.push({ action: t.action, label: t.label, to: t.to, requiredFields: t.requiredFields ?? [], blockedReason: refusal ? refusalMessage(refusal) : null, blockedReasonCode: reason ?? null, blockedParams: params ?? null });
  }
  return result;
}

/**
 * Takes `action` on a record in `state`: INVALID_TRANSITION naming the allowed actions
 * when the action does not leave this state, FORBIDDEN without its permission,
 * BAD_USER_INPUT naming each missing or bad required field, INVALID_TRANSITION with the
 * guard's message when a guard refuses. `move` sets the new state; then the actions run.
 */
export async function runTransition<R>(
  definition: WorkflowDefinition<R>,
  args: { ctx: RequestContext; record: R; state: string; action: string; input?: Record<string, unknown>; move: (to: WorkflowState) => void },
): Promise<TransitionRun<R>> {
  const { ctx, record, state, action } = args;
  const input = args.input ?? {};
  const transition = transitionsFrom(definition, state, record).find((t) => t.action === action);
  if (!transition) {
    const allowed = transitionsFrom(definition, state, record)
      .filter((t) => holds(ctx, t.permission))
      .map((t) => t.action);
    throw new InvalidTransitionError(state, action, allowed);
  }
  if (!holds(ctx, transition.permission)) throw new ForbiddenError(`${transition.label} needs the ${transition.permission} permission`);
  const problems = (transition.requiredFields ?? []).flatMap((field) => {
    const value = input[field.name];
    if (value === undefined || value === null || (typeof value === 'string' && !value.trim()))
      return [{ field: field.name, message: `${field.label} is required to ${transition.label}`, reason: 'REQUIRED', params: { field: field.name } }];
    const problem = field.check?.(value);
    return problem ? [{ field: field.name, message: refusalMessage(problem), ...refusalReason(problem) }] : [];
  });
  if (problems.length) throw new BadUserInputError(problems);
  const run: TransitionRun<R> = { ctx, record, input, from: state, to: transition.to, action };
  for (const guard of transition.guards ?? []) {
    const refusal = await guard(run);
    if (refusal) throw new TransitionRefusedError(transition.label, refusal);
  }
  run.to = transition.branches?.find((branch) => branch.when(run))?.to ?? transition.to;
  args.move(stateOf(definition, run.to));
  for (const act of transition.actions ?? []) await act(run);
  return run;
}

const definitions = new Map<string, WorkflowDefinition<unknown>>();

/** Registers a base workflow (the plugin host does, for core and plugins); the name must be new and the definition sound. */
export function defineWorkflow<R>(definition: WorkflowDefinition<R>): WorkflowDefinition<R> {
  if (definitions.has(definition.name)) throw new Error(`A workflow named "${definition.name}" is already defined`);
  const problems = validateWorkflow(definition);
  if (problems.length) throw new Error(`Workflow ${definition.name} is not valid: ${problems.join('; ')}`);
  definitions.set(definition.name, definition as WorkflowDefinition<unknown>);
  return definition;
}

export function getWorkflow<R>(name: string): WorkflowDefinition<R> {
  const definition = definitions.get(name);
  if (!definition) throw new Error(`No workflow named "${name}"`);
  return definition as WorkflowDefinition<R>;
}

export function workflowNames(): string[] {
  return [...definitions.keys()];
}

export function hasWorkflow(name: string): boolean {
  return definitions.has(name);
}
