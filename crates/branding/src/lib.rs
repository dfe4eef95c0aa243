//! The club's branding items (2.5.1): what the seller puts up at its outlets and on its website.
//!
//! Print-ready PDFs (`print::artwork`: exact trimmed size, 3 mm bleed, crop marks, fonts
//! embedded) — a door/window sticker (150 × 150 mm), a cash-desk table tent (A5, two faces and a
//! fold line), A4 and A3 posters — and the website badge as SVG and as PNG at 1× and 2×. Each
//! carries the seller's name and, where the outlet has one, its bank QR payload as a real QR
//! code. The club mark is Seller Desk's own drawing ([`mark`]).
//!
//! Pure: the same subject, language and artwork give the same bytes.

use club::Lang;
use print::artwork::{render_art, Align, ArtPage, Fonts, Rgb8, Shape, BLEED};

pub mod mark;
mod qr;
mod words;

pub use words::Words;

#[derive(Debug, thiserror::Error)]
pub enum BrandingError {
    #[error(transparent)]
    Print(#[from] print::PrintError),
    #[error("the QR payload is too long for a QR code")]
    QrTooLong,
    #[error("the badge could not be drawn: {0}")]
    Badge(String),
    #[error("the kit's artwork is not a PNG that can be read: {0}")]
    Artwork(String),
}

/// The items Seller Desk renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Item {
    /// Door or window sticker, 150 × 150 mm.
    Sticker,
    /// Cash-desk table tent: one A5 sheet, two faces, folded in the middle.
    TableTent,
    PosterA4,
    PosterA3,
    /// The website badge (SVG, PNG 1× and 2×).
    Badge,
}

impl Item {
    pub const ALL: [Item; 5] = [Item::Sticker, Item::TableTent, Item::PosterA4, Item::PosterA3, Item::Badge];

    pub fn code(self) -> &'static str {
        match self {
            Item::Sticker => "sticker",
            Item::TableTent => "table-tent",
            Item::PosterA4 => "poster-a4",
            Item::PosterA3 => "poster-a3",
            Item::Badge => "badge",
        }
    }

    pub fn from_code(code: &str) -> Option<Item> {
        Item::ALL.into_iter().find(|i| i.code() == code)
    }

    /// The trimmed size of a printed item, in millimetres (the badge is not printed).
    pub fn size_mm(self) -> Option<(f32, f32)> {
        match self {
            Item::Sticker => Some((150.0, 150.0)),
            Item::TableTent => Some((148.0, 210.0)),
            Item::PosterA4 => Some((210.0, 297.0)),
            Item::PosterA3 => Some((297.0, 420.0)),
            Item::Badge => None,
        }
    }
}

/// Who the item is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub seller: String,
    /// The outlet's name, for items made for one outlet.
    pub outlet: Option<String>,
    /// The outlet's bank QR payload, drawn as a QR code.
    pub qr_payload: Option<String>,
    /// The official club mark from the kit, instead of Seller Desk's own drawing.
    pub artwork: Option<Artwork>,
}

/// The official club mark (a PNG from the kit), decoded once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artwork {
    png: Vec<u8>,
    picture: std::sync::Arc<print::artwork::Picture>,
}

impl Artwork {
    /// Reads a PNG; anything else is refused.
    pub fn from_png(png: &[u8]) -> Result<Artwork, BrandingError> {
        let bad = |e: String| BrandingError::Artwork(e);
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
        decoder.set_transformations(png::Transformations::normalize_to_color8());
        let mut reader = decoder.read_info().map_err(|e| bad(e.to_string()))?;
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).map_err(|e| bad(e.to_string()))?;
        let pixels = &buf[..info.buffer_size()];
        let rgba: Vec<u8> = match info.color_type {
            png::ColorType::Rgba => pixels.to_vec(),
            png::ColorType::Rgb => pixels.chunks(3).flat_map(|p| [p[0], p[1], p[2], 255]).collect(),
            png::ColorType::GrayscaleAlpha => pixels.chunks(2).flat_map(|p| [p[0], p[0], p[0], p[1]]).collect(),
            png::ColorType::Grayscale => pixels.iter().flat_map(|&g| [g, g, g, 255]).collect(),
            png::ColorType::Indexed => return Err(bad("an indexed PNG was not expanded".into())),
        };
        let picture = print::artwork::Picture { width: info.width as usize, height: info.height as usize, rgba };
        Ok(Artwork { png: png.to_vec(), picture: std::sync::Arc::new(picture) })
    }
}

