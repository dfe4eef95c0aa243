//! Print-ready artwork (stickers, table tents, posters): each page has its exact trimmed size
//! (the TrimBox), 3 mm of bleed around it that backgrounds run into (the BleedBox), crop marks
//! outside the bleed, and DejaVu Sans embedded. Coordinates are millimetres from the bottom left
//! corner of the trimmed page; shapes may reach into the bleed.
//!
//! Like the documents, artwork never reads the clock or the database: the same pages give the
//! same bytes.

use printpdf::{
    Color, CurTransMat, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfPage, PdfSaveOptions,
    Point, Polygon, PolygonRing, Pt, Rect, Rgb, WindingOrder,
};

use crate::{stable_id, text_op, Face, PrintError, BOLD, REGULAR};

/// Bleed around the trimmed page, in millimetres.
pub const BLEED: f32 = 3.0;
/// Room outside the bleed for the crop marks, in millimetres.
pub const SLUG: f32 = 10.0;

/// A colour, 0–255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb8(pub u8, pub u8, pub u8);

impl Rgb8 {
    fn color(self) -> Color {
        Color::Rgb(Rgb {
            r: f32::from(self.0) / 255.0,
            g: f32::from(self.1) / 255.0,
            b: f32::from(self.2) / 255.0,
            icc_profile: None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
}

/// What a page is drawn from.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Rgb8,
    },
    /// A closed polygon, filled.
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Rgb8,
    },
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        fill: Rgb8,
    },
    /// One line of text; `y` is its baseline.
    Text {
        text: String,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        fill: Rgb8,
        align: Align,
    },
    /// A dashed line (a fold).
    Dashed {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Rgb8,
    },
    /// The shapes turned half a circle around (cx, cy): the upper face of a folded table tent.
    Turned {
        cx: f32,
        cy: f32,
        shapes: Vec<Shape>,
    },
    /// A picture (the official mark from the kit) in the box (x, y, w, h).
    Picture {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        picture: std::sync::Arc<Picture>,
    },
}

/// An RGBA picture, 8 bits a channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub width: usize,
    pub height: usize,
    pub rgba: Vec<u8>,
}

/// One page: its trimmed size and what is on it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArtPage {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

/// Measures text as the artwork will set it.
pub struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    pub fn new() -> Result<Fonts, PrintError> {
        let mut scratch = PdfDocument::new("");
        Ok(Fonts { regular: Face::new(&mut scratch, REGULAR, "F1")?, bold: Face::new(&mut scratch, BOLD, "F2")? })
    }

    /// The width of `text` at `size` points, in millimetres.
    pub fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        if bold {
            self.bold.width_mm(text, size)
        } else {
            self.regular.width_mm(text, size)
        }
    }

    /// `text` in lines no wider than `width` millimetres.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        crate::wrap(if bold { &self.bold } else { &self.regular }, text, size, width)
    }
}

fn pt(mm: f32) -> Pt {
    Mm(mm).into_pt()
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: pt(x), y: pt(y) }, bezier: false }
}

fn fill(ops: &mut Vec<Op>, points: Vec<LinePoint>, color: Rgb8) {
    ops.push(Op::SetFillColor { col: color.color() });
    ops.push(Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing { points }],
            mode: PaintMode::Fill,
            winding_order: WindingOrder::NonZero,
        },
    });
}

/// The pictures of the pages, each once, with the fixed resource names they are drawn by (so
/// that the same pages give the same bytes).
type Pictures = Vec<(std::sync::Arc<Picture>, printpdf::XObjectId)>;

fn collect(shapes: &[Shape], out: &mut Pictures) {
    for s in shapes {
        match s {
            Shape::Picture { picture, .. } if !out.iter().any(|(p, _)| p == picture) => {
                let id = printpdf::XObjectId(format!("Im{}", out.len() + 1));
                out.push((picture.clone(), id));
            }
            Shape::Turned { shapes, .. } => collect(shapes, out),
            _ => {}
        }
    }
}

