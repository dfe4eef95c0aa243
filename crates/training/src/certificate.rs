//! The certificate: one A4 page in the person's language, with the person, the shop, the
//! outlet, the rules version, the date, the last valid day, a QR code and the verification code.
//! The same facts give the same bytes, so the shop's records keep each language's digest and a
//! file that differs by a byte is told apart from the one issued.

use chrono::NaiveDate;
use club::Lang;
use print::{Block, Document};
use qrcode::{Color, EcLevel, QrCode};

use crate::code::MARK;
use crate::words::words;
use crate::{printable, TrainingError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub code: String,
    pub person: String,
    pub shop: String,
    pub outlet: Option<String>,
    pub rules_version: String,
    pub clauses: Vec<String>,
    pub right: usize,
    pub total: usize,
    pub issued_on: NaiveDate,
    pub valid_until: NaiveDate,
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// What the QR code says: the mark and code (what `training verify` reads), then the person and
/// the last valid day for a phone's reader.
pub fn qr_payload(f: &Facts) -> String {
    format!("{MARK}{} {} {}", f.code, f.person, f.valid_until)
}

pub fn certificate_pdf(f: &Facts, lang: Lang) -> Result<Vec<u8>, TrainingError> {
    let w = words(lang);
    let qr = QrCode::with_error_correction_level(qr_payload(f).as_bytes(), EcLevel::M)
        .or_else(|_| QrCode::with_error_correction_level(format!("{MARK}{}", f.code).as_bytes(), EcLevel::M))
        .map_err(|_| TrainingError::Qr)?;
    let n = qr.width();
    // The standard four-module quiet zone around the code.
    let modules = n + 8;
    let colors = qr.to_colors();
    let mut dark = vec![false; modules * modules];
    for row in 0..n {
        for col in 0..n {
            dark[(row + 4) * modules + col + 4] = colors[row * n + col] == Color::Dark;
        }
    }
    let mut fields = vec![(w.person.to_string(), printable(&f.person)), (w.shop.to_string(), printable(&f.shop))];
    if let Some(o) = &f.outlet {
        fields.push((w.outlet.to_string(), printable(o)));
    }
    fields.extend([
        (w.clauses.to_string(), f.clauses.join(", ")),
        (w.rules_version.to_string(), f.rules_version.clone()),
        (w.score.to_string(), format!("{} / {}", f.right, f.total)),
        (w.issued.to_string(), date(f.issued_on)),
        (w.valid_until.to_string(), date(f.valid_until)),
    ]);
    let doc = Document {
        // The title carries the code, so that `training verify` finds it in the file.
        title: format!("{MARK}{}", f.code),
        blocks: vec![
            Block::Space(10),
            Block::Heading(format!("{} — Alatau City Club", w.certificate)),
            Block::Paragraph(format!("{} {}", printable(&f.person), w.course)),
            Block::Space(4),
            Block::Fields(fields),
            Block::Space(8),
            Block::Matrix { modules, dark, side: 40 },
            Block::Field(w.code.to_string(), f.code.clone()),
            Block::Paragraph(w.how_to_verify.to_string()),
        ],
        landscape: false,
        running_head: String::new(),
    };
    Ok(print::render(&doc)?)
}
