//! The outlet's bank QR payload as a QR code (error correction M), drawn as filled squares with
//! the standard four-module quiet zone inside the given square.

use print::artwork::{Rgb8, Shape};
use qrcode::{Color, EcLevel, QrCode};

use crate::BrandingError;

/// The dark modules of `payload`'s QR code in a `side` millimetre square at (x, y), each row's
/// runs of dark modules as one rectangle.
pub fn modules(payload: &str, x: f32, y: f32, side: f32, ink: Rgb8) -> Result<Vec<Shape>, BrandingError> {
    let code =
        QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).map_err(|_| BrandingError::QrTooLong)?;
    let n = code.width();
    let module = side / (n + 8) as f32;
    let colors = code.to_colors();
    let mut out = Vec::new();
    for row in 0..n {
        let top = y + side - (4 + row) as f32 * module;
        let mut col = 0;
        while col < n {
            if colors[row * n + col] == Color::Dark {
                let start = col;
                while col < n && colors[row * n + col] == Color::Dark {
                    col += 1;
                }
                // A hair wider than the run, so that neighbouring rows leave no seams in print.
                out.push(Shape::Rect {
                    x: x + (4 + start) as f32 * module,
                    y: top - module - 0.01,
                    w: (col - start) as f32 * module + 0.01,
                    h: module + 0.02,
                    fill: ink,
                });
            } else {
                col += 1;
            }
        }
    }
    Ok(out)
}
