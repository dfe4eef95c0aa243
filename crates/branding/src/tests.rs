//! The items read back by independent tools: poppler (`pdfinfo -box`, `pdffonts`, `pdftotext`,
//! `pdftoppm`) and zbar (`zbarimg`, which decodes the QR code from the rendered page).

use std::path::Path;
use std::process::Command;

use club::Lang;

use super::*;

fn subject(qr: Option<&str>) -> Subject {
    Subject {
        seller: "«Дала Сауда» ЖШС".into(),
        outlet: Some("Дала — Есіл".into()),
        qr_payload: qr.map(str::to_string),
        artwork: None,
    }
}

fn tool(dir: &Path, program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).current_dir(dir).output().unwrap_or_else(|e| panic!("{program}: {e}"));
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn trim_mm(info: &str) -> (f32, f32) {
    let line = info.lines().find(|l| l.starts_with("TrimBox:")).unwrap();
    let v: Vec<f32> = line["TrimBox:".len()..].split_whitespace().map(|x| x.parse().unwrap()).collect();
    ((v[2] - v[0]) * 25.4 / 72.0, (v[3] - v[1]) * 25.4 / 72.0)
}

#[test]
fn every_printed_item_has_its_exact_size_embedded_fonts_and_its_words_in_each_language() {
    let dir = tempfile::tempdir().unwrap();
    for item in [Item::Sticker, Item::TableTent, Item::PosterA4, Item::PosterA3] {
        for lang in Lang::ALL {
            let pdf = render_pdf(item, &subject(Some("https://qr.acb.kz/p/5501-2231")), lang).unwrap();
            std::fs::write(dir.path().join("item.pdf"), &pdf).unwrap();
            let (w, h) = trim_mm(&tool(dir.path(), "pdfinfo", &["-box", "item.pdf"]));
            let (ew, eh) = item.size_mm().unwrap();
            assert!((w - ew).abs() < 0.05 && (h - eh).abs() < 0.05, "{item:?}: {w} × {h} mm");
            let fonts = tool(dir.path(), "pdffonts", &["item.pdf"]);
            let rows: Vec<&str> = fonts.lines().skip(2).collect();
            assert!(!rows.is_empty() && rows.iter().all(|r| r.contains(" yes ")), "{item:?} fonts:\n{fonts}");
            let text = tool(dir.path(), "pdftotext", &["item.pdf", "-"]);
            assert!(text.contains("Alatau City Club"), "{item:?} {lang:?}: {text}");
            assert!(text.contains(words::words(lang).means), "{item:?} {lang:?}: {text}");
            assert!(text.contains("Дала Сауда"), "{item:?} {lang:?}: {text}");
            assert_eq!(pdf, render_pdf(item, &subject(Some("https://qr.acb.kz/p/5501-2231")), lang).unwrap());
        }
    }
}

/// The QR code on each printed item decodes back to the outlet's payload.
#[test]
fn the_qr_code_is_real_zbar_decodes_the_outlets_payload_from_the_printed_page() {
    let dir = tempfile::tempdir().unwrap();
    let payload = "https://qr.alataucitybank.kz/pay?m=5501-2231&o=Дала";
    for item in [Item::Sticker, Item::TableTent, Item::PosterA4] {
        let pdf = render_pdf(item, &subject(Some(payload)), Lang::Kk).unwrap();
        std::fs::write(dir.path().join("qr.pdf"), &pdf).unwrap();
        tool(dir.path(), "pdftoppm", &["-r", "200", "-png", "-singlefile", "qr.pdf", "page"]);
        let decoded = tool(dir.path(), "zbarimg", &["--quiet", "--raw", "page.png"]);
        let found: Vec<&str> = decoded.lines().collect();
        // The table tent carries the code on both faces.
        assert!(!found.is_empty() && found.iter().all(|l| *l == payload), "{item:?}: {decoded:?}");
    }
    // Without a payload there is no code to find.
    let pdf = render_pdf(Item::Sticker, &subject(None), Lang::Kk).unwrap();
    std::fs::write(dir.path().join("none.pdf"), &pdf).unwrap();
    tool(dir.path(), "pdftoppm", &["-r", "100", "-png", "-singlefile", "none.pdf", "none"]);
    let out = Command::new("zbarimg").args(["--quiet", "--raw", "none.png"]).current_dir(dir.path()).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).trim().is_empty());
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    (be(&png[16..20]), be(&png[20..24]))
}