/// The club mark in a `side` millimetre square at (x, y): the kit's artwork, kept in
/// proportion and centred, or Seller Desk's own drawing.
fn mark_at(s: &Subject, x: f32, y: f32, side: f32, peaks: Rgb8, sun: Rgb8) -> Vec<Shape> {
    match &s.artwork {
        Some(a) => {
            let (w, h) = (a.picture.width.max(1) as f32, a.picture.height.max(1) as f32);
            let k = side / w.max(h);
            let (pw, ph) = (w * k, h * k);
            vec![Shape::Picture {
                x: x + (side - pw) / 2.0,
                y: y + (side - ph) / 2.0,
                w: pw,
                h: ph,
                picture: a.picture.clone(),
            }]
        }
        None => mark::shapes(x, y, side, peaks, sun),
    }
}

pub const TEAL: Rgb8 = Rgb8(15, 110, 110);
pub const GOLD: Rgb8 = Rgb8(224, 168, 74);
const WHITE: Rgb8 = Rgb8(255, 255, 255);
const INK: Rgb8 = Rgb8(30, 34, 38);

/// A paragraph centred on `x`, wrapped to `width` millimetres.
struct Para<'a> {
    text: &'a str,
    x: f32,
    size: f32,
    bold: bool,
    fill: Rgb8,
    width: f32,
}

/// The paragraph's lines from the baseline `y` downwards; the y below the last one.
fn lines(fonts: &Fonts, out: &mut Vec<Shape>, p: Para<'_>, y: f32) -> f32 {
    let step = p.size * 0.3528 * 1.25;
    let mut y = y;
    for line in fonts.wrap(p.text, p.size, p.bold, p.width) {
        out.push(Shape::Text { text: line, x: p.x, y, size: p.size, bold: p.bold, fill: p.fill, align: Align::Centre });
        y -= step;
    }
    y
}

/// The largest size, up to `size`, at which `text` fits `width` on one line.
fn fitting(fonts: &Fonts, text: &str, size: f32, bold: bool, width: f32) -> f32 {
    let w = fonts.width(text, size, bold);
    if w <= width {
        size
    } else {
        size * width / w
    }
}

/// A white square with the QR code inside (its quiet zone is the square's margin).
fn qr_block(out: &mut Vec<Shape>, payload: &str, x: f32, y: f32, side: f32) -> Result<(), BrandingError> {
    out.push(Shape::Rect { x, y, w: side, h: side, fill: WHITE });
    out.extend(qr::modules(payload, x, y, side, INK)?);
    Ok(())
}

