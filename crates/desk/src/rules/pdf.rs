//! The text layer of a published PDF of the rules, line by line.
//!
//! Text is decoded through each font's encoding (ToUnicode maps included) by `lopdf`; lines
//! are told apart by where the text is placed (a move down starts a new line), since a PDF
//! need not end its lines any other way. A scanned PDF has no text layer and says so.

use lopdf::content::Content;
use lopdf::{Document, Encoding, Object};

use crate::{ApiError, ErrorCode};

/// The most pages read, and the most bytes a page's content may inflate to.
const MAX_PAGES: usize = 500;
const MAX_PAGE_CONTENT: usize = 16 * 1024 * 1024;

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

fn show(out: &mut String, encoding: Option<&Encoding<'_>>, operand: &Object) {
    match operand {
        Object::String(bytes, _) => {
            if let Some(e) = encoding {
                if let Ok(s) = Document::decode_text(e, bytes) {
                    out.push_str(&s);
                }
            }
        }
        Object::Array(items) => {
            for item in items {
                match item {
                    // A wide negative kern is a space between words.
                    Object::Integer(_) | Object::Real(_) if number(item) < -180.0 => out.push(' '),
                    _ => show(out, encoding, item),
                }
            }
        }
        _ => {}
    }
}

fn new_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// The text of every page, a line per line of print.
pub fn text(bytes: &[u8]) -> Result<String, ApiError> {
    let damaged = |e: lopdf::Error| ApiError::new(ErrorCode::RulesPdfDamaged, format!("the PDF cannot be read: {e}"));
    let doc = Document::load_mem(bytes).map_err(damaged)?;
    if doc.is_encrypted() {
        return Err(ApiError::new(ErrorCode::RulesPdfDamaged, "the PDF is encrypted"));
    }
    let mut out = String::new();
    for (_, page_id) in doc.get_pages().into_iter().take(MAX_PAGES) {
        let fonts = doc.get_page_fonts(page_id).unwrap_or_default();
        let encodings: std::collections::BTreeMap<Vec<u8>, Encoding<'_>> = fonts
            .into_iter()
            .filter_map(|(name, font)| {
                font.get_font_encoding_with_limit(&doc, MAX_PAGE_CONTENT).ok().map(|e| (name, e))
            })
            .collect();
        let data = doc.get_page_content_with_limit(page_id, MAX_PAGE_CONTENT).map_err(damaged)?;
        let content = Content::decode(&data).map_err(damaged)?;
        let mut font: Option<Vec<u8>> = None;
        // The line's height on the page, to tell a new line from more text on the same one.
        let mut y: Option<f32> = None;
        let move_to = |out: &mut String, to: f32, y: &mut Option<f32>| {
            if y.is_some_and(|at| (at - to).abs() > 1.0) {
                new_line(out);
            }
            *y = Some(to);
        };
        for op in &content.operations {
            let args = &op.operands;
            match op.operator.as_str() {
                "Tf" => font = args.first().and_then(|o| o.as_name().ok()).map(<[u8]>::to_vec),
                "BT" => {}
                "Tm" if args.len() == 6 => move_to(&mut out, number(&args[5]), &mut y),
                "Td" | "TD" if args.len() == 2 => {
                    let dy = number(&args[1]);
                    let at = y.unwrap_or(0.0) + dy;
                    if dy.abs() > 1.0 {
                        new_line(&mut out);
                    } else if number(&args[0]).abs() > 1.0 && !out.ends_with([' ', '\n']) {
                        out.push(' ');
                    }
                    y = Some(at);
                }
                "T*" => new_line(&mut out),
                "Tj" | "TJ" | "'" | "\"" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        new_line(&mut out);
                    }
                    let encoding = font.as_ref().and_then(|f| encodings.get(f));
                    if let Some(s) = args.last() {
                        show(&mut out, encoding, s);
                    }
                }
                _ => {}
            }
        }
        new_line(&mut out);
        // A page break: the parser drops page numbers and joins what runs on.
        out.push('\u{c}');
        out.push('\n');
    }
    if !out.chars().any(char::is_alphabetic) {
        return Err(ApiError::new(
            ErrorCode::RulesPdfNoText,
            "the PDF has no text layer (a scan): import the text version, or a PDF with text",
        ));
    }
    Ok(out)
}
