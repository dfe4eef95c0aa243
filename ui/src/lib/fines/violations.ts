import type { Violation } from '../ipc/bindings/Violation';

/** The violations in the order of the rules. */
export const VIOLATIONS: Violation[] = [
  'refusal_to_accept',
  'client_information_misuse',
  'higher_price',
  'surcharge',
  'cash_instead_of_goods',
  'self_purchase',
  'bad_faith',
];
