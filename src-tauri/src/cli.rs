//! The headless command line on the same binary.

use clap::{Parser, Subcommand};
use desk::{Desk, SystemClock};

#[derive(Parser)]
#[command(
    name = "seller-desk",
    version,
    about = "Seller Desk: the back-office of an Alatau City Club seller",
    after_help = EXAMPLES
)]
struct Args {
    /// With no command: the window opens (or the running one comes forward) and adds these
    /// received signatures (.cms, .p7s, .sig) to the document archive, each with its verdict.
    #[arg(value_name = "FILE")]
    files: Vec<std::path::PathBuf>,
    /// Act as this person of the shop (its owner when left out); the PIN is read from the
    /// SELLER_DESK_PIN environment variable.
    #[arg(long = "as", global = true, value_name = "NAME")]
    as_person: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// One example of each command, as `seller-desk --help` ends (a test checks that every command
/// has one and that each parses).
const EXAMPLES: &str = "\
Examples (the data folder is SELLER_DESK_DATA_DIR or the user's; the PIN of the person acting,
the owner unless --as names another, is in SELLER_DESK_PIN):
  seller-desk                                   open the window (the running one comes forward)
  seller-desk letter.pdf.cms                    hand a received signature to the window
  seller-desk demo --init                       make the demo shop in an empty data folder
  seller-desk status                            the membership status and the next steps
  seller-desk --as \"Гүлнар Серікова\" status     the same, as the accountant
  seller-desk audit verify                      check the audit trail for edits made outside the app
  seller-desk fines import notices.csv          import the platform's notice list (all rows or none)
  seller-desk fines list --state overdue        the overdue fines with their totals
  seller-desk statement --from 2026-10-01 --to 2026-12-31 --format xlsx --out q4.xlsx
  seller-desk branding render --item poster-a4 --lang ru --out poster.pdf
  seller-desk exit check-site https://shop.kz   the club's marks left on the website (5.1)
  seller-desk sign letter.pdf --key GOST512.p12 --out letter.pdf.cms
  seller-desk verify letter.pdf --cms letter.pdf.cms
  seller-desk trust add nca_gost_2022.cer       trust a CA certificate (its root first)
  seller-desk documents list                    the archive with every signature's verdict
  seller-desk people add --name \"Дамир\" --role cashier --outlet 1   (the PIN in SELLER_DESK_NEW_PIN)
  seller-desk training roster --xlsx roster.xlsx
  seller-desk rules import rules.pdf --published 01.12.2026
";

/// The environment variable holding the PIN of the person the command line acts as.
pub const PIN_ENV: &str = "SELLER_DESK_PIN";
/// The environment variable holding a PIN being set (`people add`, `people set-pin`).
pub const NEW_PIN_ENV: &str = "SELLER_DESK_NEW_PIN";

