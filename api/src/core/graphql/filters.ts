import type { GraphQLScalarType } from 'graphql';
import { Field, Float, ID, InputType, Int, type ClassType } from 'type-graphql';

/**
 * Filter operator inputs in the shape Refine's GraphQL data provider and
 * nestjs-query clients send: `{ name: { iLike: "%wang%" }, and: [...], or: [...] }`.
 * `is`/`isNot` take true, false or null (null means IS NULL / IS NOT NULL).
 */
const EQUALITY = ['eq', 'neq'] as const;
const ORDER = ['gt', 'gte', 'lt', 'lte'] as const;
const LISTS = ['in', 'notIn'] as const;
const PATTERNS = ['like', 'notLike', 'iLike', 'notILike'] as const;
const NULLS = ['is', 'isNot'] as const;
const RANGES = ['between', 'notBetween'] as const;

type ScalarLike = GraphQLScalarType | typeof String | typeof Number | typeof Boolean | typeof Date;

/** Every comparison class made here, so the translator can tell a comparison from a nested filter. */
const comparisonClasses = new Set<Function>();

function makeClass(name: string): ClassType {
  const cls = { [name]: class {} }[name]!;
  return cls;
}

function rangeType(name: string, scalar: ScalarLike): ClassType {
  const cls = makeClass(name);
  Field(() => scalar)(cls.prototype, 'lower');
  Field(() => scalar)(cls.prototype, 'upper');
  InputType(name)(cls);
  return cls;
}

function comparisonType(name: string, scalar: ScalarLike, features: { ordered: boolean; patterns: boolean; lists: boolean }): ClassType {
  const cls = makeClass(name);
  const field = (op: string, type: () => unknown) => Field(type as never, { nullable: true })(cls.prototype, op);
  for (const op of NULLS) field(op, () => Boolean);
  if (scalar !== Boolean) for (const op of EQUALITY) field(op, () => scalar);
  if (features.lists) for (const op of LISTS) field(op, () => [scalar]);
  if (features.ordered) {
    for (const op of ORDER) field(op, () => scalar);
    const range = rangeType(`${name}Between`, scalar);
    for (const op of RANGES) field(op, () => range);
  }
  if (features.patterns) for (const op of PATTERNS) field(op, () => String);
  InputType(name)(cls);
  comparisonClasses.add(cls);
  return cls;
}

export interface FieldComparison<T> {
  eq?: T; neq?: T; gt?: T; gte?: T; lt?: T; lte?: T;
  in?: T[]; notIn?: T[];
  like?: string; notLike?: string; iLike?: string; notILike?: string;
  is?: boolean | null; isNot?: boolean | null;
  between?: { lower: T; upper: T }; notBetween?: { lower: T; upper: T };
}

export const IDFilterComparison = comparisonType('IDFilterComparison', ID, { ordered: false, patterns: false, lists: true });
export const StringFieldComparison = comparisonType('StringFieldComparison', String, { ordered: true, patterns: true, lists: true });
export const IntFieldComparison = comparisonType('IntFieldComparison', Int, { ordered: true, patterns: false, lists: true });
export const FloatFieldComparison = comparisonType('FloatFieldComparison', Float, { ordered: true, patterns: false, lists: true });
export const BooleanFieldComparison = comparisonType('BooleanFieldComparison', Boolean, { ordered: false, patterns: false, lists: false });
export const DateFieldComparison = comparisonType('DateFieldComparison', Date, { ordered: true, patterns: false, lists: true });

/** `XFilterComparison { eq in notIn is isNot }` for a registered GraphQL enum. */
export function enumComparison(name: string, enumObj: object): ClassType {
  const cls = makeClass(`${name}FilterComparison`);
  const field = (op: string, type: () => unknown) => Field(type as never, { nullable: true })(cls.prototype, op);
  field('eq', () => enumObj);
  field('neq', () => enumObj);
  field('in', () => [enumObj]);
  field('notIn', () => [enumObj]);
  InputType(`${name}FilterComparison`)(cls);
  comparisonClasses.add(cls);
  return cls;
}

/** For array columns (tags): has all of these, or any of them. */
export const ArrayFieldComparison = (() => {
  const cls = makeClass('StringArrayFieldComparison');
  Field(() => [String], { nullable: true, description: 'Has every one of these.' })(cls.prototype, 'containsAll');
  Field(() => [String], { nullable: true, description: 'Has at least one of these.' })(cls.prototype, 'containsAny');
  InputType('StringArrayFieldComparison')(cls);
  return cls;
})();

export interface ArrayComparison {
  containsAll?: string[] | null;
  containsAny?: string[] | null;
}

const OPERATORS = new Set([...EQUALITY, ...ORDER, ...LISTS, ...PATTERNS, ...NULLS, ...RANGES, 'containsAll', 'containsAny']);

/** A comparison (`{ eq: 1 }`) rather than a nested filter: a comparison input, or a plain object of operators (from services). */
export function isComparison(value: unknown): value is FieldComparison<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  if (comparisonClasses.has(value.constructor)) return true;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => OPERATORS.has(k));
}

export { makeClass };