fn draw(ops: &mut Vec<Op>, shape: &Shape, fonts: &(Face, Face, Pictures), dx: f32, dy: f32) {
    match shape {
        Shape::Rect { x, y, w, h, fill: color } => {
            let (x, y) = (x + dx, y + dy);
            fill(ops, vec![point(x, y), point(x + w, y), point(x + w, y + h), point(x, y + h)], *color);
        }
        Shape::Polygon { points, fill: color } => {
            fill(ops, points.iter().map(|(x, y)| point(x + dx, y + dy)).collect(), *color);
        }
        Shape::Circle { cx, cy, r, fill: color } => {
            // Four cubic Bézier arcs.
            let (cx, cy, r) = (cx + dx, cy + dy, *r);
            let k = 0.552_284_8 * r;
            let c = |x: f32, y: f32| LinePoint { p: Point { x: pt(x), y: pt(y) }, bezier: true };
            let points = vec![
                point(cx + r, cy),
                c(cx + r, cy + k),
                c(cx + k, cy + r),
                point(cx, cy + r),
                c(cx - k, cy + r),
                c(cx - r, cy + k),
                point(cx - r, cy),
                c(cx - r, cy - k),
                c(cx - k, cy - r),
                point(cx, cy - r),
                c(cx + k, cy - r),
                c(cx + r, cy - k),
                point(cx + r, cy),
            ];
            fill(ops, points, *color);
        }
        Shape::Text { text, x, y, size, bold, fill: color, align } => {
            let face = if *bold { &fonts.1 } else { &fonts.0 };
            let x = match align {
                Align::Left => *x,
                Align::Centre => x - face.width_mm(text, *size) / 2.0,
            };
            ops.push(Op::SetFillColor { col: color.color() });
            text_op(ops, face, text, *size, x + dx, y + dy);
        }
        Shape::Dashed { from, to, width, color } => {
            ops.push(Op::SetOutlineColor { col: color.color() });
            ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
            ops.push(Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, &[4.0, 3.0]) });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(from.0 + dx, from.1 + dy), point(to.0 + dx, to.1 + dy)],
                    is_closed: false,
                },
            });
            ops.push(Op::SetLineDashPattern { dash: LineDashPattern::solid() });
        }
        Shape::Picture { x, y, w, h, picture } => {
            let Some((_, id)) = fonts.2.iter().find(|(p, _)| p == picture) else { return };
            // At 72 dpi a pixel is a point: scale the picture's pixels to the box.
            let transform = printpdf::XObjectTransform {
                translate_x: Some(pt(x + dx)),
                translate_y: Some(pt(y + dy)),
                scale_x: Some(pt(*w).0 / picture.width.max(1) as f32),
                scale_y: Some(pt(*h).0 / picture.height.max(1) as f32),
                dpi: Some(72.0),
                ..Default::default()
            };
            ops.push(Op::UseXobject { id: id.clone(), transform });
        }
        Shape::Turned { cx, cy, shapes } => {
            let (tx, ty) = (pt(2.0 * (cx + dx)).0, pt(2.0 * (cy + dy)).0);
            ops.push(Op::SaveGraphicsState);
            ops.push(Op::SetTransformationMatrix { matrix: CurTransMat::Raw([-1.0, 0.0, 0.0, -1.0, tx, ty]) });
            for s in shapes {
                draw(ops, s, fonts, dx, dy);
            }
            ops.push(Op::RestoreGraphicsState);
        }
    }
}

/// Crop marks at the four corners of the trimmed page, outside the bleed.
fn crop_marks(ops: &mut Vec<Op>, w: f32, h: f32) {
    let black = Rgb8(0, 0, 0).color();
    ops.push(Op::SetOutlineColor { col: black });
    ops.push(Op::SetOutlineThickness { pt: Pt(0.25) });
    let (near, far) = (SLUG - BLEED - 1.0, 1.0);
    let (left, right, bottom, top) = (SLUG, SLUG + w, SLUG, SLUG + h);
    let (outer_r, outer_t) = (SLUG + w + SLUG, SLUG + h + SLUG);
    let lines = [
        // Horizontal marks, level with the bottom and top trim edges.
        ((far, bottom), (near, bottom)),
        ((outer_r - near, bottom), (outer_r - far, bottom)),
        ((far, top), (near, top)),
        ((outer_r - near, top), (outer_r - far, top)),
        // Vertical marks, in line with the left and right trim edges.
        ((left, far), (left, near)),
        ((right, far), (right, near)),
        ((left, outer_t - near), (left, outer_t - far)),
        ((right, outer_t - near), (right, outer_t - far)),
    ];
    for (a, b) in lines {
        ops.push(Op::DrawLine { line: Line { points: vec![point(a.0, a.1), point(b.0, b.1)], is_closed: false } });
    }
}