/// A command and who it is done as.
pub struct Invocation {
    pub command: Command,
    pub as_person: Option<String>,
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
    /// Fines: import the platform's notice list, list recorded fines.
    Fines {
        #[command(subcommand)]
        action: FinesAction,
    },
    /// Writes the accountant's statement of fines for a period: XLSX, CSV, PDF or the 1C
    /// bank-exchange text (payments by transfer; needs the bank details entered in the app).
    Statement {
        /// The first day, YYYY-MM-DD.
        #[arg(long)]
        from: chrono::NaiveDate,
        /// The last day, YYYY-MM-DD.
        #[arg(long)]
        to: chrono::NaiveDate,
        /// One outlet's number; all outlets when left out.
        #[arg(long)]
        outlet: Option<i64>,
        /// xlsx | csv | pdf | 1c
        #[arg(long)]
        format: String,
        /// CSV with `,` and `.` (and ISO dates) instead of `;` and decimal commas for Excel.
        #[arg(long)]
        plain: bool,
        /// kk | ru | en
        #[arg(long, default_value = "kk")]
        lang: String,
        /// The day printed as the day of preparation, YYYY-MM-DD (today when left out).
        #[arg(long)]
        prepared_on: Option<chrono::NaiveDate>,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// The club's branding items for the shop's outlets and website (2.5.1).
    Branding {
        #[command(subcommand)]
        action: BrandingAction,
    },
    /// Leaving the club (5.1).
    Exit {
        #[command(subcommand)]
        action: ExitAction,
    },
    /// Signs FILE with an NCA key container (SIGN key, the seller's own IIN/BIN); keeps the
    /// document and its signature in the archive. Exit 0 only when the signature is made.
    Sign {
        file: std::path::PathBuf,
        /// The key container (.p12).
        #[arg(long)]
        key: std::path::PathBuf,
        /// The signature alone, beside the file (the default).
        #[arg(long, conflicts_with = "attached")]
        detached: bool,
        /// The file inside the signature.
        #[arg(long)]
        attached: bool,
        /// Where the .cms goes.
        #[arg(long)]
        out: std::path::PathBuf,
        /// Read the password from this environment variable (else it is asked, with no echo).
        #[arg(long)]
        password_env: Option<String>,
        /// The archive's title of the document (the file name when left out).
        #[arg(long)]
        title: Option<String>,
    },
    /// Verifies a CMS signature: FILE is the .cms (attached), or the signed file with --cms.
    /// Exit 0 only when every signer is valid.
    Verify {
        file: std::path::PathBuf,
        /// Exit 0 also when a signer is valid but its revocation could not be checked (no
        /// current CRL or OCSP answer); without it, only fully checked signatures pass.
        #[arg(long)]
        accept_unchecked_revocation: bool,
        /// The detached signature of FILE.
        #[arg(long)]
        cms: Option<std::path::PathBuf>,
        /// Judge the certificates as of this day (YYYY-MM-DD) instead of the signing time.
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
        #[arg(long)]
        json: bool,
    },
    /// The certificates and CRLs signatures are checked against, and the test-keys mode.
    Trust {
        #[command(subcommand)]
        action: TrustAction,
    },
    /// The document archive.
    Documents {
        #[command(subcommand)]
        action: DocumentsAction,
    },
    /// The shop's people (6.8): who may do what. The owner only; PINs are read from
    /// SELLER_DESK_NEW_PIN, never from the command line.
    People {
        #[command(subcommand)]
        action: PeopleAction,
    },
    /// The cashiers' training on the payment rules (2.5.2): the roster and certificates.
    Training {
        #[command(subcommand)]
        action: TrainingAction,
    },
    /// The club's rules (4.1–4.3): import a published version, list the versions, see what
    /// changed clause by clause, acknowledge the version in force.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Manages the demo shop.
    Demo {
        /// Creates the demo shop in an empty data folder.
        #[arg(long, required = true)]
        init: bool,
    },
}

#[derive(Subcommand)]
pub enum TrainingAction {
    /// Each person's standing per outlet: certified until, due within 30 days, overdue, never
    /// trained; with --xlsx or --pdf the roster is written to that file for the platform's check.
    Roster {
        #[arg(long)]
        json: bool,
        #[arg(long, conflicts_with = "json")]
        xlsx: Option<std::path::PathBuf>,
        #[arg(long, conflicts_with_all = ["json", "xlsx"])]
        pdf: Option<std::path::PathBuf>,
    },
    /// Checks a certificate against the shop's records, offline: its code (as printed, or the
    /// text its QR code holds) or its PDF file. Exits 0 only for a certificate the shop issued,
    /// unaltered and still valid.
    Verify { code_or_pdf: String },
}

#[derive(Subcommand)]
pub enum RulesAction {
    /// Imports a published version of the rules (its text, or the PDF as downloaded) with the
    /// day it was published; the same text again is recognised, not stored twice.
    Import {
        file: std::path::PathBuf,
        /// The publication day, YYYY-MM-DD or DD.MM.YYYY.
        #[arg(long)]
        published: String,
        #[arg(long)]
        json: bool,
    },
    /// Every version, newest first: published, in force, changes, acknowledged.
    List {
        #[arg(long)]
        json: bool,
    },
    /// What changed clause by clause, words removed as [-…-] and added as {+…+}. V is a
    /// version's number (`rules list`), its publication day, or `shipped`; by default the
    /// version in force against the one before it.
    Diff {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Acknowledges the version in force (the owner, with the PIN in SELLER_DESK_PIN): the
    /// acknowledgement PDF goes into the document archive, and to FILE with --out.
    Acknowledge {
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum FinesAction {
    /// Imports fines from a CSV file (columns in README); all rows or none.
    Import { file: std::path::PathBuf },
    /// Keeps FILE with a fine: the platform's notice or evidence for its dispute.
    Attach {
        /// The fine's number.
        #[arg(long)]
        fine: i64,
        /// notice | evidence
        #[arg(long, default_value = "notice")]
        role: String,
        file: std::path::PathBuf,
    },
    /// Writes a file kept with a fine (the dispute letter, ...) to OUT.
    File {
        /// The file's number, as `fines list --json` and the fine's detail show it.
        #[arg(long)]
        id: i64,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Lists fines, newest notice first, with totals over the selection.
    List {
        #[arg(long)]
        json: bool,
        /// any | open | overdue | disputed | paid | cancelled
        #[arg(long, default_value = "any", value_parser = ["any", "open", "overdue", "disputed", "paid", "cancelled"])]
        state: String,
        /// The outlet's number.
        #[arg(long)]
        outlet: Option<i64>,
        /// The clause, e.g. 2.5.4.
        #[arg(long)]
        clause: Option<String>,
        /// Notice date from, YYYY-MM-DD.
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        /// Notice date to, YYYY-MM-DD.
        #[arg(long)]
        to: Option<chrono::NaiveDate>,
        /// Any part of the notice number or the notes.
        #[arg(long, default_value = "")]
        search: String,
        /// The column to sort by, newest or largest first (with --ascending, the other way).
        #[arg(long, default_value = "notice-date", value_parser = ["notice-date", "amount", "due-date", "balance", "state"])]
        sort: String,
        #[arg(long)]
        ascending: bool,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
}

#[derive(Subcommand)]
pub enum TrustAction {
    /// Adds a CA certificate from a file (root_gost_2022.cer, nca_gost_2022.cer, root_rsa_2020.cer,
    /// nca_rsa_2022.cer from pki.gov.kz): a self-signed one is a root, one issued by a trusted CA an
    /// intermediate; one that chains to nothing trusted is refused (add its root first).
    Add {
        cert: std::path::PathBuf,
        /// Says that an intermediate CA is expected (a self-signed certificate is then refused).
        #[arg(long)]
        intermediate: bool,
    },
    /// Asks the OCSP responders of the archive's signers (online) and keeps the checked answers.
    Ocsp,
    /// Timestamps (CAdES-T) on the signatures made here: on | off, and the TSA's address.
    Tsa {
        /// on | off
        #[arg(value_parser = ["on", "off"])]
        state: String,
        /// The TSA's address (http or https); NCA's when not given.
        #[arg(long)]
        url: Option<String>,
    },
    /// Certificate revocation lists.
    Crl {
        #[command(subcommand)]
        action: CrlAction,
    },
    /// NCA's test certificates count only while this is on.
    TestMode {
        /// on | off
        state: String,
    },
    /// Lists the trusted certificates.
    List,
}

#[derive(Subcommand)]
pub enum BrandingAction {
    /// Renders a branding item: sticker, table-tent, poster-a4, poster-a3 (PDF) or badge (SVG;
    /// PNG with --scale 1 or 2).
    Render {
        #[arg(long)]
        item: String,
        /// One outlet's number (its name and bank QR code go on the item).
        #[arg(long)]
        outlet: Option<i64>,
        /// kk | ru | en
        #[arg(long, default_value = "kk")]
        lang: String,
        /// The badge as PNG at this scale (1 or 2) instead of SVG.
        #[arg(long)]
        scale: Option<u32>,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
pub enum ExitAction {
    /// Checks a website for the club's marks (5.1): exit code 0 when none remains, 1 when some
    /// do, 2 when the site cannot be checked.
    CheckSite {
        /// The address to start from (more may follow: pages of the same site).
        #[arg(required = true)]
        url: Vec<String>,
        /// How many pages to read at most.
        #[arg(long, default_value_t = 50)]
        max_pages: usize,
        /// The pause between two requests, in milliseconds.
        #[arg(long, default_value_t = 500)]
        delay_ms: u64,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum CrlAction {
    /// Adds a CRL from a file.
    Add { crl: std::path::PathBuf },
    /// Downloads the CRLs the known certificates name (online; offline, says which it could not reach).
    Update,
}

#[derive(Subcommand)]
pub enum DocumentsAction {
    /// Lists the archive: documents and their signatures.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Adds a signed document received from elsewhere, verified and kept with its verdicts:
    /// FILE is an attached .cms, or the signed file with --cms.
    Add {
        file: std::path::PathBuf,
        #[arg(long)]
        cms: Option<std::path::PathBuf>,
        #[arg(long)]
        title: Option<String>,
        /// received_notice | acknowledgement | other
        #[arg(long, default_value = "received_notice")]
        kind: String,
    },
}

#[derive(Subcommand)]
pub enum PeopleAction {
    /// Lists the shop's people with their roles and whether they are locked.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Adds a person; the PIN (6 digits) comes from SELLER_DESK_NEW_PIN. In a data folder from
    /// before people, the first person added is the owner.
    Add {
        #[arg(long)]
        name: String,
        /// owner | accountant | cashier
        #[arg(long, value_parser = ["owner", "accountant", "cashier"])]
        role: String,
        /// The outlet's number, for a cashier.
        #[arg(long)]
        outlet: Option<i64>,
    },
    /// Changes a person's role.
    SetRole {
        /// The person's number (`people list`).
        id: i64,
        #[arg(value_parser = ["owner", "accountant", "cashier"])]
        role: String,
    },
    /// Sets a person's PIN from SELLER_DESK_NEW_PIN (and clears a lock).
    SetPin { id: i64 },
    /// Unlocks a person locked after 10 wrong PINs.
    Unlock { id: i64 },
}

#[derive(Subcommand)]
pub enum AuditAction {
    /// Verifies the SHA-256 chain; exits with 1 and names the first bad row when it is broken.
    Verify,
    /// The newest rows of the audit trail, newest first: when, who, what (6.8).
    List {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
}

/// What the command line asked for: a headless command, or the window with the files to open.
pub enum Parsed {
    Command(Invocation),
    Window { files: Vec<String> },
}

pub fn parse() -> Parsed {
    let args = Args::parse();
    match args.command {
        Some(command) => Parsed::Command(Invocation { command, as_person: args.as_person }),
        None => Parsed::Window { files: absolute(&args.files, &std::env::current_dir().unwrap_or_default()) },
    }
}

/// The files a second start of the window was given (its whole argv, as the single-instance
/// plugin hands it over, and its working folder). Anything else it was asked is left to it.
pub fn window_files(argv: &[String], cwd: &str) -> Vec<String> {
    match Args::try_parse_from(argv) {
        Ok(Args { command: None, files, .. }) => absolute(&files, std::path::Path::new(cwd)),
        _ => Vec::new(),
    }
}

fn absolute(files: &[std::path::PathBuf], cwd: &std::path::Path) -> Vec<String> {
    files.iter().map(|f| cwd.join(f).display().to_string()).collect()
}

/// The command's name in the role table (`desk::people::access::CLI_COMMANDS`).
pub fn command_name(command: &Command) -> &'static str {
    match command {
        Command::Status { .. } => "status",
        Command::Audit { action: AuditAction::Verify } => "audit verify",
        Command::Audit { action: AuditAction::List { .. } } => "audit list",
        Command::Fines { action } => match action {
            FinesAction::Import { .. } => "fines import",
            FinesAction::Attach { .. } => "fines attach",
            FinesAction::File { .. } => "fines file",
            FinesAction::List { .. } => "fines list",
        },
        Command::Statement { .. } => "statement",
        Command::Branding { action: BrandingAction::Render { .. } } => "branding render",
        Command::Exit { action: ExitAction::CheckSite { .. } } => "exit check-site",
        Command::Sign { .. } => "sign",
        Command::Verify { .. } => "verify",
        Command::Trust { action } => match action {
            TrustAction::Add { .. } => "trust add",
            TrustAction::Crl { action: CrlAction::Add { .. } } => "trust crl add",
            TrustAction::Crl { action: CrlAction::Update } => "trust crl update",
            TrustAction::TestMode { .. } => "trust test-mode",
            TrustAction::Ocsp => "trust ocsp",
            TrustAction::Tsa { .. } => "trust tsa",
            TrustAction::List => "trust list",
        },
        Command::Documents { action } => match action {
            DocumentsAction::List { .. } => "documents list",
            DocumentsAction::Add { .. } => "documents add",
        },
        Command::People { action } => match action {
            PeopleAction::List { .. } => "people list",
            PeopleAction::Add { .. } => "people add",
            PeopleAction::SetRole { .. } => "people set-role",
            PeopleAction::SetPin { .. } => "people set-pin",
            PeopleAction::Unlock { .. } => "people unlock",
        },
        Command::Training { action } => match action {
            TrainingAction::Roster { .. } => "training roster",
            TrainingAction::Verify { .. } => "training verify",
        },
        Command::Rules { action } => match action {
            RulesAction::Import { .. } => "rules import",
            RulesAction::List { .. } => "rules list",
            RulesAction::Diff { .. } => "rules diff",
            RulesAction::Acknowledge { .. } => "rules acknowledge",
        },
        Command::Demo { .. } => "demo",
    }
}

/// Signs in as the person the command acts as and checks the command against the role table.
/// A data folder without a shop has nobody to act as; a shop from before people acts as
/// nobody until its owner is added (`people add --role owner`).
fn act(desk: &mut Desk, command: &Command, as_person: Option<&str>) -> Result<(), desk::ApiError> {
    let name = command_name(command);
    let need = desk::people::access::cli_need(name)
        .ok_or_else(|| desk::ApiError::new(desk::ErrorCode::RoleRefused, format!("{name} is not in the role table")))?;
    if need == desk::people::Need::Nothing || !desk.has_shop()? {
        return Ok(());
    }
    if !desk.has_people()? && matches!(command, Command::People { action: PeopleAction::Add { .. } }) {
        return Ok(());
    }
    let pin = std::env::var(PIN_ENV).ok().filter(|p| !p.is_empty());
    desk.act_as(as_person, pin)?;
    desk.need(need)
}

fn new_pin() -> Result<String, desk::ApiError> {
    std::env::var(NEW_PIN_ENV)
        .ok()
        .filter(|p| !p.is_empty())
        .ok_or_else(|| desk::ApiError::new(desk::ErrorCode::PinNeeded, format!("put the new PIN in {NEW_PIN_ENV}")))
}

fn role(code: &str) -> Result<desk::people::Role, desk::ApiError> {
    desk::people::Role::from_code(code).ok_or_else(|| {
        desk::ApiError::new(desk::ErrorCode::RoleRefused, format!("{code:?}: owner, accountant or cashier"))
    })
}

/// The website check: 0 when no club mark remains, 1 when some do, 2 when it cannot be done.
fn check_site(urls: &[String], max_pages: usize, delay_ms: u64, json: bool, as_person: Option<&str>) -> i32 {
    // The seller's own badges are recognised by their bytes when a shop exists here; the
    // check is the owner's, as the exit is.
    let known = match desk::data_dir().and_then(|dir| Desk::open(&dir, SystemClock)) {
        Ok(mut desk) => {
            let command =
                Command::Exit { action: ExitAction::CheckSite { url: urls.to_vec(), max_pages, delay_ms, json } };
            if let Err(e) = act(&mut desk, &command, as_person) {
                eprintln!("seller-desk: {} ({})", e.message, serde_json::to_string(&e.code).unwrap_or_default());
                return 2;
            }
            desk.club_images().unwrap_or_default()
        }
        Err(_) => Vec::new(),
    };
    let options = desk::site_check::CheckOptions {
        max_pages,
        delay: std::time::Duration::from_millis(delay_ms),
        known_images: known,
    };
    match desk::site_check::check_site(urls, &options) {
        Ok(report) => {
            if json {
                println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
            } else {
                for f in &report.findings {
                    println!("{}  [{}]  {}: {}", f.page, f.place, f.matched, f.excerpt);
                }
                println!(
                    "{} page(s) read, {} left out by robots.txt; {}",
                    report.pages.len(),
                    report.disallowed.len(),
                    if report.clean {
                        "no club mark remains".to_string()
                    } else {
                        format!("{} mark(s) remain", report.findings.len())
                    }
                );
            }
            i32::from(!report.clean)
        }
        Err(e) => {
            eprintln!("seller-desk: {e}");
            2
        }
    }
}

/// Runs a headless command; returns the process exit code.
pub fn run(invocation: Invocation) -> i32 {
    let Invocation { command, as_person } = invocation;
    if let Command::Exit { action: ExitAction::CheckSite { url, max_pages, delay_ms, json } } = &command {
        return check_site(url, *max_pages, *delay_ms, *json, as_person.as_deref());
    }
    let result = (|| -> Result<(), desk::ApiError> {
        let dir = desk::data_dir()?;
        let mut desk = Desk::open(&dir, SystemClock)?;
        act(&mut desk, &command, as_person.as_deref())?;
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
            Command::Audit { action: AuditAction::List { json, limit } } => {
                let rows = desk.audit_trail(limit)?;
                if json {
                    let text = serde_json::to_string_pretty(&rows)
                        .map_err(|e| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string()))?;
                    println!("{text}");
                } else {
                    for r in &rows {
                        let who = r.person.clone().unwrap_or_else(|| format!("({})", r.profile));
                        println!("{:>6}  {}  {:<24}  {} {} #{}", r.seq, r.at, who, r.action, r.entity, r.entity_id);
                    }
                }
            }
            Command::Fines { action: FinesAction::Import { file } } => {
                let bytes = std::fs::read(&file).map_err(|e| {
                    desk::ApiError::new(desk::ErrorCode::StoreIo, format!("cannot read {}: {e}", file.display()))
                })?;
                let report = desk.import_fines(&bytes)?;
                if report.errors.is_empty() {
                    println!("Imported {} fines from {}.", report.imported, file.display());
                } else {
                    println!("Nothing was imported; rows with errors: {}.", report.errors.len());
                    for e in &report.errors {
                        let column = if e.column.is_empty() { String::new() } else { format!(" [{}]", e.column) };
                        println!("line {}{column}: {}", e.line, e.message);
                    }
                    return Err(desk::ApiError::new(desk::ErrorCode::ImportBadRow, "the file has errors"));
                }
            }
            Command::Fines { action: FinesAction::Attach { fine, role, file } } => {
                let role = match role.as_str() {
                    "notice" => desk::fines::FileRole::Notice,
                    "evidence" => desk::fines::FileRole::Evidence,
                    other => {
                        return Err(desk::ApiError::new(
                            desk::ErrorCode::CliBadArgument,
                            format!("unknown role {other:?}: notice or evidence"),
                        ))
                    }
                };
                let bytes = std::fs::read(&file).map_err(|e| {
                    desk::ApiError::new(desk::ErrorCode::FileNotRead, format!("cannot read {}: {e}", file.display()))
                })?;
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let detail = desk.attach_fine_file(fine, role, &name, &bytes)?;
                if let Some(kept) = detail.files.last() {
                    println!("Kept {} with fine {} as file {} (SHA-256 {}).", kept.name, fine, kept.id, kept.sha256);
                }
            }
            Command::Fines { action: FinesAction::File { id, out } } => {
                let (name, bytes) = desk.fine_file(id)?;
                std::fs::write(&out, bytes).map_err(|e| {
                    desk::ApiError::new(desk::ErrorCode::FileNotSaved, format!("cannot write {}: {e}", out.display()))
                })?;
                println!("Wrote {name} to {}.", out.display());
            }
            Command::Fines {
                action: FinesAction::List { json, state, outlet, clause, from, to, search, sort, ascending, limit },
            } => {
                let mut query = fines_query(&state, outlet, clause.as_deref(), from, to, limit)?;
                query.search = search;
                query.ascending = ascending;
                query.sort = match sort.as_str() {
                    "amount" => desk::fines::FineSort::Amount,
                    "due-date" => desk::fines::FineSort::DueDate,
                    "balance" => desk::fines::FineSort::Balance,
                    "state" => desk::fines::FineSort::State,
                    _ => desk::fines::FineSort::NoticeDate,
                };
                let page = desk.list_fines(&query)?;
                let totals = desk.fine_totals(&query)?;
                if json {
                    let both = serde_json::json!({ "rows": page.rows, "next": page.next, "totals": totals });
                    let text = serde_json::to_string_pretty(&both)
                        .map_err(|e| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string()))?;
                    println!("{text}");
                } else {
                    for row in &page.rows {
                        println!(
                            "{}  {}  {:>6}  {:>12}  owed {:>12}  {}",
                            row.fine.notice_date,
                            row.fine.notice_number,
                            row.clause,
                            row.fine.amount.format(club::Lang::En),
                            row.balance.format(club::Lang::En),
                            serde_json::to_value(row.state)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default()
                        );
                    }
                    println!(
                        "{} fines; charged {}, paid {}, offset {}, owed {}",
                        totals.count,
                        totals.charged.format(club::Lang::En),
                        totals.paid.format(club::Lang::En),
                        totals.offset.format(club::Lang::En),
                        totals.balance.format(club::Lang::En)
                    );
                }
            }
            Command::Statement { from, to, outlet, format, plain, lang, prepared_on, out } => {
                use desk::statements::{StatementFormat, StatementRequest};
                let bad = |what: String| desk::ApiError::new(desk::ErrorCode::CliBadArgument, what);
                let format = match (StatementFormat::parse(&format), plain) {
                    (Some(StatementFormat::Csv), true) => StatementFormat::CsvPlain,
                    (Some(_), true) => return Err(bad("--plain is for --format csv".into())),
                    (Some(f), false) => f,
                    (None, _) => return Err(bad(format!("unknown format {format:?}: xlsx, csv, pdf or 1c"))),
                };
                let lang = club::Lang::from_code(&lang)
                    .ok_or_else(|| bad(format!("unknown language {lang:?}: kk, ru or en")))?;
                let request = StatementRequest { from, to, outlet_id: outlet, format, lang };
                let file = desk.statement_file(&request, prepared_on)?;
                desk::statements::save(&out, &file.bytes)?;
                let preview = desk.statement_preview(&request)?;
                let t = &preview.totals;
                println!(
                    "Wrote {} ({} entries) to {}: opening {}, charged {}, cancelled {}, paid {}, offset {}, closing {}.",
                    file.name,
                    preview.lines,
                    out.display(),
                    t.opening.format(club::Lang::En),
                    t.charged.format(club::Lang::En),
                    t.cancelled.format(club::Lang::En),
                    t.paid.format(club::Lang::En),
                    t.offset.format(club::Lang::En),
                    t.closing.format(club::Lang::En),
                );
            }
            Command::Sign { file, key, detached: _, attached, out, password_env, title } => {
                let content = read_file(&file)?;
                let p12 = read_file(&key)?;
                let password = password(password_env.as_deref())?;
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let layout = if attached { eds::cms::Layout::Attached } else { eds::cms::Layout::Detached };
                let doc = desk::signatures::DocumentToSign {
                    content: &content,
                    file_name: &name,
                    title: title.as_deref().unwrap_or(&name),
                    kind: if name.starts_with("dispute-letter") { "dispute_letter" } else { "other" },
                };
                let signed = desk.sign_document(&doc, &p12, password, layout)?;
                desk::statements::save(&out, &signed.cms)?;
                let s = &signed.verification.signers[0];
                println!(
                    "Signed {} by {} ({}); kept as document {}; verification: {}. Wrote {}.",
                    file.display(),
                    s.signer.as_ref().map(|p| p.holder.as_str()).unwrap_or("?"),
                    s.signer.as_ref().and_then(|p| p.bin.clone().or(p.iin.clone())).unwrap_or_default(),
                    signed.document_id,
                    s.outcome,
                    out.display()
                );
            }
            Command::Verify { file, cms, as_of, json, accept_unchecked_revocation } => {
                let first = read_file(&file)?;
                let report = match cms {
                    Some(sig) => desk.verify_signature(&read_file(&sig)?, Some(&first), as_of.map(day_start))?,
                    None => desk.verify_signature(&first, None, as_of.map(day_start))?,
                };
                if json {
                    println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
                } else {
                    for s in &report.signers {
                        let who =
                            s.signer.as_ref().map(|p| format!("{} [{}]", p.holder, p.algorithm)).unwrap_or_default();
                        let detail = s.detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
                        println!("{who}: {}{detail}; signed {}", s.outcome, s.signing_time.as_deref().unwrap_or("?"));
                        if let Some(t) = &s.timestamp {
                            println!("    timestamp: {} by {}", t.time, t.tsa);
                        }
                        match &s.revocation {
                            Some(r) if r.method == "not_checked" => println!(
                                "    revocation not checked for {} ({}): update the CRLs or check online (trust crl update, trust ocsp)",
                                r.source,
                                r.reason.as_deref().unwrap_or("")
                            ),
                            Some(r) => println!(
                                "    revocation checked by {} of {} ({}{})",
                                r.method,
                                r.source,
                                r.issued.as_deref().unwrap_or("?"),
                                r.next_update.as_deref().map(|n| format!(", next update {n}")).unwrap_or_default()
                            ),
                            None => {}
                        }
                    }
                }
                let passes = |o: &str| o == "valid" || (accept_unchecked_revocation && o == "revocation_not_checked");
                if report.signers.is_empty() || !report.signers.iter().all(|s| passes(&s.outcome)) {
                    return Err(desk::ApiError::new(
                        desk::ErrorCode::EdsSignatureInvalid,
                        "not every signer is valid with its revocation checked",
                    ));
                }
            }
            Command::Trust { action } => match action {
                TrustAction::Add { cert, intermediate } => {
                    let added = desk.trust_add(&read_file(&cert)?, intermediate)?;
                    println!("Trusted {} ({}).", added.subject, added.role);
                }
                TrustAction::Crl { action: CrlAction::Add { crl } } => {
                    println!("Added the CRL of {}.", desk.trust_crl_add(&read_file(&crl)?)?);
                }
                TrustAction::Crl { action: CrlAction::Update } => {
                    let addresses = desk.crl_addresses()?;
                    if addresses.is_empty() {
                        println!("No known certificate names a CRL address.");
                    }
                    let report = desk.keep_fetched_crls(desk::crls::fetch(&addresses))?;
                    for r in &report.results {
                        match (&r.issuer, &r.detail) {
                            (Some(issuer), _) => println!("{}: the CRL of {issuer}", r.url),
                            (None, detail) => println!("{}: not updated ({})", r.url, detail.as_deref().unwrap_or("")),
                        }
                    }
                    println!("{} CRL(s) kept, {} address(es) unreachable (offline is fine: the CRLs already kept still count).", report.kept, report.unreachable);
                }
                TrustAction::Ocsp => {
                    let asks = desk.ocsp_asks()?;
                    if asks.is_empty() {
                        println!("No signer of the archive names an OCSP responder Seller Desk can ask.");
                    }
                    for r in desk.keep_ocsp_answers(desk::revocation::ask_ocsp(asks))? {
                        match (&r.status, &r.problem) {
                            (Some(status), _) => println!("{} ({}): {status}", r.holder, r.url),
                            (None, problem) => println!(
                                "{} ({}): no answer kept — {} ({})",
                                r.holder,
                                r.url,
                                problem.as_deref().unwrap_or(""),
                                r.detail.as_deref().unwrap_or("")
                            ),
                        }
                    }
                }
                TrustAction::Tsa { state, url } => {
                    let on = state == "on";
                    let current = desk.timestamp_settings()?;
                    let set = desk.set_timestamps(on, url.as_deref().unwrap_or(&current.url))?;
                    println!("Timestamps are {} (TSA {}).", if set.on { "on" } else { "off" }, set.url);
                }
                TrustAction::TestMode { state } => {
                    let on = match state.as_str() {
                        "on" => true,
                        "off" => false,
                        other => {
                            return Err(desk::ApiError::new(
                                desk::ErrorCode::CliBadArgument,
                                format!("{other:?}: on or off"),
                            ))
                        }
                    };
                    desk.set_test_mode(on)?;
                    println!("Test keys mode is {state}.");
                }
                TrustAction::List => {
                    println!("Test keys mode: {}", if desk.test_mode()? { "on" } else { "off" });
                    let trust = desk.trust_overview()?;
                    for c in &trust.certs {
                        println!("{}  {:<12}  {}", c.id, c.role, c.subject);
                    }
                    for c in &trust.crls {
                        println!(
                            "{} of {}: issued {}, next update {}{}, {} revoked",
                            if c.delta { "delta CRL" } else { "CRL" },
                            c.issuer,
                            c.this_update,
                            c.next_update.as_deref().unwrap_or("none"),
                            if c.current { "" } else { " (stale)" },
                            c.revoked
                        );
                    }
                    let ts = &trust.timestamps;
                    println!("Timestamps: {} (TSA {})", if ts.on { "on" } else { "off" }, ts.url);
                    println!("NCA RK publishes at pki.gov.kz: {}", eds::NCA_CERTIFICATES.join(", "));
                }
            },
            Command::Documents { action: DocumentsAction::Add { file, cms, title, kind } } => {
                let first = read_file(&file)?;
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let title = title.unwrap_or_else(|| name.clone());
                let doc = match cms {
                    Some(sig) => desk.add_received(&read_file(&sig)?, Some(&first), &name, &title, &kind)?,
                    None => desk.add_received(&first, None, &name, &title, &kind)?,
                };
                println!("Kept as document {}: {}", doc.id, doc.title);
                for s in &doc.signatures {
                    println!("    {} {}  {}", s.signer, s.bin.as_deref().or(s.iin.as_deref()).unwrap_or(""), s.outcome);
                }
            }
            Command::Documents { action: DocumentsAction::List { json } } => {
                let list = desk.documents()?;
                if json {
                    println!("{}", serde_json::to_string_pretty(&list).unwrap_or_default());
                } else {
                    for d in &list {
                        println!("{}  {}  {}  {}", d.id, d.added_on, d.kind, d.title);
                        for s in &d.signatures {
                            println!(
                                "    {} {}  {}{}",
                                s.signer,
                                s.bin.as_deref().or(s.iin.as_deref()).unwrap_or(""),
                                s.outcome,
                                match &s.timestamp {
                                    Some(t) => format!("; timestamp {} by {}", t.time, t.tsa),
                                    None => "; no timestamp".to_string(),
                                }
                            );
                            if let Some(r) = &s.revocation {
                                let how = r.reason.as_deref().map_or(String::new(), |why| format!(" ({why})"));
                                println!("      revocation: {} {}{how}", r.method, r.source);
                            }
                        }
                    }
                }
            }
            Command::Branding { action: BrandingAction::Render { item, outlet, lang, scale, out } } => {
                let bad = |what: String| desk::ApiError::new(desk::ErrorCode::CliBadArgument, what);
                let item = branding::Item::from_code(&item)
                    .ok_or_else(|| bad(format!("{item:?}: sticker, table-tent, poster-a4, poster-a3 or badge")))?;
                let lang = club::Lang::from_code(&lang).ok_or_else(|| bad(format!("{lang:?}: kk, ru or en")))?;
                let (name, bytes) = desk.render_branding(item, outlet, lang, scale)?;
                desk::statements::save(&out, &bytes)?;
                println!("Wrote {name} to {}.", out.display());
            }
            Command::Exit { .. } => unreachable!("handled before the desk opens"),
            Command::People { action } => people(&mut desk, action)?,
            Command::Training { action } => training(&desk, action)?,
            Command::Rules { action } => rules(&mut desk, action)?,
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

fn read_file(path: &std::path::Path) -> Result<Vec<u8>, desk::ApiError> {
    std::fs::read(path)
        .map_err(|e| desk::ApiError::new(desk::ErrorCode::FileNotRead, format!("cannot read {}: {e}", path.display())))
}

/// The key container's password: from the named environment variable, else asked with no echo.
fn password(env: Option<&str>) -> Result<zeroize::Zeroizing<String>, desk::ApiError> {
    let value = match env {
        Some(var) => std::env::var(var).map_err(|_| {
            desk::ApiError::new(desk::ErrorCode::CliVariableMissing, format!("the variable {var} is not set"))
        })?,
        None => rpassword::prompt_password("Password of the key container: ")
            .map_err(|e| desk::ApiError::new(desk::ErrorCode::Internal, format!("cannot read the password: {e}")))?,
    };
    Ok(zeroize::Zeroizing::new(value))
}

fn day_start(d: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    d.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc()
}

fn print_status(report: &desk::dto::StatusReport) {
    let state = serde_json::to_value(report.status.state).unwrap_or_default();
    match &report.seller {
        Some(s) if report.test_identifier => {
            println!("{} ({}, NCA test identifier: test data)", s.name, s.tax_id.number())
        }
        Some(s) => println!("{} ({})", s.name, s.tax_id.number()),
        None => println!("No shop yet"),
    }
    print!("State: {}", state.as_str().unwrap_or("?"));
    match report.status.since {
        Some(since) => println!(" since {since}"),
        None => println!(),
    }
    if !report.status.next_actions.is_empty() {
        println!("Next steps, most urgent first:");
    }
    for action in &report.status.next_actions {
        let day = action.date().map(|d| format!("{} ", d.format("%d.%m.%Y"))).unwrap_or_default();
        println!("  - {day}{}", next_step_text(action));
    }
}

/// A next step in words, as the window's English screen says it.
fn next_step_text(action: &club::status::NextAction) -> String {
    use club::status::NextAction as A;
    let code = |v: &dyn erased::Code| v.code_text();
    let money = |t: &club::money::Tenge| t.format(club::Lang::En);
    let day = |d: &chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    match action {
        A::RecordJoining => "Record the day the shop joined the club.".into(),
        A::CompleteExitChecklist { reason, deadline } => format!(
            "Finish leaving the club ({}): remove every club mark, poster and flyer, and clean the website and ads (5.1){}.",
            code(reason),
            deadline.map(|d| format!(", by {}", day(&d))).unwrap_or_default()
        ),
        A::StartExitChecklist => "Participation is terminated: start the exit and remove the club's marks (5.1).".into(),
        A::ResolveMeasure { measure } => {
            format!("Settle with the platform to have this measure lifted: 6.6 {}) {}.", measure.letter(), code(measure))
        }
        A::PrepareForClubStop { stop, effective, calendar_days_left, working_days_left } => format!(
            "The club's {} takes effect on {}: {calendar_days_left} calendar days, {working_days_left} working days left (4.4).",
            code(stop),
            day(effective)
        ),
        A::ShortNotice { notice_days, required_days } => format!(
            "The announcement gave {notice_days} calendar days of notice; clause 4.4 requires at least {required_days}."
        ),
        A::EquipOutlet { outlet_name, .. } => {
            format!("\"{outlet_name}\" has no active POS terminal or QR code (2.4.2, 2.5.4): ask the bank to connect one.")
        }
        A::DisplayMarks { outlet_name, .. } => {
            format!("No club mark is recorded at \"{outlet_name}\": display them there (2.5.1) and record them.")
        }
        A::RestoreContract { kind } => format!("Contract {}: not recorded or not in force (1.3).", kind.code()),
        A::PayOverdueFine { notice_number, balance, .. } => {
            format!("Fine {notice_number} is overdue: pay {} or dispute it.", money(balance))
        }
        A::PayFineSoon { notice_number, balance, .. } => format!("Fine {notice_number} falls due: pay {}.", money(balance)),
        A::AwaitDisputeAnswer { notice_number, deadline, .. } => {
            format!("Fine {notice_number} is disputed: the platform's answer is expected by {}.", day(deadline))
        }
        A::CompleteCorrectiveAction { outlet_name, since, .. } => format!(
            "Corrective action at \"{outlet_name}\" open since {} (6.3): retrain the staff on accepting the bank's cards and QR codes (2.5.4).",
            day(since)
        ),
        A::RepeatedRefusals { count, last } => format!(
            "{count} refusals to accept the bank's instruments in 12 months, the last on {} (6.4): another can end the participation.",
            day(last)
        ),
        A::MoreFines { count } => format!("{count} more fines are overdue or due this week: see `seller-desk fines list --state open`."),
        A::TrainingOverdue { person, until, .. } => {
            format!("{person}'s training certificate expired on {} (2.5.2): the quiz is to be taken again.", day(until))
        }
        A::TrainingDueSoon { person, until, .. } => {
            format!("{person}'s training certificate expires on {} (2.5.2): time for the quiz.", day(until))
        }
        A::TrainingNever { person, .. } => format!("{person} has not been trained on the payment rules yet (2.5.2, 6.11)."),
        A::AcknowledgeRules { published, clauses } => format!(
            "The rules published on {} changed clause(s) {} (4.2, 4.3): read them (`seller-desk rules diff`) and acknowledge.",
            day(published),
            clauses.join(", ")
        ),
        A::NewObligation { clause, published } => {
            format!("New obligation in clause {clause} of the rules published on {}: brief the staff.", day(published))
        }
    }
}

/// The snake_case name serde gives an enum value, for the command line's text.
mod erased {
    pub trait Code {
        fn code_text(&self) -> String;
    }
    impl<T: serde::Serialize> Code for T {
        fn code_text(&self) -> String {
            serde_json::to_value(self).ok().and_then(|v| v.as_str().map(|s| s.replace('_', " "))).unwrap_or_default()
        }
    }
}

fn fines_query(
    state: &str,
    outlet: Option<i64>,
    clause: Option<&str>,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    limit: u32,
) -> Result<desk::fines::FineQuery, desk::ApiError> {
    use desk::fines::FineStateFilter as S;
    let state = match state {
        "any" => S::Any,
        "open" => S::Open,
        "overdue" => S::Overdue,
        "disputed" => S::Disputed,
        "paid" => S::Paid,
        "cancelled" => S::Cancelled,
        other => {
            return Err(desk::ApiError::new(
                desk::ErrorCode::CliBadArgument,
                format!("unknown state {other:?}: any, open, overdue, disputed, paid or cancelled"),
            ))
        }
    };
    let violation = match clause {
        Some(c) => Some(club::fines::Violation::from_clause(c).ok_or_else(|| {
            desk::ApiError::new(
                desk::ErrorCode::ImportUnknownClause,
                format!("{c:?} is not a clause fines are charged under"),
            )
        })?),
        None => None,
    };
    Ok(desk::fines::FineQuery {
        state,
        outlet_id: outlet,
        violation,
        from,
        to,
        after: None,
        limit,
        ..Default::default()
    })
}

/// A version named on the command line: its number, its publication day, or `shipped`.
fn rules_version(desk: &Desk, v: &str) -> Result<i64, desk::ApiError> {
    let page = desk.rules_page()?;
    let v = v.trim();
    let found = if v == "shipped" {
        Some(desk::rules::SHIPPED)
    } else if let Ok(id) = v.parse::<i64>() {
        page.versions.iter().find(|x| x.id == id).map(|x| x.id)
    } else {
        let day = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .or_else(|_| chrono::NaiveDate::parse_from_str(v, "%d.%m.%Y"))
            .ok();
        page.versions.iter().find(|x| day.is_some() && x.published_on == day).map(|x| x.id)
    };
    found
        .ok_or_else(|| desk::ApiError::new(desk::ErrorCode::RulesVersionNotFound, format!("there is no version {v:?}")))
}

fn print_diff(d: &desk::rules::RulesDiffDto) {
    use club::rules::{ChangeKind, WordKind};
    let name = |v: &desk::rules::RulesVersionDto| match v.published_on {
        Some(p) => format!("version {} published {}", v.id, p.format("%d.%m.%Y")),
        None => "the shipped version".to_string(),
    };
    println!("{} → {}: {} clause(s) unchanged", name(&d.from), name(&d.to), d.unchanged);
    for c in &d.changes {
        let ch = &c.change;
        let kind = match ch.kind {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Editorial => "editorial",
            ChangeKind::Changed => "changed",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Renumbered => "renumbered",
        };
        let number = match (&ch.old_number, &ch.new_number) {
            (Some(o), Some(n)) if o != n => format!("{o} → {n}"),
            _ => ch.number().to_string(),
        };
        println!();
        println!("{number}  {kind}");
        let text: String = if ch.words.is_empty() {
            ch.new_text.clone().or(ch.old_text.clone()).unwrap_or_default()
        } else {
            ch.words
                .iter()
                .map(|w| match w.kind {
                    WordKind::Same => w.text.clone(),
                    WordKind::Removed => format!("[-{}-]", w.text),
                    WordKind::Added => format!("{{+{}+}}", w.text),
                })
                .collect()
        };
        println!("  {text}");
        let i = &c.impact;
        if let Some((b, a)) = i.notice_days {
            println!("  → the notice before the club stops (4.4): {b} → {a} calendar days");
        }
        if !i.lessons.is_empty() {
            let titles: Vec<&str> = i.lessons.iter().map(|l| l.title.as_str()).collect();
            println!("  → lessons citing it: {}", titles.join("; "));
        }
        if !i.certificates.is_empty() {
            println!("  → certificates covering it: {}", i.certificates.join(", "));
        }
        if i.new_obligation {
            println!("  → a new obligation of the seller");
        }
    }
}

fn rules(desk: &mut Desk, action: RulesAction) -> Result<(), desk::ApiError> {
    let internal = |e: serde_json::Error| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string());
    match action {
        RulesAction::Import { file, published, json } => {
            let bytes = read_file(&file)?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let imported = desk.import_rules(&bytes, &name, &published)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&imported).map_err(internal)?);
            } else if imported.already_known {
                println!("This text is known already (version {}); nothing was stored.", imported.version.id);
            } else {
                println!(
                    "Imported version {} ({} clauses); {} refresher(s) assigned.",
                    imported.version.id, imported.version.clauses, imported.refreshers
                );
                for g in &imported.version.gaps {
                    println!("  gap before {}: {} missing", g.next, g.missing.join(", "));
                }
                if let Some(d) = &imported.diff {
                    print_diff(d);
                }
            }
        }
        RulesAction::List { json } => {
            let page = desk.rules_page()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&page).map_err(internal)?);
                return Ok(());
            }
            for v in &page.versions {
                let published = v.published_on.map(|p| p.format("%d.%m.%Y").to_string()).unwrap_or("shipped".into());
                let ack = match &v.acknowledged {
                    Some(a) => format!(
                        "acknowledged {}{}",
                        a.at.format("%d.%m.%Y"),
                        if a.signed { ", signed" } else { ", PIN" }
                    ),
                    None if v.id == desk::rules::SHIPPED => "shipped with Seller Desk".into(),
                    None => "not acknowledged".into(),
                };
                println!(
                    "{:>3}  {published:<10}  {}{:>3} clauses  {} substantive, {} editorial  {ack}",
                    v.id,
                    if v.in_force { "in force  " } else { "          " },
                    v.clauses,
                    v.substantive,
                    v.editorial
                );
            }
        }
        RulesAction::Diff { from, to, json } => {
            let from = from.as_deref().map(|v| rules_version(desk, v)).transpose()?;
            let to = to.as_deref().map(|v| rules_version(desk, v)).transpose()?;
            let d = desk.rules_diff(from, to)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&d).map_err(internal)?);
            } else {
                print_diff(&d);
            }
        }
        RulesAction::Acknowledge { out } => {
            let done = desk.acknowledge_rules()?;
            let path = match out {
                Some(out) => {
                    let (_, bytes) = desk.acknowledgement_pdf(done.document_id)?;
                    desk::statements::save(&out, &bytes)?;
                    out
                }
                None => desk.keep_acknowledgement(done.document_id)?,
            };
            println!("Acknowledged; the acknowledgement is document {} and {}.", done.document_id, path.display());
        }
    }
    Ok(())
}

fn training(desk: &Desk, action: TrainingAction) -> Result<(), desk::ApiError> {
    let day = |d: &chrono::NaiveDate| d.format("%d.%m.%Y").to_string();
    use desk::training::{RosterFormat, VerifyOutcome};
    use training::roster::Standing;
    let internal = |e: serde_json::Error| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string());
    match action {
        TrainingAction::Roster { json, xlsx, pdf } => {
            let target = xlsx.map(|f| (RosterFormat::Xlsx, f)).or(pdf.map(|f| (RosterFormat::Pdf, f)));
            if let Some((format, out)) = target {
                let (_, bytes) = desk.roster_file(format)?;
                desk::statements::save(&out, &bytes)?;
                println!("Wrote the training roster to {}.", out.display());
                return Ok(());
            }
            let roster = desk.training_roster()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&roster).map_err(internal)?);
                return Ok(());
            }
            for l in &roster.lines {
                let standing = match l.standing {
                    Standing::Certified => "certified",
                    Standing::DueSoon => "due within 30 days",
                    Standing::Overdue => "overdue",
                    Standing::Never => "never trained",
                };
                let word = if l.standing == Standing::Overdue { "expired" } else { "until" };
                let until = l.valid_until.map(|d| format!(" {word} {}", day(&d))).unwrap_or_default();
                let weakest = l.weakest_title.as_deref().map(|w| format!("; weakest: {w}")).unwrap_or_default();
                println!(
                    "{:<22}  {:<24}  {standing}{until}{}{weakest}",
                    l.outlet.as_deref().unwrap_or("-"),
                    l.person,
                    l.code.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default()
                );
            }
        }
        TrainingAction::Verify { code_or_pdf } => {
            let path = std::path::Path::new(&code_or_pdf);
            let v = if path.is_file() {
                desk.verify_certificate_file(&read_file(path)?)?
            } else {
                desk.verify_certificate_code(&code_or_pdf)?
            };
            let about = v
                .certificate
                .as_ref()
                .map(|c| {
                    format!(
                        "{}, {}, issued {}, valid until {}",
                        c.person,
                        c.shop,
                        day(&c.issued_on),
                        day(&c.valid_until)
                    )
                })
                .unwrap_or_default();
            match v.outcome {
                VerifyOutcome::Genuine => {
                    let expired = v.certificate.as_ref().is_some_and(|c| c.standing == Standing::Overdue);
                    if expired {
                        return Err(desk::ApiError::new(
                            desk::ErrorCode::TrainingCertificateExpired,
                            format!("certificate {} was issued by this shop but has expired: {about}", v.code),
                        ));
                    }
                    println!("Genuine: certificate {} — {about}.", v.code);
                }
                VerifyOutcome::Altered => {
                    return Err(desk::ApiError::new(
                        desk::ErrorCode::TrainingCertificateAltered,
                        format!(
                            "this file is not the certificate {} the shop issued ({about}): it was altered",
                            v.code
                        ),
                    ))
                }
                VerifyOutcome::Unknown => {
                    return Err(desk::ApiError::new(
                        desk::ErrorCode::TrainingCertificateUnknown,
                        format!("no certificate {} in this shop's records: forged, or another shop's", v.code),
                    ))
                }
            }
        }
    }
    Ok(())
}

