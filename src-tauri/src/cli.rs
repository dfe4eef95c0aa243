//! The headless command line on the same binary.

use clap::{Parser, Subcommand};
use desk::{Desk, SystemClock};

#[derive(Parser)]
#[command(name = "seller-desk", version, about = "Seller Desk: the back-office of an Alatau City Club seller")]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Prints the derived membership status of the shop in SELLER_DESK_DATA_DIR (or the user's data folder).
    Status {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Checks the audit trail (6.8): finds any row changed, removed or reordered outside the app.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
    /// Manages the demo shop.
    Demo {
        /// Creates the demo shop in an empty data folder.
        #[arg(long, required = true)]
        init: bool,
    },
}

#[derive(Subcommand)]
pub enum AuditAction {
    /// Verifies the SHA-256 chain; exits with 1 and names the first bad row when it is broken.
    Verify,
}

/// `None` when the window should open.
pub fn parse() -> Option<Command> {
    Args::parse().command
}

/// Runs a headless command; returns the process exit code.
pub fn run(command: Command) -> i32 {
    let result = (|| -> Result<(), desk::ApiError> {
        let dir = desk::data_dir()?;
        let mut desk = Desk::open(&dir, SystemClock)?;
        match command {
            Command::Status { json } => {
                let report = desk.status_report()?;
                if json {
                    let text = serde_json::to_string_pretty(&report)
                        .map_err(|e| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string()))?;
                    println!("{text}");
                } else {
                    print_status(&report);
                }
            }
            Command::Audit { action: AuditAction::Verify } => {
                let report = desk.verify_audit()?;
                match report.problem {
                    None => println!("The audit trail is intact: {} rows checked.", report.rows),
                    Some(problem) => {
                        println!("The audit trail is broken: {problem}.");
                        return Err(desk::ApiError::new(desk::ErrorCode::AuditBroken, problem));
                    }
                }
            }
            Command::Demo { init: _ } => {
                let overview = desk.init_demo()?;
                println!("The demo shop {} was created in {}", overview.seller.name, dir.display());
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("seller-desk: {} ({})", e.message, serde_json::to_string(&e.code).unwrap_or_default());
            1
        }
    }
}

fn print_status(report: &desk::dto::StatusReport) {
    let state = serde_json::to_value(report.status.state).unwrap_or_default();
    match &report.seller {
        Some(s) => println!("{} ({})", s.name, s.tax_id.number()),
        None => println!("No shop yet"),
    }
    print!("State: {}", state.as_str().unwrap_or("?"));
    match report.status.since {
        Some(since) => println!(" since {since}"),
        None => println!(),
    }
    for action in &report.status.next_actions {
        println!("Next: {}", serde_json::to_string(action).unwrap_or_default());
    }
}
