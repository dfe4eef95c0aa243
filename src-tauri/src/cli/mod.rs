//! The headless command line on the same binary: the commands and their arguments here, what
//! each does in a file per area, as `commands/` is for the window.

mod backups;
mod fines;
mod marks;
mod people;
mod rules;
mod signatures;
mod status;
mod training;
mod vault;
mod words;

use clap::{Parser, Subcommand};
use desk::Desk;

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
    /// The language of what is printed and of the documents written (kk | ru | en); else
    /// SELLER_DESK_LANG, else the language the person acting picked in the window.
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

/// One example of each command, as `seller-desk --help` ends (a test checks that every command
/// has one and that each parses).
const EXAMPLES: &str = "\
Examples (the data folder is SELLER_DESK_DATA_DIR or the user's; the PIN of the person acting,
the owner unless --as names another, is in SELLER_DESK_PIN; what is printed and written is in
the language picked in the window unless --lang or SELLER_DESK_LANG asks for kk, ru or en):
  seller-desk                                   open the window (the running one comes forward)
  seller-desk letter.pdf.cms                    hand a received signature to the window
  seller-desk demo --init                       make the demo shop in an empty data folder
  seller-desk status                            the membership status and the next steps
  seller-desk --as \"Гүлнар Серікова\" status     the same, as the accountant
  seller-desk --lang ru status                  the same, in Russian
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
  seller-desk recovery-sheet --out sheet.pdf    the data's recovery code, to print and keep
  seller-desk recover                           open the data on a new computer with that code
  seller-desk backup --to /mnt/usb --keep 14    a checked backup now; the folder is remembered
  seller-desk restore FILE                      what a backup holds (--yes puts it back)
";

/// The environment variable holding the PIN of the person the command line acts as.
pub const PIN_ENV: &str = "SELLER_DESK_PIN";
/// The environment variable holding a PIN being set (`people add`, `people set-pin`).
pub const NEW_PIN_ENV: &str = "SELLER_DESK_NEW_PIN";