#[test]
fn the_website_badge_is_svg_and_png_at_one_and_two_times() {
    let s = subject(None);
    for lang in Lang::ALL {
        let svg = badge_svg(&s, lang);
        assert!(svg.starts_with("<svg") && svg.contains(words::words(lang).means), "{svg}");
        assert!(svg.contains("«Дала Сауда» ЖШС"), "the seller is named in the badge's label");
        let one = badge_png(&s, lang, 1).unwrap();
        let two = badge_png(&s, lang, 2).unwrap();
        assert_eq!(png_size(&one), (240, 80));
        assert_eq!(png_size(&two), (480, 160));
        assert_ne!(one, badge_png(&subject(None), if lang == Lang::En { Lang::Ru } else { Lang::En }, 1).unwrap());
    }
    // Markup in a seller's name stays text.
    let odd = Subject { seller: "A <b> & \"C\"".into(), outlet: None, qr_payload: None, artwork: None };
    assert!(badge_svg(&odd, Lang::En).contains("A &lt;b&gt; &amp; &quot;C&quot;"));
}

#[test]
fn items_are_named_by_stable_codes() {
    for item in Item::ALL {
        assert_eq!(Item::from_code(item.code()), Some(item));
    }
    assert_eq!(Item::from_code("poster-a5"), None);
}

/// The kit's official mark replaces the drawn one: an image in the PDF, and pixels of the PNG
/// badge taken from it (the drawn mark's gold sun is gone, the artwork's colours are there).
#[test]
fn the_kits_artwork_is_drawn_in_the_pdf_and_the_badge() {
    use resvg::tiny_skia::Pixmap;
    let dir = tempfile::tempdir().unwrap();
    // A plain red 8 × 8 PNG as the "official" mark.
    let mut red = Pixmap::new(8, 8).unwrap();
    red.fill(resvg::tiny_skia::Color::from_rgba8(200, 0, 0, 255));
    let art = Artwork::from_png(&red.encode_png().unwrap()).unwrap();
    let s = Subject { artwork: Some(art), ..subject(None) };
    std::fs::write(dir.path().join("kit.pdf"), render_pdf(Item::Sticker, &s, Lang::Kk).unwrap()).unwrap();
    let list = tool(dir.path(), "pdfimages", &["-list", "kit.pdf"]);
    assert_eq!(list.lines().skip(2).filter(|l| l.split_whitespace().nth(2) == Some("image")).count(), 1, "{list}");
    let badge = Pixmap::decode_png(&badge_png(&s, Lang::Kk, 1).unwrap()).unwrap();
    // The mark's box is 10..70 × 10..70: its middle is the artwork's red.
    let p = badge.pixel(40, 40).unwrap();
    assert!(p.red() > 150 && p.green() < 40 && p.blue() < 40, "{p:?}");
    assert!(Artwork::from_png(b"not a png").is_err());
}

/// The poster uses its page: its headline once (never repeated in the line under it), and the
/// lower part carries the QR code or, without one, the means of payment in large type — no
/// blank lower half. Measured on the rendered page: the longest run of blank rows inside the
/// trim (crop marks and bleed aside).
#[test]
fn the_poster_fills_its_page_and_says_its_headline_once() {
    let dir = tempfile::tempdir().unwrap();
    for (item, payload) in [
        (Item::PosterA4, Some("https://qr.acb.kz/p/5501-2231")),
        (Item::PosterA4, None),
        (Item::PosterA3, Some("https://qr.acb.kz/p/5501-2231")),
    ] {
        for lang in Lang::ALL {
            let pdf = render_pdf(item, &subject(payload), lang).unwrap();
            std::fs::write(dir.path().join("poster.pdf"), &pdf).unwrap();
            let text = tool(dir.path(), "pdftotext", &["poster.pdf", "-"]);
            let headline = words::words(lang).headline;
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(flat.matches(headline).count(), 1, "{item:?} {lang:?}: {flat}");
            tool(dir.path(), "pdftoppm", &["-r", "20", "-gray", "-singlefile", "poster.pdf", "page"]);
            let page = std::fs::read(dir.path().join("page.pgm")).unwrap();
            let (w, h, pixels) = pgm(&page);
            // Rows with any ink (darker than light grey), between 8 % and 92 % of the height.
            let inked = |y: usize| pixels[y * w + w / 10..y * w + w * 9 / 10].iter().any(|&p| p < 200);
            let (mut run, mut longest) = (0, 0);
            for y in h * 8 / 100..h * 92 / 100 {
                run = if inked(y) { 0 } else { run + 1 };
                longest = longest.max(run);
            }
            let gap = longest as f32 / h as f32;
            assert!(
                gap < 0.12,
                "{item:?} {lang:?} with code {}: a blank band of {gap:.2} of the page",
                payload.is_some()
            );
        }
    }
}

/// A binary PGM (P5) as width, height and grey bytes.
fn pgm(bytes: &[u8]) -> (usize, usize, &[u8]) {
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..i]).unwrap().to_string());
    }
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    (w, h, &bytes[i + 1..i + 1 + w * h])
}
