//! Integration tests of the store against real SQLite files in temporary folders.

mod migrations;
mod repositories;
