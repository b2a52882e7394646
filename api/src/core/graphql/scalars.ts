import { GraphQLDateTime, GraphQLEmailAddress, GraphQLJSON, GraphQLPhoneNumber } from 'graphql-scalars';

/** Scalars used across the schema. Date maps to DateTime (ISO 8601 with offset). */
export const DateTimeScalar = GraphQLDateTime;
export const JSONScalar = GraphQLJSON;
export const EmailAddressScalar = GraphQLEmailAddress;
export const PhoneNumberScalar = GraphQLPhoneNumber;

export const scalarsMap = [{ type: Date, scalar: GraphQLDateTime }];
