// Where the backend's refusal belongs in a form: under the field it is about (the notice number
// already recorded under the notice number, an overpayment under the amount), or, for a refusal
// about the whole form, under the form. Each form names its fields' codes once.

import type { ApiError } from '../ipc/bindings/ApiError';
import type { ErrorCode } from '../ipc/bindings/ErrorCode';

/** A form's fields, each with the codes of the refusals that are about it. */
export type FieldCodes = Record<string, readonly ErrorCode[]>;

/** The field `error` is about, or `null` when it is about the form as a whole (or none). */
export function fieldOf(error: ApiError | null, fields: FieldCodes): string | null {
  if (!error) return null;
  for (const [field, codes] of Object.entries(fields)) {
    if (codes.includes(error.code)) return field;
  }
  return null;
}

/** The refusal shown under `field`, or `null`. */
export function errorAt(error: ApiError | null, fields: FieldCodes, field: string): ApiError | null {
  return fieldOf(error, fields) === field ? error : null;
}

/** Codes of a typed amount that does not read as money. */
export const AMOUNT_CODES: readonly ErrorCode[] = [
  'amount.empty',
  'amount.not_a_number',
  'amount.too_precise',
  'amount.too_large',
];
