/** Shared input patterns, so every form says the same thing about the same kind of value. */

/** Any phone: digits with an optional +, spaces or dashes (staff, stores, franchise owners). */
export const ANY_PHONE = /^\+?[0-9][0-9 -]{5,19}$/;
export const ANY_PHONE_MESSAGE = 'must be a phone number (digits, optionally +, spaces or dashes)';
