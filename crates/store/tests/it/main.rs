//! Integration tests of the store against real SQLite files in temporary folders.

mod audit;
mod fines;
mod migrations;
mod repositories;
