//! `branding` and `exit`: the club's items rendered, the website checked for marks left (5.1).

use desk::Desk;

use super::*;

pub(super) fn render(
    desk: &mut Desk,
    item: String,
    outlet: Option<i64>,
    lang: String,
    scale: Option<u32>,
    out: std::path::PathBuf,
) -> Result<(), desk::ApiError> {
    let bad = |what: String| desk::ApiError::new(desk::ErrorCode::CliBadArgument, what);
    let item = branding::Item::from_code(&item)
        .ok_or_else(|| bad(format!("{item:?}: sticker, table-tent, poster-a4, poster-a3 or badge")))?;
    let lang = club::Lang::from_code(&lang).ok_or_else(|| bad(format!("{lang:?}: kk, ru or en")))?;
    let (name, bytes) = desk.render_branding(item, outlet, lang, scale)?;
    desk::statements::save(&out, &bytes)?;
    println!("Wrote {name} to {}.", out.display());
    Ok(())
}

/// The website check: 0 when no club mark remains, 1 when some do, 2 when it cannot be done.
pub(super) fn check_site(urls: &[String], max_pages: usize, delay_ms: u64, json: bool, as_person: Option<&str>) -> i32 {
    // The seller's own badges are recognised by their bytes when a shop exists here; the
    // check is the owner's, as the exit is.
    let known = match desk::data_dir().and_then(|dir| Desk::open(&dir, SystemClock)) {
        Ok(mut desk) => {
            let command =
                Command::Exit { action: ExitAction::CheckSite { url: urls.to_vec(), max_pages, delay_ms, json } };
            if let Err(e) = act(&mut desk, &command, as_person) {
                eprintln!("seller-desk: {} ({})", e.message, serde_json::to_string(&e.code).unwrap_or_default());
                return 2;
            }
            desk.club_images().unwrap_or_default()
        }
        Err(_) => Vec::new(),
    };
    let options = desk::site_check::CheckOptions {
        max_pages,
        delay: std::time::Duration::from_millis(delay_ms),
        known_images: known,
    };
    match desk::site_check::check_site(urls, &options) {
        Ok(report) => {
            if json {
                println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
            } else {
                for f in &report.findings {
                    println!("{}  [{}]  {}: {}", f.page, f.place, f.matched, f.excerpt);
                }
                println!(
                    "{} page(s) read, {} left out by robots.txt; {}",
                    report.pages.len(),
                    report.disallowed.len(),
                    if report.clean {
                        "no club mark remains".to_string()
                    } else {
                        format!("{} mark(s) remain", report.findings.len())
                    }
                );
            }
            i32::from(!report.clean)
        }
        Err(e) => {
            eprintln!("seller-desk: {e}");
            2
        }
    }
}