/// A command and who it is done as.
pub struct Invocation {
    pub command: Command,
    pub as_person: Option<String>,
    /// `--lang` as given.
    pub lang: Option<String>,
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
    Statement(StatementArgs),
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
    Sign(SignArgs),
    /// Verifies a CMS signature: FILE is the .cms (attached), or the signed file with --cms.
    /// Exit 0 only when every signer is valid.
    Verify(VerifyArgs),
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
    /// Opens the data with the recovery code from its recovery sheet (a new computer, a lost
    /// keyring, a forgotten passphrase) and keeps its key again: in the system keyring, or
    /// under a new passphrase (SELLER_DESK_PASSPHRASE, else asked) where there is none. The code
    /// is read from the terminal, or from standard input.
    Recover,
    /// Writes the recovery sheet (PDF): the shop and the recovery code of its data. The owner only.
    RecoverySheet {
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Makes a backup now into the backup folder (--to chooses it and is remembered), checked
    /// after it is written; keeps this shop's last N backups there (--keep, 14 unless set). The
    /// owner only.
    Backup {
        #[arg(long)]
        to: Option<std::path::PathBuf>,
        #[arg(long)]
        keep: Option<u32>,
    },
    /// Shows what a backup holds; with --yes puts it in place of the data, the data as it is now
    /// kept first as a safety copy in the data folder. The owner only.
    Restore {
        file: std::path::PathBuf,
        #[arg(long)]
        yes: bool,
    },
    /// Manages the demo shop.
    Demo {
        /// Creates the demo shop in an empty data folder.
        #[arg(long, required = true)]
        init: bool,
    },
}

#[derive(clap::Args)]
pub struct StatementArgs {
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
    /// The day printed as the day of preparation, YYYY-MM-DD (today when left out).
    #[arg(long)]
    prepared_on: Option<chrono::NaiveDate>,
    #[arg(long)]
    out: std::path::PathBuf,
}

#[derive(clap::Args)]
pub struct SignArgs {
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
}

#[derive(clap::Args)]
pub struct VerifyArgs {
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
        Some(command) => Parsed::Command(Invocation { command, as_person: args.as_person, lang: args.lang }),
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
        Command::Statement(_) => "statement",
        Command::Branding { action: BrandingAction::Render { .. } } => "branding render",
        Command::Exit { action: ExitAction::CheckSite { .. } } => "exit check-site",
        Command::Sign(_) => "sign",
        Command::Verify(_) => "verify",
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
        Command::Recover => "recover",
        Command::Backup { .. } => "backup",
        Command::Restore { .. } => "restore",
        Command::RecoverySheet { .. } => "recovery-sheet",
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

/// Runs a headless command; returns the process exit code.
pub fn run(invocation: Invocation) -> i32 {
    let Invocation { command, as_person, lang } = invocation;
    let asked = match words::asked(lang.as_deref()) {
        Ok(asked) => asked,
        Err(e) => {
            eprintln!("{}", words::error_lines(&e));
            return 2;
        }
    };
    if let Some(lang) = asked {
        words::set(lang);
    }
    if let Command::Exit { action: ExitAction::CheckSite { url, max_pages, delay_ms, json } } = &command {
        return marks::check_site(url, *max_pages, *delay_ms, *json, as_person.as_deref());
    }
    if let Command::Recover = &command {
        return vault::recover();
    }
    let result = (|| -> Result<(), desk::ApiError> {
        let dir = desk::data_dir()?;
        let mut desk = vault::open(&dir)?;
        // When none was asked: the window's choice, the shop's until the person acting is
        // known (a wrong PIN is told in it), then theirs.
        if asked.is_none() {
            words::set(desk.language().unwrap_or_default());
        }
        act(&mut desk, &command, as_person.as_deref())?;
        if asked.is_none() {
            words::set(desk.language().unwrap_or_default());
        }
        match command {
            Command::Status { json } => status::status(&mut desk, json)?,
            Command::Audit { action } => status::audit(&mut desk, action)?,
            Command::Fines { action } => fines::fines(&mut desk, action)?,
            Command::Statement(args) => fines::statement(&mut desk, args)?,
            Command::Sign(args) => signatures::sign(&mut desk, args)?,
            Command::Verify(args) => signatures::verify(&mut desk, args)?,
            Command::Trust { action } => signatures::trust(&mut desk, action)?,
            Command::Documents { action } => signatures::documents(&mut desk, action)?,
            Command::Branding { action: BrandingAction::Render { item, outlet, scale, out } } => {
                marks::render(&mut desk, item, outlet, scale, out)?
            }
            Command::Exit { .. } | Command::Recover => unreachable!("handled before the desk opens"),
            Command::RecoverySheet { out } => vault::sheet(&mut desk, &out)?,
            Command::Backup { to, keep } => backups::backup(&mut desk, to.as_deref(), keep)?,
            Command::Restore { file, yes } => return backups::restore(desk, &file, yes),
            Command::People { action } => people::people(&mut desk, action)?,
            Command::Training { action } => training::training(&desk, action)?,
            Command::Rules { action } => rules::rules(&mut desk, action)?,
            Command::Demo { init: _ } => {
                let overview = desk.init_demo()?;
                let (name, folder) = (overview.seller.name, dir.display());
                println!(
                    "{}",
                    words::say!(
                        "{name} демо дүкені {folder} ішінде жасалды.",
                        "Демо-магазин {name} создан в {folder}.",
                        "The demo shop {name} was created in {folder}."
                    )
                );
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{}", words::error_lines(&e));
            1
        }
    }
}

/// Prints `value` as the `--json` output: pretty, the same in every language.
fn print_json<T: serde::Serialize>(value: &T) -> Result<(), desk::ApiError> {
    // Our own DTOs always serialise; a failure would be a bug, said as such.
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string()))?;
    println!("{text}");
    Ok(())
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
        None => rpassword::prompt_password(words::say!(
            "Кілт контейнерінің құпиясөзі: ",
            "Пароль контейнера ключа: ",
            "Password of the key container: "
        ))
        .map_err(|e| {
            // No terminal to ask on (a script, a pipe): the variable is the way.
            desk::ApiError::new(
                desk::ErrorCode::CliVariableMissing,
                format!("cannot ask for the password here ({e}): name the variable holding it with --password-env"),
            )
        })?,
    };
    Ok(zeroize::Zeroizing::new(value))
}

fn day_start(d: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    d.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc()
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