fn people(desk: &mut Desk, action: PeopleAction) -> Result<(), desk::ApiError> {
    let show = |p: &desk::people::PersonDto| {
        let state = match (p.active, p.locked) {
            (false, _) => "inactive",
            (true, true) => "locked",
            (true, false) => "active",
        };
        let outlet = p.outlet_id.map(|o| format!("outlet {o}")).unwrap_or_default();
        println!("{:>3}  {:<10}  {:<8}  {:<9}  {}", p.id, p.role.code(), state, outlet, p.name);
    };
    match action {
        PeopleAction::List { json } => {
            let list = desk.list_people()?;
            if json {
                let text = serde_json::to_string_pretty(&list)
                    .map_err(|e| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string()))?;
                println!("{text}");
            } else {
                list.people.iter().for_each(show);
            }
        }
        PeopleAction::Add { name, role: code, outlet } => {
            let role = role(&code)?;
            if !desk.has_people()? {
                if role != desk::people::Role::Owner {
                    return Err(desk::ApiError::new(
                        desk::ErrorCode::PersonOwnerMissing,
                        "the shop has nobody yet: add its owner first (--role owner)",
                    ));
                }
                let session = desk.add_first_owner(desk::people::NewOwnerDto { name, pin: new_pin()? })?;
                println!("Added {} as the owner ({}).", session.name, session.person_id);
                return Ok(());
            }
            let pin = std::env::var(NEW_PIN_ENV).ok().filter(|p| !p.is_empty());
            let added = desk.add_person(desk::people::NewPersonDto { name, role, outlet_id: outlet, pin })?;
            show(&added);
        }
        PeopleAction::SetRole { id, role: code } => {
            show(&desk.set_person_role(desk::people::SetRoleDto { person_id: id, role: role(&code)? })?);
        }
        PeopleAction::SetPin { id } => {
            show(&desk.set_person_pin(desk::people::SetPinDto { person_id: id, pin: new_pin()? })?);
        }
        PeopleAction::Unlock { id } => show(&desk.unlock_person(id)?),
    }
    Ok(())
}

