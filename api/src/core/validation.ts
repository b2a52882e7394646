/** Shared input patterns, so every form says the same thing about the same kind of value. */

/** Any phone: digits with an optional +, spaces or dashes (staff, stores, franchise owners). */
export const ANY_PHONE = /^\+?[0-9][0-9 -]{5,19}$/;
export const ANY_PHONE_MESSAGE = 'must be a phone number (digits, optionally +, spaces or dashes)';

/** Tags as stored: trimmed, lower case, no blanks or repeats (undefined stays undefined: "leave as is"). */
export function normalizeTags(tags: string[] | undefined): string[] | undefined {
  return tags ? [...new Set(tags.map((t) => t.trim().toLowerCase()).filter(Boolean))] : undefined;
}
