import { GraphQLScalarType } from 'graphql';
import { GraphQLDateTime, GraphQLEmailAddress, GraphQLJSON, GraphQLPhoneNumber } from 'graphql-scalars';

/** What the read path's JSON rows carry (PostgreSQL's ISO 8601 form) and what a Date prints as. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
/** The same in UTC (the database session's zone): rewritten as toISOString would print it, without a Date. */
const UTC_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:Z|\+00:00)$/;

/**
 * DateTime (ISO 8601 with offset), as graphql-scalars' but serialized straight to the ISO string
 * a Date would print as: list pages serialize thousands of timestamps, and the library validates
 * each string field by field and builds a Date of it. Anything else takes the library's path
 * (its errors included).
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLDateTime.toConfig(),
  serialize(value) {
    if (typeof value === 'string') {
      // Tested, then cut by position (the form is fixed up to the fraction): no match array per value.
      if (UTC_DATE_TIME.test(value)) {
        const end = value.charCodeAt(value.length - 1) === 90 /* Z */ ? value.length - 1 : value.length - 6;
        const fraction = value.charCodeAt(19) === 46 /* . */ ? value.slice(20, end) : '';
        return `${value.slice(0, 19)}.${fraction.length >= 3 ? fraction.slice(0, 3) : (fraction + '000').slice(0, 3)}Z`;
      }
      if (ISO_DATE_TIME.test(value)) {
        const date = new Date(value);
        if (!Number.isNaN(date.getTime())) return date.toISOString();
      }
    } else if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    return GraphQLDateTime.serialize(value);
  },
});
export const JSONScalar = GraphQLJSON;
export const EmailAddressScalar = GraphQLEmailAddress;
export const PhoneNumberScalar = GraphQLPhoneNumber;

export const scalarsMap = [{ type: Date, scalar: DateTimeScalar }];
