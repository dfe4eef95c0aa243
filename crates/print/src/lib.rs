//! PDF documents of Seller Desk, drawn with printpdf on A4 with DejaVu Sans embedded, so that
//! Kazakh (ә ғ қ ң ө ұ ү һ і), Russian and the ₸ sign print on any machine.
//!
//! It takes plain, already-worded text (the caller chooses the language) and never reads the
//! database or the clock: the same document gives the same bytes. Every page has an "N / M"
//! footer; tables repeat their header row on each page they run onto.
//!
//! ```
//! let doc = print::Document {
//!     title: "Хат".into(),
//!     blocks: vec![print::Block::Heading("Айыппұлға қарсылық".into()), print::Block::Paragraph("Мәтін".into())],
//!     ..print::Document::default()
//! };
//! let pdf = print::render(&doc).unwrap();
//! assert!(pdf.starts_with(b"%PDF"));
//! assert_eq!(pdf, print::render(&doc).unwrap());
//! ```

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};
use sha2::{Digest, Sha256};

pub mod artwork;

const REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");
/// The fonts the documents embed, for other renderers that must set the same letters (the
/// website badge's PNG).
pub const FONTS: [&[u8]; 2] = [REGULAR, BOLD];

const A4_SHORT: f32 = 210.0;
const A4_LONG: f32 = 297.0;
const MARGIN: f32 = 25.0;
const BODY_PT: f32 = 11.0;
const HEADING_PT: f32 = 14.0;
const LINE: f32 = 1.45;
const TABLE_PT: f32 = 7.5;
const FOOTER_PT: f32 = 8.0;
const PT_TO_MM: f32 = 25.4 / 72.0;
/// The space kept free at the right of each table cell.
const GUTTER: f32 = 3.0;

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
    /// Label and value lines whose values line up after the longest label.
    Fields(Vec<(String, String)>),
    /// Vertical space, in millimetres.
    Space(u32),
    /// A block to the right half of the page (addressee, sender).
    Aside(Vec<String>),
    /// Rows under a header row that is repeated on every page the table runs onto.
    Table(Table),
    /// A square of `modules` × `modules` cells, the dark ones filled (a QR code), `side`
    /// millimetres wide at the left margin; `dark` is row by row from the top.
    Matrix {
        modules: usize,
        dark: Vec<bool>,
        side: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
    /// A4 turned sideways, for wide tables.
    pub landscape: bool,
    /// A line at the top of every page after the first (e.g. the seller and the period).
    pub running_head: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Eq for Table {}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Width in millimetres; text that does not fit is cut with "…".
    pub width: f32,
    /// Right-aligned (amounts).
    pub right: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    pub cells: Vec<String>,
    /// Totals rows are bold with a rule above.
    pub bold: bool,
}

/// The first character of `text` that the embedded fonts (regular or bold) cannot draw, which
/// a PDF would show as an empty box: an emoji, a pictograph, a script DejaVu Sans lacks. Line
/// breaks and tabs are layout, not glyphs, and pass.
pub fn undrawable(text: &str) -> Option<char> {
    static FACES: std::sync::OnceLock<Vec<ParsedFont>> = std::sync::OnceLock::new();
    let faces = FACES.get_or_init(|| {
        [REGULAR, BOLD].into_iter().filter_map(|bytes| ParsedFont::from_bytes(bytes, 0, &mut Vec::new())).collect()
    });
    text.chars().filter(|c| !matches!(c, '\n' | '\r' | '\t')).find(|&c| {
        c.is_control() || faces.len() < 2 || faces.iter().any(|f| f.lookup_glyph_index(c as u32).is_none_or(|g| g == 0))
    })
}

struct Face {
    id: FontId,
    parsed: ParsedFont,
    /// Advances of the characters met so far, in em.
    advances: std::cell::RefCell<std::collections::HashMap<char, f32>>,
}

