//! Who may do what (6.8): the roles, what each use-case needs, and the one table that says which
//! role has which need. The window's commands and the command line's are listed here with their
//! needs, so that the shell refuses by the same table the use-cases check.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A person's role, as sellers know them from their bank cabinets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The head: everything; the only one who signs with the EDS key, records membership events
    /// and manages people.
    Owner,
    /// Fines, payments, disputes, statements, bank details.
    Accountant,
    /// Their own training only: no money, fines or documents.
    Cashier,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Accountant, Role::Cashier];

    pub fn code(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Accountant => "accountant",
            Role::Cashier => "cashier",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// What a use-case needs. Every use-case of `Desk` states one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Nobody signed in: opening, the language, onboarding, signing in.
    Nothing,
    /// Anyone signed in: their own PIN, the session itself.
    SignedIn,
    /// The status page, read-only (money and deadlines: not for cashiers).
    Status,
    /// One's own training: lessons, quizzes, the review, one's certificate.
    Training,
    /// Everyone's training: the roster, its files, checking a certificate.
    Roster,
    /// Fines, payments, disputes, corrective actions, the fines import.
    Fines,
    /// The accountant's statements.
    Statements,
    /// The seller's account and the payee of fines.
    BankDetails,
    /// The document archive and checking signatures; CRL updates.
    Documents,
    /// Printing and saving the club's items; the branding kit as it is.
    Branding,
    /// The audit trail's check.
    Audit,
    /// The shop's profile: outlets, means, contracts, websites, placements, the trust store,
    /// the branding kit's address.
    Shop,
    /// Membership events and leaving the club (5.1).
    Membership,
    /// Signing with the seller's EDS key (the owner's PIN again first).
    Sign,
    /// Adding people, roles, PINs, unlocking (the owner's PIN again first).
    People,
    /// Importing a published version of the club's rules.
    Rules,
    /// Acknowledging the rules in force (the owner's PIN again first).
    Acknowledge,
    /// The data's recovery code and sheet (the owner's PIN again first).
    Recovery,
}

/// The one table: which role has which need.
pub fn may(role: Role, need: Need) -> bool {
    use Need as N;
    match role {
        Role::Owner => true,
        Role::Accountant => matches!(
            need,
            N::Nothing
                | N::SignedIn
                | N::Status
                | N::Training
                | N::Roster
                | N::Fines
                | N::Statements
                | N::BankDetails
                | N::Documents
                | N::Branding
                | N::Audit
        ),
        Role::Cashier => matches!(need, N::Nothing | N::SignedIn | N::Training),
    }
}

/// Needs for which the owner types the PIN again just before.
pub fn needs_fresh_pin(need: Need) -> bool {
    matches!(need, Need::Sign | Need::People | Need::Acknowledge | Need::Recovery)
}

/// Every command of the window with its need. `src-tauri` refuses a command missing here, and
/// a test keeps this list equal to the shell's.
pub const WINDOW_COMMANDS: &[(&str, Need)] = &[
    ("open_desk", Need::Nothing),
    ("unlock_data", Need::Nothing),
    ("recovery_state", Need::Status),
    ("save_recovery_sheet", Need::Recovery),
    ("backup_settings", Need::Shop),
    ("choose_backup_folder", Need::Shop),
    ("set_backup_numbers", Need::Shop),
    ("backup_now", Need::Shop),
    ("backup_if_due", Need::Shop),
    ("choose_backup_to_restore", Need::Shop),
    ("restore_backup", Need::Shop),
    ("first_paint", Need::Nothing),
    ("set_language", Need::Nothing),
    ("check_tax_id", Need::Nothing),
    ("create_shop", Need::Nothing),
    ("open_demo", Need::Nothing),
    ("sign_in_choices", Need::Nothing),
    ("sign_in", Need::Nothing),
    ("sign_out", Need::Nothing),
    ("get_session", Need::Nothing),
    ("add_first_owner", Need::Nothing),
    ("confirm_pin", Need::SignedIn),
    ("change_own_pin", Need::SignedIn),
    ("my_training", Need::Training),
    ("get_lesson", Need::Training),
    ("start_quiz", Need::Training),
    ("answer_question", Need::Training),
    ("finish_quiz", Need::Training),
    ("open_certificate", Need::Training),
    ("training_roster", Need::Roster),
    ("save_roster", Need::Roster),
    ("verify_certificate_code", Need::Roster),
    ("verify_certificate_file", Need::Roster),
    ("get_overview", Need::Status),
    ("list_people", Need::People),
    ("add_person", Need::People),
    ("set_person_role", Need::People),
    ("set_person_pin", Need::People),
    ("unlock_person", Need::People),
    ("deactivate_person", Need::People),
    ("set_people_settings", Need::People),
    ("record_event", Need::Membership),
    ("void_event", Need::Membership),
    ("add_means", Need::Shop),
    ("disconnect_means", Need::Shop),
    ("add_contract", Need::Shop),
    ("add_outlet", Need::Shop),
    ("list_fines", Need::Fines),
    ("fine_totals", Need::Fines),
    ("get_fine", Need::Fines),
    ("record_fine", Need::Fines),
    ("dispute_fine", Need::Fines),
    ("record_outcome", Need::Fines),
    ("pay_fine", Need::Fines),
    ("void_payment", Need::Fines),
    ("correct_fine", Need::Fines),
    ("void_placement", Need::Shop),
    ("take_back_tick", Need::Membership),
    ("get_schedule", Need::Fines),
    ("add_schedule_entry", Need::Fines),
    ("complete_corrective_action", Need::Fines),
    ("add_corrective_step", Need::Fines),
    ("save_fine_file", Need::Fines),
    ("attach_fine_file", Need::Fines),
    ("import_fines", Need::Fines),
    ("statement_preview", Need::Statements),
    ("save_statement", Need::Statements),
    ("get_bank_details", Need::BankDetails),
    ("set_seller_account", Need::BankDetails),
    ("set_payee", Need::BankDetails),
    ("pick_key_file", Need::Sign),
    ("key_info", Need::Sign),
    ("sign_fine_file", Need::Sign),
    ("list_documents", Need::Documents),
    ("save_signed", Need::Documents),
    ("get_trust", Need::Documents),
    ("set_test_mode", Need::Shop),
    ("set_timestamps", Need::Shop),
    ("add_trust_file", Need::Shop),
    ("key_remembered", Need::Sign),
    ("forget_key_password", Need::Sign),
    ("add_received_document", Need::Documents),
    ("update_crls", Need::Documents),
    ("save_branding", Need::Branding),
    ("open_branding", Need::Branding),
    ("add_placement", Need::Shop),
    ("add_web_presence", Need::Shop),
    ("add_ad_material", Need::Shop),
    ("start_exit", Need::Membership),
    ("tick_exit_item", Need::Membership),
    ("check_exit_site", Need::Membership),
    ("complete_exit", Need::Membership),
    ("sign_document", Need::Sign),
    ("get_kit", Need::Branding),
    ("set_kit_url", Need::Shop),
    ("update_kit", Need::Shop),
    ("rules_page", Need::Status),
    ("rules_diff", Need::Status),
    ("pick_rules_file", Need::Rules),
    ("import_rules", Need::Rules),
    ("acknowledge_rules", Need::Acknowledge),
    ("open_acknowledgement", Need::Status),
    // Each kind of document is checked against its own need (a statement, a certificate…).
    ("print_document", Need::SignedIn),
    // Told when files are handed to the window (a second start); no data in it.
    ("watch_opened_files", Need::Nothing),
    ("receive_opened_files", Need::Documents),
    ("notify_due", Need::Status),
    ("get_reminder_settings", Need::Status),
    ("set_reminder_settings", Need::Shop),
    ("watch_reminder_clicks", Need::Nothing),
];