fn sticker(fonts: &Fonts, s: &Subject, w: &Words) -> Result<ArtPage, BrandingError> {
    let (size, mid) = (150.0, 75.0);
    let mut shapes =
        vec![Shape::Rect { x: -BLEED, y: -BLEED, w: size + 2.0 * BLEED, h: size + 2.0 * BLEED, fill: TEAL }];
    shapes.extend(mark_at(s, mid - 17.0, 108.0, 34.0, WHITE, GOLD));
    shapes.push(Shape::Text {
        text: "Alatau City Club".into(),
        x: mid,
        y: 97.0,
        size: 20.0,
        bold: true,
        fill: WHITE,
        align: Align::Centre,
    });
    let means = fitting(fonts, w.means, 12.0, false, 130.0);
    shapes.push(Shape::Text {
        text: w.means.into(),
        x: mid,
        y: 89.0,
        size: means,
        bold: false,
        fill: GOLD,
        align: Align::Centre,
    });
    match &s.qr_payload {
        Some(payload) => {
            shapes.push(Shape::Text {
                text: w.scan.into(),
                x: mid,
                y: 80.0,
                size: 9.0,
                bold: false,
                fill: WHITE,
                align: Align::Centre,
            });
            qr_block(&mut shapes, payload, mid - 25.0, 24.0, 50.0)?;
            let name = fitting(fonts, &s.seller, 9.0, true, 130.0);
            shapes.push(Shape::Text {
                text: s.seller.clone(),
                x: mid,
                y: 12.0,
                size: name,
                bold: true,
                fill: WHITE,
                align: Align::Centre,
            });
        }
        None => {
            shapes.push(Shape::Text {
                text: w.headline.into(),
                x: mid,
                y: 60.0,
                size: fitting(fonts, w.headline, 16.0, true, 130.0),
                bold: true,
                fill: WHITE,
                align: Align::Centre,
            });
            let name = fitting(fonts, &s.seller, 14.0, true, 130.0);
            shapes.push(Shape::Text {
                text: s.seller.clone(),
                x: mid,
                y: 24.0,
                size: name,
                bold: true,
                fill: WHITE,
                align: Align::Centre,
            });
        }
    }
    Ok(ArtPage { width: size, height: size, shapes })
}

/// One face of the table tent, 148 × 105 mm, drawn from (0, y0).
fn tent_face(fonts: &Fonts, s: &Subject, w: &Words, y0: f32) -> Result<Vec<Shape>, BrandingError> {
    let mut out = vec![Shape::Rect { x: 8.0, y: y0 + 8.0, w: 132.0, h: 89.0, fill: TEAL }];
    let text_x = if s.qr_payload.is_some() { 52.0 } else { 74.0 };
    let text_w = if s.qr_payload.is_some() { 80.0 } else { 120.0 };
    out.extend(mark_at(s, text_x - 11.0, y0 + 66.0, 22.0, WHITE, GOLD));
    let title = fitting(fonts, "Alatau City Club", 16.0, true, text_w);
    out.push(Shape::Text {
        text: "Alatau City Club".into(),
        x: text_x,
        y: y0 + 57.0,
        size: title,
        bold: true,
        fill: WHITE,
        align: Align::Centre,
    });
    let headline = Para { text: w.headline, x: text_x, size: 10.0, bold: true, fill: WHITE, width: text_w };
    let y = lines(fonts, &mut out, headline, y0 + 48.0);
    out.push(Shape::Text {
        text: w.means.into(),
        x: text_x,
        y: y - 2.0,
        size: fitting(fonts, w.means, 9.0, false, text_w),
        bold: false,
        fill: GOLD,
        align: Align::Centre,
    });
    if let Some(payload) = &s.qr_payload {
        qr_block(&mut out, payload, 97.0, y0 + 40.0, 38.0)?;
        out.push(Shape::Text {
            text: w.scan.into(),
            x: 116.0,
            y: y0 + 34.0,
            size: 7.0,
            bold: false,
            fill: WHITE,
            align: Align::Centre,
        });
    }
    let name = match &s.outlet {
        Some(o) => format!("{} · {o}", s.seller),
        None => s.seller.clone(),
    };
    out.push(Shape::Text {
        text: name.clone(),
        x: 74.0,
        y: y0 + 14.0,
        size: fitting(fonts, &name, 8.0, false, 124.0),
        bold: false,
        fill: WHITE,
        align: Align::Centre,
    });
    Ok(out)
}

fn table_tent(fonts: &Fonts, s: &Subject, w: &Words) -> Result<ArtPage, BrandingError> {
    let (width, height) = (148.0, 210.0);
    let mut shapes =
        vec![Shape::Rect { x: -BLEED, y: -BLEED, w: width + 2.0 * BLEED, h: height + 2.0 * BLEED, fill: WHITE }];
    shapes.extend(tent_face(fonts, s, w, 0.0)?);
    // The upper face is upside down on the flat sheet, so that both read upright once folded.
    shapes.push(Shape::Turned { cx: 74.0, cy: 157.5, shapes: tent_face(fonts, s, w, 105.0)? });
    shapes.push(Shape::Dashed { from: (0.0, 105.0), to: (width, 105.0), width: 0.5, color: Rgb8(150, 150, 150) });
    shapes.push(Shape::Text {
        text: w.fold.into(),
        x: 3.0,
        y: 106.5,
        size: 5.0,
        bold: false,
        fill: Rgb8(150, 150, 150),
        align: Align::Left,
    });
    Ok(ArtPage { width, height, shapes })
}