impl Face {
    fn new(pdf: &mut PdfDocument, bytes: &[u8], name: &str) -> Result<Face, PrintError> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or(PrintError::Font)?;
        // A fixed resource name rather than printpdf's random one, so that output is reproducible.
        let id = FontId(name.to_string());
        pdf.resources.fonts.map.insert(id.clone(), PdfFont::new(parsed.clone()));
        Ok(Face { id, parsed, advances: Default::default() })
    }

    /// The width of `text` at `size` points, in millimetres, from the font's own advances.
    fn width_mm(&self, text: &str, size: f32) -> f32 {
        let mut cache = self.advances.borrow_mut();
        let em: f32 = text
            .chars()
            .map(|c| {
                *cache.entry(c).or_insert_with(|| {
                    let units = f32::from(self.parsed.units_per_em.max(1));
                    self.parsed
                        .lookup_glyph_index(c as u32)
                        .and_then(|g| self.parsed.get_glyph_width(g))
                        .map_or(0.6, |w| f32::from(w) / units)
                })
            })
            .sum();
        em * size * PT_TO_MM
    }

    /// `text` cut with "…" to fit `width` millimetres.
    fn fit(&self, text: &str, size: f32, width: f32) -> String {
        if self.width_mm(text, size) <= width {
            return text.to_string();
        }
        let mut out: String = text.to_string();
        while !out.is_empty() && self.width_mm(&format!("{out}…"), size) > width {
            out.pop();
        }
        format!("{}…", out.trim_end())
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
    w: f32,
    h: f32,
    margin: f32,
}

fn text_op(ops: &mut Vec<Op>, face: &Face, text: &str, size: f32, x: f32, y: f32) {
    ops.extend([
        Op::StartTextSection,
        Op::SetFont { font: PdfFontHandle::External(face.id.clone()), size: Pt(size) },
        Op::SetTextCursor { pos: Point { x: Mm(x).into(), y: Mm(y).into() } },
        Op::ShowText { items: vec![TextItem::Text(text.to_string())] },
        Op::EndTextSection,
    ]);
}

fn rule(ops: &mut Vec<Op>, x1: f32, x2: f32, y: f32, thickness: f32) {
    let p = |x: f32| LinePoint { p: Point { x: Mm(x).into(), y: Mm(y).into() }, bezier: false };
    ops.extend([
        Op::SetOutlineThickness { pt: Pt(thickness) },
        Op::SetOutlineColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) },
        Op::DrawLine { line: Line { points: vec![p(x1), p(x2)], is_closed: false } },
    ]);
}

