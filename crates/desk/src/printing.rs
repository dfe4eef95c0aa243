//! Printing from inside the app: what the window asks to print, made into the same PDF that
//! "Save as…" writes, and kept in the data folder's `print` folder for the system's print
//! dialog (the shell's part) to send to a printer.

use std::path::PathBuf;

use club::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::statements::{StatementFormat, StatementRequest};
use crate::{ApiError, Desk, ErrorCode};

/// A document the window prints. Each kind is checked against the role that may read it.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrintRequest {
    /// The accountant's statement, as its PDF whatever format the page has chosen for saving.
    Statement { request: StatementRequest },
    /// A file kept with a fine (the dispute letter, a notice received as a PDF).
    FineFile { file_id: i64 },
    /// A training certificate, in `lang`.
    Certificate { code: String, lang: Lang },
    /// A branding item for the shop or one outlet.
    Branding { item_code: String, outlet_id: Option<i64>, lang: Lang },
    /// A document of the archive (a signed letter, a rules acknowledgement, a received PDF).
    Document { document_id: i64 },
}

/// What became of a print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PrintOutcome {
    /// Sent to `printer` (the name the print dialog showed, "Print to File" included); `file`
    /// is where a printer that writes files (GTK's "Print to File") wrote it.
    Sent { printer: String, file: Option<String> },
    /// The user closed the print dialog: nothing was printed.
    Cancelled,
    /// Where the system has no print dialog Seller Desk can drive, the PDF opened in the
    /// system's viewer (its own Print command prints it); the file's path.
    Opened { path: String },
}

impl Desk {
    /// The PDF of `request`, written to the data folder's `print` folder: its path.
    pub fn printable(&self, request: PrintRequest) -> Result<PathBuf, ApiError> {
        // Signed in; each kind of document is then checked against its own need.
        self.need(crate::people::Need::SignedIn)?;
        let (name, bytes) = self.printable_bytes(request)?;
        if !bytes.starts_with(b"%PDF-") {
            return Err(ApiError::new(ErrorCode::PrintNotPdf, format!("{name} is not a PDF file")));
        }
        self.to_print_folder(&name, &bytes)
    }

    /// `bytes` written as `name` into the data folder's `print` folder (made when missing); the
    /// path. Only the name's last part is used: a stored name is the user's (an attached file's).
    pub(crate) fn to_print_folder(&self, name: &str, bytes: &[u8]) -> Result<PathBuf, ApiError> {
        let dir = self.data_folder().join("print");
        std::fs::create_dir_all(&dir).map_err(|e| {
            ApiError::new(ErrorCode::FileNotSaved, format!("cannot make the folder {}: {e}", dir.display()))
        })?;
        let name = std::path::Path::new(name).file_name().map(|n| n.to_owned()).unwrap_or_else(|| "print.pdf".into());
        let path = dir.join(name);
        crate::statements::save(&path, bytes)?;
        Ok(path)
    }

    fn printable_bytes(&self, request: PrintRequest) -> Result<(String, Vec<u8>), ApiError> {
        match request {
            PrintRequest::Statement { request } => {
                let request = StatementRequest { format: StatementFormat::Pdf, ..request };
                let file = self.statement_file(&request, None)?;
                Ok((file.name, file.bytes))
            }
            PrintRequest::FineFile { file_id } => self.fine_file(file_id),
            PrintRequest::Certificate { code, lang } => self.certificate_pdf(&code, lang),
            PrintRequest::Branding { item_code, outlet_id, lang } => {
                let item = branding::Item::from_code(&item_code)
                    .ok_or_else(|| ApiError::new(ErrorCode::FileNotFound, format!("no branding item {item_code:?}")))?;
                self.render_branding(item, outlet_id, lang, None)
            }
            PrintRequest::Document { document_id } => self.archived_document(document_id),
        }
    }
}