/// Renders the pages: each MediaBox is the trimmed size with bleed and slug around it, the
/// TrimBox the exact size, the BleedBox 3 mm beyond it.
pub fn render_art(title: &str, pages: &[ArtPage]) -> Result<Vec<u8>, PrintError> {
    let mut pdf = PdfDocument::new(title);
    let mut pictures = Pictures::new();
    for page in pages {
        collect(&page.shapes, &mut pictures);
    }
    for (picture, id) in &pictures {
        let raw = printpdf::RawImage {
            pixels: printpdf::RawImageData::U8(picture.rgba.clone()),
            width: picture.width,
            height: picture.height,
            data_format: printpdf::RawImageFormat::RGBA8,
            tag: Vec::new(),
        };
        pdf.resources.xobjects.map.insert(id.clone(), printpdf::xobject::XObject::Image(raw));
    }
    let fonts = (Face::new(&mut pdf, REGULAR, "F1")?, Face::new(&mut pdf, BOLD, "F2")?, pictures);
    let mut bleeds = Vec::new();
    let pdf_pages: Vec<PdfPage> = pages
        .iter()
        .map(|page| {
            let mut ops = Vec::new();
            for shape in &page.shapes {
                draw(&mut ops, shape, &fonts, SLUG, SLUG);
            }
            // Nothing painted past the bleed but the marks: white over the slug.
            let (mw, mh) = (page.width + 2.0 * SLUG, page.height + 2.0 * SLUG);
            let white = Rgb8(255, 255, 255);
            let inner = SLUG - BLEED;
            draw(&mut ops, &Shape::Rect { x: 0.0, y: 0.0, w: mw, h: inner, fill: white }, &fonts, 0.0, 0.0);
            draw(&mut ops, &Shape::Rect { x: 0.0, y: mh - inner, w: mw, h: inner, fill: white }, &fonts, 0.0, 0.0);
            draw(&mut ops, &Shape::Rect { x: 0.0, y: 0.0, w: inner, h: mh, fill: white }, &fonts, 0.0, 0.0);
            draw(&mut ops, &Shape::Rect { x: mw - inner, y: 0.0, w: inner, h: mh, fill: white }, &fonts, 0.0, 0.0);
            crop_marks(&mut ops, page.width, page.height);
            let mut p = PdfPage::new(Mm(mw), Mm(mh), ops);
            // printpdf writes a Rect's four fields as the box's array as they are, and a PDF box
            // is [left bottom right top]: the upper right corner goes where the size would.
            p.trim_box = Rect::from_xywh(pt(SLUG), pt(SLUG), pt(SLUG + page.width), pt(SLUG + page.height));
            bleeds.push([pt(inner).0, pt(inner).0, pt(SLUG + page.width + BLEED).0, pt(SLUG + page.height + BLEED).0]);
            p
        })
        .collect();
    let options = PdfSaveOptions { subset_fonts: false, ..PdfSaveOptions::default() };
    let bytes = pdf.with_pages(pdf_pages).save(&options, &mut Vec::new());
    let mut bytes = with_bleed_boxes(bytes, &bleeds);
    stable_id(&mut bytes);
    Ok(bytes)
}