/// Every command of the command line (its words before any argument) with its need.
pub const CLI_COMMANDS: &[(&str, Need)] = &[
    ("status", Need::Status),
    ("audit verify", Need::Audit),
    ("audit list", Need::Audit),
    ("fines import", Need::Fines),
    ("fines attach", Need::Fines),
    ("fines file", Need::Fines),
    ("fines list", Need::Fines),
    ("statement", Need::Statements),
    ("branding render", Need::Branding),
    ("exit check-site", Need::Membership),
    ("sign", Need::Sign),
    ("verify", Need::Documents),
    ("trust add", Need::Shop),
    ("trust crl add", Need::Documents),
    ("trust crl update", Need::Documents),
    ("trust test-mode", Need::Shop),
    ("trust ocsp", Need::Documents),
    ("trust tsa", Need::Shop),
    ("trust list", Need::Documents),
    ("documents list", Need::Documents),
    ("documents add", Need::Documents),
    ("demo", Need::Nothing),
    ("recover", Need::Nothing),
    ("recovery-sheet", Need::Recovery),
    ("backup", Need::Shop),
    ("restore", Need::Shop),
    ("people list", Need::People),
    ("people add", Need::People),
    ("people set-role", Need::People),
    ("people set-pin", Need::People),
    ("people unlock", Need::People),
    ("training roster", Need::Roster),
    ("training verify", Need::Roster),
    ("rules import", Need::Rules),
    ("rules list", Need::Status),
    ("rules diff", Need::Status),
    ("rules acknowledge", Need::Acknowledge),
];

/// The need of a window command; `None` for a name not in the table (refused).
pub fn window_need(command: &str) -> Option<Need> {
    WINDOW_COMMANDS.iter().find(|(name, _)| *name == command).map(|(_, need)| *need)
}

pub fn cli_need(command: &str) -> Option<Need> {
    CLI_COMMANDS.iter().find(|(name, _)| *name == command).map(|(_, need)| *need)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table as the issue states it, row by row: owner, accountant, cashier.
    #[test]
    fn the_role_table() {
        let rows = [
            (Need::Nothing, [true, true, true]),
            (Need::SignedIn, [true, true, true]),
            (Need::Status, [true, true, false]),
            (Need::Training, [true, true, true]),
            (Need::Roster, [true, true, false]),
            (Need::Fines, [true, true, false]),
            (Need::Statements, [true, true, false]),
            (Need::BankDetails, [true, true, false]),
            (Need::Documents, [true, true, false]),
            (Need::Branding, [true, true, false]),
            (Need::Audit, [true, true, false]),
            (Need::Shop, [true, false, false]),
            (Need::Membership, [true, false, false]),
            (Need::Sign, [true, false, false]),
            (Need::People, [true, false, false]),
        ];
        for (need, expected) in rows {
            for (role, allowed) in Role::ALL.into_iter().zip(expected) {
                assert_eq!(may(role, need), allowed, "{role:?} {need:?}");
            }
        }
    }

    #[test]
    fn command_names_are_listed_once() {
        for table in [WINDOW_COMMANDS, CLI_COMMANDS] {
            let mut names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            assert_eq!(before, names.len());
        }
    }
}
