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
    "list_fines",
    "get_fine",
    "record_fine",
    "dispute_fine",
    "record_outcome",
    "pay_fine",
    "get_schedule",
    "add_schedule_entry",
    "complete_corrective_action",
    "save_fine_file",
];
