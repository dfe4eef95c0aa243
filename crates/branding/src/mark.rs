//! The club mark as Seller Desk draws it: an original drawing, not the official artwork — a sun
//! rising behind the three peaks of the Alatau over a base line, in a unit square.

use print::artwork::{Rgb8, Shape};

/// The peaks, in the unit square (y up).
const PEAKS: [(f32, f32); 7] =
    [(0.04, 0.18), (0.30, 0.62), (0.42, 0.46), (0.58, 0.84), (0.74, 0.52), (0.82, 0.60), (0.96, 0.18)];
const SUN: (f32, f32, f32) = (0.70, 0.70, 0.17);
const BASE: (f32, f32, f32, f32) = (0.04, 0.06, 0.92, 0.07);

/// The mark in a `side` millimetre square whose lower left corner is (x, y).
pub fn shapes(x: f32, y: f32, side: f32, peaks: Rgb8, sun: Rgb8) -> Vec<Shape> {
    let at = |(u, v): (f32, f32)| (x + u * side, y + v * side);
    vec![
        Shape::Circle { cx: x + SUN.0 * side, cy: y + SUN.1 * side, r: SUN.2 * side, fill: sun },
        Shape::Polygon { points: PEAKS.iter().map(|&p| at(p)).collect(), fill: peaks },
        Shape::Rect { x: x + BASE.0 * side, y: y + BASE.1 * side, w: BASE.2 * side, h: BASE.3 * side, fill: peaks },
    ]
}

/// The mark as SVG elements in a unit square (y down, as SVG has it).
pub fn svg(peaks: &str, sun: &str) -> String {
    let points: Vec<String> = PEAKS.iter().map(|(u, v)| format!("{u},{}", 1.0 - v)).collect();
    format!(
        r#"<circle cx="{}" cy="{}" r="{}" fill="{sun}"/><polygon points="{}" fill="{peaks}"/><rect x="{}" y="{}" width="{}" height="{}" fill="{peaks}"/>"#,
        SUN.0,
        1.0 - SUN.1,
        SUN.2,
        points.join(" "),
        BASE.0,
        1.0 - BASE.1 - BASE.3,
        BASE.2,
        BASE.3,
    )
}