impl Pages {
    /// Each row's runs of dark cells as one filled rectangle, a hair taller than the cell so
    /// that neighbouring rows leave no seams.
    fn matrix(&mut self, modules: usize, dark: &[bool], side: f32) {
        if modules == 0 || dark.len() != modules * modules {
            return;
        }
        self.room(side + 2.0);
        let (x0, top, cell) = (self.margin, self.y, side / modules as f32);
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) });
        for row in 0..modules {
            let mut col = 0;
            while col < modules {
                if !dark[row * modules + col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < modules && dark[row * modules + col] {
                    col += 1;
                }
                let (x1, x2) = (x0 + start as f32 * cell, x0 + col as f32 * cell);
                let (y1, y2) = (top - (row + 1) as f32 * cell - 0.01, top - row as f32 * cell);
                let p = |x: f32, y: f32| LinePoint { p: Point { x: Mm(x).into(), y: Mm(y).into() }, bezier: false };
                ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing { points: vec![p(x1, y1), p(x2, y1), p(x2, y2), p(x1, y2)] }],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
        }
        self.y = top - side - 2.0;
    }

    fn new(landscape: bool, margin: f32) -> Pages {
        let (w, h) = if landscape { (A4_LONG, A4_SHORT) } else { (A4_SHORT, A4_LONG) };
        Pages { pages: vec![Vec::new()], y: h - margin, w, h, margin }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        self.pages.last_mut().expect("there is always a page")
    }

    /// Room for `height` millimetres more on this page, else a new page; true when a page began.
    fn room(&mut self, height: f32) -> bool {
        if self.y - height < self.margin {
            self.pages.push(Vec::new());
            self.y = self.h - self.margin;
            return true;
        }
        false
    }

    fn line(&mut self, face: &Face, text: &str, size: f32, x: f32) {
        self.room(size * LINE * PT_TO_MM);
        self.y -= size * LINE * PT_TO_MM;
        let y = self.y;
        text_op(self.ops(), face, text, size, x, y);
    }

    fn field(&mut self, regular: &Face, bold: &Face, label: &str, value: &str, label_width: f32, width: f32) {
        let lines = wrap(regular, value, BODY_PT, width - label_width);
        let margin = self.margin;
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                self.line(bold, label, BODY_PT, margin);
                // Same baseline: step back up and write the value beside the label.
                self.y += BODY_PT * LINE * PT_TO_MM;
            }
            self.line(regular, line, BODY_PT, margin + label_width);
        }
    }

    fn table_header(&mut self, bold: &Face, table: &Table) {
        let height = TABLE_PT * LINE * PT_TO_MM;
        let titles: Vec<Vec<String>> =
            table.columns.iter().map(|c| wrap(bold, &c.title, TABLE_PT, c.width - GUTTER)).collect();
        let rows = titles.iter().map(Vec::len).max().unwrap_or(1);
        let (top, mut x, margin) = (self.y, self.margin, self.margin);
        for (c, lines) in table.columns.iter().zip(&titles) {
            for (i, line) in lines.iter().enumerate() {
                let text = bold.fit(line, TABLE_PT, c.width - GUTTER);
                let tx = if c.right { x + c.width - GUTTER - bold.width_mm(&text, TABLE_PT) } else { x };
                text_op(self.ops(), bold, &text, TABLE_PT, tx, top - height * (i + 1) as f32);
            }
            x += c.width;
        }
        self.y = top - height * rows as f32;
        let y = self.y - 1.2;
        rule(self.ops(), margin, x, y, 0.6);
        self.y -= 1.2;
    }

    fn table(&mut self, regular: &Face, bold: &Face, table: &Table) {
        let height = TABLE_PT * LINE * PT_TO_MM;
        self.room(4.0 * height);
        self.table_header(bold, table);
        for row in &table.rows {
            if self.room(height + if row.bold { 1.5 } else { 0.0 }) {
                self.table_header(bold, table);
            }
            let face = if row.bold { bold } else { regular };
            if row.bold {
                let (m, end) = (self.margin, self.margin + table.columns.iter().map(|c| c.width).sum::<f32>());
                let y = self.y - 0.6;
                rule(self.ops(), m, end, y, 0.4);
                self.y -= 1.0;
            }
            self.y -= height;
            let (y, mut x) = (self.y, self.margin);
            // One text object per row: the font once, then a move to each cell.
            let ops = self.pages.last_mut().expect("there is always a page");
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFont { font: PdfFontHandle::External(face.id.clone()), size: Pt(TABLE_PT) });
            let mut last = (0.0f32, 0.0f32);
            for (c, text) in table.columns.iter().zip(&row.cells) {
                if !text.is_empty() {
                    let text = face.fit(text, TABLE_PT, c.width - GUTTER);
                    let tx = if c.right { x + c.width - GUTTER - face.width_mm(&text, TABLE_PT) } else { x };
                    let (dx, dy) = (Mm(tx - last.0).into_pt().0, Mm(y - last.1).into_pt().0);
                    ops.push(Op::MoveTextCursorAndSetLeading { tx: dx, ty: dy });
                    ops.push(Op::ShowText { items: vec![TextItem::Text(text)] });
                    last = (tx, y);
                }
                x += c.width;
            }
            ops.push(Op::EndTextSection);
        }
        self.y -= 3.0;
    }
}

