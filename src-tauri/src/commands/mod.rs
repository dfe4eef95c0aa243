//! Tauri commands, one file per area. Each takes the state and a DTO and calls `desk`.

pub mod acceptance;
pub mod files;
pub mod fines;
pub mod marks;
pub mod membership;
pub mod shop;
pub mod signatures;
pub mod startup;
pub mod statements;

#[cfg(test)]
include!("names.rs");

#[cfg(test)]
mod tests;
