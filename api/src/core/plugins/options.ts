import { BadUserInputError, type FieldProblem } from '../errors';

/**
 * A plugin's options, described as data so the API can validate a franchise's values
 * (errors name the option), fill defaults, and tell the admin how to render a form.
 */
interface OptionBase {
  description: string;
  /** A value must be given when enabling (no default applies). */
  required?: boolean;
}
export interface NumberOption extends OptionBase {
  type: 'number' | 'integer';
  default?: number;
  min?: number;
  max?: number;
}
export interface StringOption extends OptionBase {
  type: 'string';
  default?: string;
  minLength?: number;
  maxLength?: number;
}
export interface BooleanOption extends OptionBase {
  type: 'boolean';
  default?: boolean;
}
export interface EnumOption extends OptionBase {
  type: 'enum';
  values: readonly string[];
  default?: string;
}
export type OptionSpec = NumberOption | StringOption | BooleanOption | EnumOption;
export type OptionsSchema = Readonly<Record<string, OptionSpec>>;

type ValueOf<S> = S extends { type: 'number' | 'integer' }
  ? number
  : S extends { type: 'string' }
    ? string
    : S extends { type: 'boolean' }
      ? boolean
      : S extends { type: 'enum'; values: readonly (infer V)[] }
        ? V
        : never;
type AlwaysSet<S> = S extends { required: true } ? true : S extends { default: unknown } ? true : false;

/** The parsed options a plugin's code receives: options with a default or `required` are always set. */
export type OptionsOf<S extends OptionsSchema> = { -readonly [K in keyof S as AlwaysSet<S[K]> extends true ? K : never]: ValueOf<S[K]> } & {
  -readonly [K in keyof S as AlwaysSet<S[K]> extends true ? never : K]?: ValueOf<S[K]>;
};

const OPTION_NAME = /^[a-z][A-Za-z0-9]*$/;
const TYPES = new Set(['number', 'integer', 'string', 'boolean', 'enum']);

type Problem = Omit<FieldProblem, 'field'>;
const problem = (message: string, reason: string, params: Record<string, unknown> = {}): Problem => ({ message, reason, params });

/** Problems with one value against its spec, worded for the person who typed it (null when fine). */
function checkValue(name: string, spec: OptionSpec, value: unknown): Problem | null {
  switch (spec.type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return problem(`${name} must be a number`, 'INVALID_VALUE');
      if (spec.type === 'integer' && !Number.isInteger(value)) return problem(`${name} must be a whole number`, 'INVALID_VALUE');
      if (spec.min !== undefined && value < spec.min) return problem(`${name} must be at least ${spec.min}`, 'MIN_VALUE', { min: spec.min });
      if (spec.max !== undefined && value > spec.max) return problem(`${name} must be at most ${spec.max}`, 'MAX_VALUE', { max: spec.max });
      return null;
    case 'string':
      if (typeof value !== 'string') return problem(`${name} must be text`, 'INVALID_VALUE');
      if (spec.minLength !== undefined && value.trim().length < spec.minLength) return problem(`${name} must have at least ${spec.minLength} characters`, 'TOO_SHORT', { min: spec.minLength });
      if (spec.maxLength !== undefined && value.length > spec.maxLength) return problem(`${name} must have at most ${spec.maxLength} characters`, 'TOO_LONG', { max: spec.maxLength });
      return null;
    case 'boolean':
      return typeof value === 'boolean' ? null : problem(`${name} must be true or false`, 'INVALID_VALUE');
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? null : problem(`${name} must be one of ${spec.values.join(', ')}`, 'NOT_ALLOWED_OPTION', { allowed: spec.values });
  }
}

/** Mistakes in a schema itself (checked when the plugin loads, so they stop start-up). */
export function checkOptionsSchema(schema: unknown): string[] {
  if (schema === undefined) return [];
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return ['optionsSchema must be an object of option specs'];
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(schema as Record<string, OptionSpec>)) {
    if (!OPTION_NAME.test(name)) problems.push(`option "${name}" must be a camelCase name`);
    if (!spec || typeof spec !== 'object' || !TYPES.has(spec.type)) {
      problems.push(`option "${name}" has no known type (number, integer, string, boolean, enum)`);
      continue;
    }
    if (!spec.description?.trim()) problems.push(`option "${name}" needs a description`);
    if (spec.type === 'enum' && (!Array.isArray(spec.values) || !spec.values.length)) problems.push(`option "${name}" is an enum without values`);
    if ((spec.type === 'number' || spec.type === 'integer') && spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
      problems.push(`option "${name}" has min ${spec.min} above max ${spec.max}`);
    if (spec.default !== undefined) {
      const problem = checkValue(name, spec, spec.default);
      if (problem) problems.push(`option "${name}" has a default that is not valid: ${problem.message}`);
    }
  }
  return problems;
}

/**
 * A franchise's options for a plugin: unknown names, missing required ones and bad values
 * are a BAD_USER_INPUT naming each option (`options.threshold`); defaults fill the rest.
 */
export function parseOptions<S extends OptionsSchema>(schema: S | undefined, raw: unknown, field = 'options'): OptionsOf<S> {
  const problems = optionProblems(schema, raw, field);
  if (problems.length) throw new BadUserInputError(problems);
  const given = (raw ?? {}) as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(schema ?? {})) {
    const value = given[name] ?? spec.default;
    if (value !== undefined) result[name] = value;
  }
  return result as OptionsOf<S>;
}

export function optionProblems(schema: OptionsSchema | undefined, raw: unknown, field = 'options'): FieldProblem[] {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) return [{ field, message: 'options must be an object of named values' }];
  const given = (raw ?? {}) as Record<string, unknown>;
  const specs = schema ?? {};
  const problems: FieldProblem[] = [];
  for (const name of Object.keys(given))
    if (!(name in specs)) problems.push({ field: `${field}.${name}`, message: `unknown option ${name}; known: ${Object.keys(specs).join(', ') || 'none'}` });
  for (const [name, spec] of Object.entries(specs)) {
    const value = given[name];
    if (value === undefined || value === null) {
      if (spec.required && spec.default === undefined) problems.push({ field: `${field}.${name}`, message: `${name} is required (${spec.description})`, reason: 'REQUIRED' });
      continue;
    }
    const problem = checkValue(name, spec, value);
    if (problem) problems.push({ field: `${field}.${name}`, ...problem });
  }
  return problems;
}