/// Renders the document to PDF bytes (A4, fonts embedded, paginated).
pub fn render(doc: &Document) -> Result<Vec<u8>, PrintError> {
    let mut pdf = PdfDocument::new(&doc.title);
    let regular = Face::new(&mut pdf, REGULAR, "F1")?;
    let bold = Face::new(&mut pdf, BOLD, "F2")?;
    let margin = if doc.landscape { 12.0 } else { MARGIN };
    let mut pages = Pages::new(doc.landscape, margin);
    let (page_w, page_h) = (pages.w, pages.h);
    let width = page_w - 2.0 * margin;
    for block in &doc.blocks {
        match block {
            Block::Heading(text) => {
                pages.y -= 4.0;
                for line in wrap(&bold, text, HEADING_PT, width) {
                    pages.line(&bold, &line, HEADING_PT, margin);
                }
                pages.y -= 2.0;
            }
            Block::Paragraph(text) => {
                for line in wrap(&regular, text, BODY_PT, width) {
                    pages.line(&regular, &line, BODY_PT, margin);
                }
                pages.y -= 2.0;
            }
            Block::Field(label, value) => pages.field(&regular, &bold, label, value, 55.0, width),
            Block::Fields(fields) => {
                let longest = fields.iter().map(|(l, _)| bold.width_mm(l, BODY_PT)).fold(0.0, f32::max);
                let label_width = (longest + 4.0).clamp(55.0, width / 2.0);
                for (label, value) in fields {
                    pages.field(&regular, &bold, label, value, label_width, width);
                }
            }
            Block::Space(mm) => pages.y -= *mm as f32,
            Block::Aside(lines) => {
                let x = page_w / 2.0;
                for text in lines {
                    for line in wrap(&regular, text, BODY_PT, page_w - margin - x) {
                        pages.line(&regular, &line, BODY_PT, x);
                    }
                }
                pages.y -= 4.0;
            }
            Block::Table(table) => pages.table(&regular, &bold, table),
            Block::Matrix { modules, dark, side } => pages.matrix(*modules, dark, *side as f32),
        }
    }
    let count = pages.pages.len();
    let pages: Vec<PdfPage> = pages
        .pages
        .into_iter()
        .enumerate()
        .map(|(i, mut ops)| {
            let footer = format!("{} / {count}", i + 1);
            let x = page_w - margin - regular.width_mm(&footer, FOOTER_PT);
            text_op(&mut ops, &regular, &footer, FOOTER_PT, x, margin / 2.0);
            if i > 0 && !doc.running_head.is_empty() {
                let head = regular.fit(&doc.running_head, FOOTER_PT, width);
                text_op(&mut ops, &regular, &head, FOOTER_PT, margin, page_h - margin / 2.0);
            }
            PdfPage::new(Mm(page_w), Mm(page_h), ops)
        })
        .collect();
    let options = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
    let mut bytes = pdf.with_pages(pages).save(&options, &mut Vec::new());
    stable_id(&mut bytes);
    Ok(bytes)
}

/// printpdf writes a random file identifier in the trailer (`/ID [(…) (…)]`); it becomes a
/// digest of the rest of the file, so that the same document gives the same bytes.
fn stable_id(bytes: &mut [u8]) {
    let Some(at) = bytes.windows(4).rposition(|w| w == b"/ID[" || w == b"/ID ") else { return };
    let Some(len) = bytes[at..].iter().position(|&b| b == b']') else { return };
    let digest = Sha256::new().chain_update(&bytes[..at]).chain_update(&bytes[at + len..]).finalize();
    let id = &mut bytes[at..at + len];
    let hex: Vec<u8> = digest.iter().flat_map(|b| format!("{b:02x}").into_bytes()).collect();
    // Each of the two strings is `(` + 32 characters + `)`: overwrite the characters in place.
    let mut k = 0;
    let mut inside = false;
    for b in id.iter_mut() {
        match *b {
            b'(' => inside = true,
            b')' => inside = false,
            _ if inside => {
                *b = hex[k % hex.len()];
                k += 1;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_fonts_cannot_draw_is_found_before_it_prints_as_a_box() {
        assert_eq!(undrawable("Қазақстан, Россия, ₸ 1 234,56 — «кавычки» №5\nәғқңөұүһі"), None);
        assert_eq!(undrawable("Дүкен 🛒 Dala"), Some('🛒'));
        assert_eq!(undrawable("рахмет 🙏"), Some('🙏'));
        assert_eq!(undrawable("\u{1F3EA} shop"), Some('\u{1F3EA}'));
        assert_eq!(undrawable("漢字"), Some('漢'));
        assert_eq!(undrawable("bell\u{7}"), Some('\u{7}'));
    }

    #[test]
    fn long_text_wraps_within_the_margins_and_paginates() {
        let mut pdf = PdfDocument::new("t");
        let face = Face::new(&mut pdf, REGULAR, "F1").unwrap();
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
            ..Document::default()
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
