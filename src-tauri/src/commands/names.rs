/// The commands the window may call. Kept in one list for `build.rs`, the handler and the
/// capability test.
pub const COMMANDS: &[&str] = &[
    "open_desk",
    "set_language",
    "check_tax_id",
    "create_shop",
    "open_demo",
    "get_overview",
    "record_event",
    "add_means",
    "disconnect_means",
    "add_contract",
];
