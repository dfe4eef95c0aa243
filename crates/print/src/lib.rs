//! PDF documents of Seller Desk, drawn with printpdf on A4 with DejaVu Sans embedded, so that
//! Kazakh (ә ғ қ ң ө ұ ү һ і), Russian and the ₸ sign print on any machine.
//!
//! It takes plain, already-worded text (the caller chooses the language) and never reads the
//! database or the clock.
//!
//! ```
//! let doc = print::Document {
//!     title: "Хат".into(),
//!     blocks: vec![print::Block::Heading("Айыппұлға қарсылық".into()), print::Block::Paragraph("Мәтін".into())],
//! };
//! let pdf = print::render(&doc).unwrap();
//! assert!(pdf.starts_with(b"%PDF"));
//! ```

use printpdf::{FontId, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem};

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 25.0;
const BODY_PT: f32 = 11.0;
const HEADING_PT: f32 = 14.0;
const LINE: f32 = 1.45;

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("the embedded font cannot be read")]
    Font,
}

/// A block of a document, laid out top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// Label and value lines, the label in bold.
    Field(String, String),
    /// Vertical space, in millimetres.
    Space(u32),
    /// A block to the right half of the page (addressee, sender).
    Aside(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

struct Face {
    id: FontId,
    parsed: ParsedFont,
}

impl Face {
    /// The width of `text` at `size` points, in millimetres, from the font's own advances.
    fn width_mm(&self, text: &str, size: f32) -> f32 {
        let em = f32::from(self.parsed.units_per_em.max(1));
        let units: f32 = text
            .chars()
            .map(|c| {
                self.parsed
                    .lookup_glyph_index(c as u32)
                    .and_then(|g| self.parsed.get_glyph_width(g))
                    .map_or(em * 0.6, f32::from)
            })
            .sum();
        units / em * size * 25.4 / 72.0
    }
}

/// Breaks `text` into lines no wider than `width` millimetres; explicit newlines are kept.
fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if face.width_mm(&candidate, size) <= width || line.is_empty() {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
        }
        lines.push(line);
    }
    lines
}

struct Pages {
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Pages {
    fn new() -> Pages {
        Pages { pages: vec![Vec::new()], y: PAGE_H - MARGIN }
    }

    fn line(&mut self, face: &Face, text: &str, size: f32, x: f32) {
        let height = size * LINE * 25.4 / 72.0;
        if self.y - height < MARGIN {
            self.pages.push(Vec::new());
            self.y = PAGE_H - MARGIN;
        }
        self.y -= height;
        let ops = self.pages.last_mut().expect("there is always a page");
        ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(face.id.clone()), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: Mm(x).into(), y: Mm(self.y).into() } },
            Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
            Op::EndTextSection,
        ]);
    }
}