/// printpdf writes MediaBox, TrimBox and CropBox: each page dictionary gets its BleedBox after
/// its TrimBox, in page order, and the cross-reference table's offsets are moved past the
/// inserted bytes so that readers find every object where the table says.
fn with_bleed_boxes(bytes: Vec<u8>, bleeds: &[[f32; 4]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bleeds.len() * 64);
    let mut inserted: Vec<(usize, usize)> = Vec::new();
    let mut rest = &bytes[..];
    let mut at = 0;
    let mut page = 0;
    while let Some(i) = find(rest, b"/TrimBox") {
        // The end of the TrimBox array.
        let Some(close) = find(&rest[i..], b"]") else { break };
        let end = i + close + 1;
        out.extend_from_slice(&rest[..end]);
        if let Some(b) = bleeds.get(page) {
            let text = format!("/BleedBox[{} {} {} {}]", b[0], b[1], b[2], b[3]);
            out.extend_from_slice(text.as_bytes());
            inserted.push((at + end, text.len()));
        }
        page += 1;
        at += end;
        rest = &rest[end..];
    }
    out.extend_from_slice(rest);
    fix_xref(out, &inserted)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Moves the offsets of the cross-reference table (and `startxref`) past the inserted bytes.
fn fix_xref(mut bytes: Vec<u8>, inserted: &[(usize, usize)]) -> Vec<u8> {
    let shift = |offset: usize| -> usize {
        offset + inserted.iter().filter(|(at, _)| *at <= offset).map(|(_, n)| n).sum::<usize>()
    };
    // The table starts a line of its own (`startxref` near the end also ends in "xref").
    let Some(xref) = bytes.windows(6).rposition(|w| w == b"\nxref\n" || w == b"\nxref\r").map(|i| i + 1) else {
        return bytes;
    };
    let text = String::from_utf8_lossy(&bytes[xref..]).into_owned();
    let mut fixed = String::with_capacity(text.len());
    let mut in_table = true;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let fields: Vec<&str> = trimmed.split(' ').collect();
        if in_table && fields.len() == 3 && fields[2] == "n" && fields[0].len() == 10 {
            let offset: usize = fields[0].parse().unwrap_or(0);
            fixed.push_str(&format!("{:010} {} n", shift(offset), fields[1]));
            fixed.push_str(&line[trimmed.len()..]);
        } else {
            if trimmed.starts_with("trailer") {
                in_table = false;
            }
            fixed.push_str(line);
        }
    }
    // startxref: where the table now is (found in the bytes after the insertions).
    let moved_xref = xref;
    if let Some(s) = fixed.rfind("startxref") {
        let tail = &fixed[s..];
        let mut lines = tail.lines();
        lines.next();
        if let Some(old) = lines.next() {
            if old.trim().parse::<usize>().is_ok() {
                let replaced = format!("startxref\n{moved_xref}\n%%EOF\n");
                fixed.truncate(s);
                fixed.push_str(&replaced);
            }
        }
    }
    bytes.truncate(xref);
    bytes.extend_from_slice(fixed.as_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdfinfo(pdf: &[u8]) -> (String, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("art.pdf");
        std::fs::write(&path, pdf).unwrap();
        let out = std::process::Command::new("pdfinfo").arg("-box").arg(&path).output().expect("poppler's pdfinfo");
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    }

    fn boxes(info: &str, name: &str) -> Vec<f32> {
        let line = info.lines().find(|l| l.starts_with(name)).unwrap_or_else(|| panic!("{name} in {info}"));
        line[name.len()..].split_whitespace().map(|v| v.parse().unwrap()).collect()
    }

    /// A 150 mm square with a full-bleed background: the TrimBox is exactly 150 mm (425.197 pt),
    /// the BleedBox 3 mm beyond on each side, the MediaBox larger still for the crop marks; the
    /// file reads without a single complaint, so the moved cross-reference offsets are right.
    #[test]
    fn pages_have_their_exact_trimmed_size_bleed_and_room_for_crop_marks() {
        let page = ArtPage {
            width: 150.0,
            height: 150.0,
            shapes: vec![
                Shape::Rect { x: -BLEED, y: -BLEED, w: 156.0, h: 156.0, fill: Rgb8(15, 110, 110) },
                Shape::Circle { cx: 75.0, cy: 75.0, r: 20.0, fill: Rgb8(224, 168, 74) },
                Shape::Text {
                    text: "Қабылдаймыз".into(),
                    x: 75.0,
                    y: 30.0,
                    size: 20.0,
                    bold: true,
                    fill: Rgb8(255, 255, 255),
                    align: Align::Centre,
                },
            ],
        };
        let pdf = render_art("sticker", &[page.clone(), page]).unwrap();
        let (info, errors) = pdfinfo(&pdf);
        assert!(errors.is_empty(), "{errors}");
        assert!(info.contains("Pages:           2"), "{info}");
        let mm = |v: f32| v * 72.0 / 25.4;
        let trim = boxes(&info, "TrimBox:");
        assert!(
            (trim[2] - trim[0] - mm(150.0)).abs() < 0.01 && (trim[3] - trim[1] - mm(150.0)).abs() < 0.01,
            "{trim:?}"
        );
        let bleed = boxes(&info, "BleedBox:");
        assert!(
            (trim[0] - bleed[0] - mm(BLEED)).abs() < 0.01 && (bleed[2] - trim[2] - mm(BLEED)).abs() < 0.01,
            "{bleed:?}"
        );
        let media = boxes(&info, "MediaBox:");
        assert!((media[2] - mm(150.0 + 2.0 * SLUG)).abs() < 0.01, "{media:?}");
        let again = render_art("sticker", &[page_of(150.0)]).unwrap();
        assert_eq!(again, render_art("sticker", &[page_of(150.0)]).unwrap(), "the same pages, the same bytes");
    }

    fn page_of(size: f32) -> ArtPage {
        ArtPage {
            width: size,
            height: size,
            shapes: vec![Shape::Circle { cx: 5.0, cy: 5.0, r: 2.0, fill: Rgb8(0, 0, 0) }],
        }
    }
}