/// A poster laid out as a print shop would: the club's band with its mark across the top
/// third, the headline once, then the rest of the page for what the client needs at the till
/// (the outlet's QR code as large as the space allows, with its call to scan, or — without a
/// code — the means of payment in large type), and the seller at the foot. Every size scales
/// with the page, so A3 is A4 enlarged.
fn poster(fonts: &Fonts, s: &Subject, w: &Words, width: f32, height: f32) -> Result<ArtPage, BrandingError> {
    let k = width / 210.0;
    let mid = width / 2.0;
    let text_w = width - 30.0 * k;
    let band = height * 0.32;
    let mut shapes = vec![
        Shape::Rect { x: -BLEED, y: -BLEED, w: width + 2.0 * BLEED, h: height + 2.0 * BLEED, fill: WHITE },
        Shape::Rect { x: -BLEED, y: height - band, w: width + 2.0 * BLEED, h: band + BLEED, fill: TEAL },
    ];
    let mark_side = 58.0 * k;
    shapes.extend(mark_at(s, mid - mark_side / 2.0, height - band + 30.0 * k, mark_side, WHITE, GOLD));
    shapes.push(Shape::Text {
        text: "Alatau City Club".into(),
        x: mid,
        y: height - band + 14.0 * k,
        size: 30.0 * k,
        bold: true,
        fill: WHITE,
        align: Align::Centre,
    });
    // The headline once ("We accept Alatau City Club"), large, on one or two lines.
    let headline_size = fitting(fonts, w.headline, 34.0 * k, true, text_w).max(24.0 * k);
    let headline = Para { text: w.headline, x: mid, size: headline_size, bold: true, fill: INK, width: text_w };
    let y = lines(fonts, &mut shapes, headline, height - band - 20.0 * k);
    // The seller at the foot, above a thin rule.
    let name = match &s.outlet {
        Some(o) => format!("{} · {o}", s.seller),
        None => s.seller.clone(),
    };
    let foot = 14.0 * k;
    shapes.push(Shape::Rect { x: 15.0 * k, y: foot + 9.0 * k, w: text_w, h: 0.5 * k, fill: TEAL });
    shapes.push(Shape::Text {
        text: name.clone(),
        x: mid,
        y: foot,
        size: fitting(fonts, &name, 15.0 * k, true, text_w),
        bold: true,
        fill: INK,
        align: Align::Centre,
    });
    // What is left between the headline and the foot.
    let top = y - 2.0 * k;
    let bottom = foot + 16.0 * k;
    match &s.qr_payload {
        Some(payload) => {
            // The means on one line, then the call to scan and the code filling the rest.
            let means_size = fitting(fonts, w.means, 22.0 * k, false, text_w);
            shapes.push(Shape::Text {
                text: w.means.into(),
                x: mid,
                y: top - 6.0 * k,
                size: means_size,
                bold: false,
                fill: TEAL,
                align: Align::Centre,
            });
            let scan_y = top - 22.0 * k;
            shapes.push(Shape::Text {
                text: w.scan.into(),
                x: mid,
                y: scan_y,
                size: fitting(fonts, w.scan, 18.0 * k, true, text_w),
                bold: true,
                fill: TEAL,
                align: Align::Centre,
            });
            let side = (scan_y - 6.0 * k - bottom).min(110.0 * k).max(40.0 * k);
            let qr_y = bottom + ((scan_y - 6.0 * k - bottom) - side) / 2.0;
            qr_block(&mut shapes, payload, mid - side / 2.0, qr_y, side)?;
        }
        None => {
            // No code: the means of payment, one to a line, in large type across the space.
            let items: Vec<&str> = w.means.split(" · ").collect();
            let size = items.iter().map(|t| fitting(fonts, t, 44.0 * k, true, text_w)).fold(44.0 * k, f32::min);
            // Each in the middle of an equal share of the space.
            let step = (top - bottom) / items.len().max(1) as f32;
            for (i, item) in items.iter().enumerate() {
                shapes.push(Shape::Text {
                    text: (*item).into(),
                    x: mid,
                    y: top - step * (i as f32 + 0.5) - size * 0.3528 / 3.0,
                    size,
                    bold: true,
                    fill: TEAL,
                    align: Align::Centre,
                });
            }
        }
    }
    Ok(ArtPage { width, height, shapes })
}