/// Renders the document to PDF bytes (A4, fonts embedded, paginated).
pub fn render(doc: &Document) -> Result<Vec<u8>, PrintError> {
    let mut pdf = PdfDocument::new(&doc.title);
    let mut warnings = Vec::new();
    let regular = ParsedFont::from_bytes(REGULAR, 0, &mut warnings).ok_or(PrintError::Font)?;
    let bold = ParsedFont::from_bytes(BOLD, 0, &mut warnings).ok_or(PrintError::Font)?;
    let regular = Face { id: pdf.add_font(&regular), parsed: regular };
    let bold = Face { id: pdf.add_font(&bold), parsed: bold };
    let width = PAGE_W - 2.0 * MARGIN;
    let mut pages = Pages::new();
    for block in &doc.blocks {
        match block {
            Block::Heading(text) => {
                pages.y -= 4.0;
                for line in wrap(&bold, text, HEADING_PT, width) {
                    pages.line(&bold, &line, HEADING_PT, MARGIN);
                }
                pages.y -= 2.0;
            }
            Block::Paragraph(text) => {
                for line in wrap(&regular, text, BODY_PT, width) {
                    pages.line(&regular, &line, BODY_PT, MARGIN);
                }
                pages.y -= 2.0;
            }
            Block::Field(label, value) => {
                let label_width = 55.0;
                let lines = wrap(&regular, value, BODY_PT, width - label_width);
                for (i, line) in lines.iter().enumerate() {
                    if i == 0 {
                        pages.line(&bold, label, BODY_PT, MARGIN);
                        // Same baseline: step back up and write the value beside the label.
                        pages.y += BODY_PT * LINE * 25.4 / 72.0;
                    }
                    pages.line(&regular, line, BODY_PT, MARGIN + label_width);
                }
            }
            Block::Space(mm) => pages.y -= *mm as f32,
            Block::Aside(lines) => {
                let x = PAGE_W / 2.0;
                for text in lines {
                    for line in wrap(&regular, text, BODY_PT, PAGE_W - MARGIN - x) {
                        pages.line(&regular, &line, BODY_PT, x);
                    }
                }
                pages.y -= 4.0;
            }
        }
    }
    let pages: Vec<PdfPage> = pages.pages.into_iter().map(|ops| PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)).collect();
    let options = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
    Ok(pdf.with_pages(pages).save(&options, &mut Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_within_the_margins_and_paginates() {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(REGULAR, 0, &mut warnings).unwrap();
        let mut pdf = PdfDocument::new("t");
        let face = Face { id: pdf.add_font(&parsed), parsed };
        let text = "Сатып алу тауармен аяқталды, чек пен бейнежазба қоса беріледі. ".repeat(20);
        let lines = wrap(&face, &text, BODY_PT, 160.0);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| face.width_mm(l, BODY_PT) <= 160.0), "{lines:?}");
        // The wrapped lines hold every word, in order.
        assert_eq!(lines.join(" ").split_whitespace().count(), text.split_whitespace().count());
    }

    fn poppler(tool: &str, pdf: &std::path::Path) -> String {
        let out = std::process::Command::new(tool).arg(pdf).arg("-").output().unwrap_or_else(|e| {
            panic!("{tool} (Debian poppler-utils, installed by `cargo xtask test`) does not run: {e}")
        });
        assert!(out.status.success(), "{tool} failed on {}", pdf.display());
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Independent readers (poppler) open the file, find its pages, its embedded fonts and its
    /// Kazakh and Russian text.
    #[test]
    fn poppler_reads_the_pages_fonts_and_text() {
        let text = "Сатып алу тауармен аяқталды, чек пен бейнежазба қоса беріледі. ".repeat(40);
        let doc = Document {
            title: "Айыппұлға қарсылық".into(),
            blocks: vec![
                Block::Aside(vec!["«JMart» ЖШС".into(), "ТОО «Дала Сауда», БИН 180640000016".into()]),
                Block::Heading("Айыппұлға қарсылық хат — ә ғ қ ң ө ұ ү һ і".into()),
                Block::Field("Сомасы".into(), "35 000,00 ₸".into()),
                Block::Paragraph(text.repeat(4)),
            ],
        };
        let pdf = render(&doc).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("letter.pdf");
        std::fs::write(&path, &pdf).unwrap();

        let info = std::process::Command::new("pdfinfo").arg(&path).output().expect("pdfinfo runs");
        let info = String::from_utf8_lossy(&info.stdout);
        let pages: u32 = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("pdfinfo reports pages");
        assert!(pages >= 3, "{info}");
        assert!(info.contains("595.276 x 841.89") || info.contains("595.28 x 841.89"), "A4: {info}");

        let fonts = std::process::Command::new("pdffonts").arg(&path).output().expect("pdffonts runs");
        let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "regular and bold: {fonts}");
        // Columns end with: emb sub uni object-number generation.
        assert!(rows.iter().all(|l| l.split_whitespace().rev().nth(4) == Some("yes")), "embedded: {fonts}");

        let extracted = poppler("pdftotext", &path);
        assert!(extracted.contains("ә ғ қ ң ө ұ ү һ і"), "{extracted}");
        assert!(extracted.contains("35 000,00 ₸"), "{extracted}");
        assert!(extracted.contains("ТОО «Дала Сауда»"), "{extracted}");
        assert!(extracted.contains("бейнежазба"), "{extracted}");
    }
}