#[cfg(test)]
mod examples_tests {
    use clap::{CommandFactory, Parser};

    #[test]
    fn every_command_has_an_example_in_the_help_and_each_example_parses() {
        let help = super::Args::command().render_help().to_string();
        for command in super::Args::command().get_subcommands().map(|c| c.get_name().to_string()) {
            if command == "help" {
                continue;
            }
            assert!(help.contains(&format!("seller-desk {command}")), "no example of `{command}` in --help");
        }
        for line in super::EXAMPLES.lines().filter(|l| l.trim_start().starts_with("seller-desk")) {
            // The example's words (a quoted name kept whole), up to the comment after them.
            let words = line.trim().split("   ").next().unwrap_or_default();
            let mut argv = Vec::new();
            for (i, part) in words.split('"').enumerate() {
                if i % 2 == 1 {
                    argv.push(part.to_string());
                } else {
                    argv.extend(part.split_whitespace().map(str::to_string));
                }
            }
            assert!(super::Args::try_parse_from(&argv).is_ok(), "the example {argv:?} does not parse");
        }
    }
}

#[cfg(test)]
mod window_files_tests {
    use super::window_files;

    #[test]
    fn a_second_starts_files_are_read_against_its_own_folder_and_a_command_is_not_a_file() {
        let argv = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            window_files(&argv(&["seller-desk", "хат.pdf.cms", "/inbox/b.p7s"]), "/home/shop"),
            ["/home/shop/хат.pdf.cms", "/inbox/b.p7s"]
        );
        assert!(window_files(&argv(&["seller-desk", "status"]), "/home/shop").is_empty());
        assert!(window_files(&argv(&["seller-desk", "--no-such-flag"]), "/home/shop").is_empty());
        assert!(window_files(&argv(&["seller-desk"]), "/home/shop").is_empty());
    }
}