/// Renders a printed item as a print-ready PDF.
pub fn render_pdf(item: Item, subject: &Subject, lang: Lang) -> Result<Vec<u8>, BrandingError> {
    let fonts = Fonts::new()?;
    let w = words::words(lang);
    let page = match item {
        Item::Sticker => sticker(&fonts, subject, &w)?,
        Item::TableTent => table_tent(&fonts, subject, &w)?,
        Item::PosterA4 => poster(&fonts, subject, &w, 210.0, 297.0)?,
        Item::PosterA3 => poster(&fonts, subject, &w, 297.0, 420.0)?,
        Item::Badge => return Err(BrandingError::Badge("the badge is an SVG or PNG, not a PDF".into())),
    };
    Ok(render_art(&format!("Alatau City Club — {}", subject.seller), &[page])?)
}

fn xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The website badge (240 × 80), as SVG.
pub fn badge_svg(subject: &Subject, lang: Lang) -> String {
    let w = words::words(lang);
    let label = format!("{} — {}", w.headline, subject.seller);
    format!(
        concat!(
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80" role="img" aria-label="{label}">"##,
            r##"<title>{label}</title>"##,
            r##"<rect width="240" height="80" rx="10" fill="#0f6e6e"/>"##,
            "{mark}",
            r##"<text x="80" y="34" font-family="DejaVu Sans" font-weight="bold" font-size="15" fill="#ffffff">Alatau City Club</text>"##,
            r##"<text x="80" y="54" font-family="DejaVu Sans" font-size="10" fill="#e0a84a">{means}</text>"##,
            r##"<text x="80" y="69" font-family="DejaVu Sans" font-size="8" fill="#ffffff">{accept}</text>"##,
            "</svg>\n"
        ),
        label = xml(&label),
        mark = match &subject.artwork {
            Some(a) => format!(
                r#"<image x="10" y="10" width="60" height="60" preserveAspectRatio="xMidYMid meet" href="data:image/png;base64,{}"/>"#,
                base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &a.png)
            ),
            None => format!(r#"<g transform="translate(10 10) scale(60)">{}</g>"#, mark::svg("#ffffff", "#e0a84a")),
        },
        means = xml(w.means),
        accept = xml(w.badge),
    )
}

/// The website badge as PNG, `scale` times 240 × 80 pixels, drawn from its SVG with the fonts
/// the PDFs embed.
pub fn badge_png(subject: &Subject, lang: Lang, scale: u32) -> Result<Vec<u8>, BrandingError> {
    use resvg::{tiny_skia, usvg};
    let mut options = usvg::Options::default();
    for font in print::FONTS {
        options.fontdb_mut().load_font_data(font.to_vec());
    }
    let tree =
        usvg::Tree::from_str(&badge_svg(subject, lang), &options).map_err(|e| BrandingError::Badge(e.to_string()))?;
    let scale = scale.max(1);
    let mut pixmap =
        tiny_skia::Pixmap::new(240 * scale, 80 * scale).ok_or_else(|| BrandingError::Badge("no pixmap".into()))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale as f32, scale as f32), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| BrandingError::Badge(e.to_string()))
}

#[cfg(test)]
mod tests;
