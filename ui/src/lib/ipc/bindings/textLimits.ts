// Generated from crates/desk/src/limits.rs by `cargo xtask codegen`; do not edit.
import type { Limits } from './Limits';

export const LIMITS: Limits = {
  name: 200,
  city: 100,
  address: 300,
  number: 64,
  person: 120,
  line: 300,
  text: 4000,
  url: 500,
};
