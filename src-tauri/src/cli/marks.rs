//! `branding` and `exit`: the club's items rendered, the website checked for marks left (5.1).

use desk::Desk;

use super::words::{self, say};
use super::*;

pub(super) fn render(
    desk: &mut Desk,
    item: String,
    outlet: Option<i64>,
    scale: Option<u32>,
    out: std::path::PathBuf,
) -> Result<(), desk::ApiError> {
    let bad = |what: String| desk::ApiError::new(desk::ErrorCode::CliBadArgument, what);
    let item = branding::Item::from_code(&item)
        .ok_or_else(|| bad(format!("{item:?}: sticker, table-tent, poster-a4, poster-a3 or badge")))?;
    let lang = words::lang();
    let (name, bytes) = desk.render_branding(item, outlet, lang, scale)?;
    desk::statements::save(&out, &bytes)?;
    println!("{}", super::fines::wrote(&name, &out));
    Ok(())
}

/// The website check: 0 when no club mark remains, 1 when some do, 2 when it cannot be done.
pub(super) fn check_site(urls: &[String], max_pages: usize, delay_ms: u64, json: bool, as_person: Option<&str>) -> i32 {
    // The seller's own badges are recognised by their bytes when a shop exists here; the
    // check is the owner's, as the exit is.
    let known = match desk::data_dir().and_then(|dir| super::vault::open(&dir)) {
        Ok(mut desk) => {
            let asked = words::chosen();
            if !asked {
                words::set(desk.language().unwrap_or_default());
            }
            let command =
                Command::Exit { action: ExitAction::CheckSite { url: urls.to_vec(), max_pages, delay_ms, json } };
            if let Err(e) = act(&mut desk, &command, as_person) {
                eprintln!("{}", words::error_lines(&e));
                return 2;
            }
            if !asked {
                words::set(desk.language().unwrap_or_default());
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
                if let Err(e) = print_json(&report) {
                    eprintln!("{}", words::error_lines(&e));
                    return 2;
                }
            } else {
                for f in &report.findings {
                    println!("{}  [{}]  {}: {}", f.page, f.place, f.matched, f.excerpt);
                }
                let (read, left) = (report.pages.len(), report.disallowed.len());
                let verdict = if report.clean {
                    say!("клуб белгісі қалмады", "знаков клуба не осталось", "no club mark remains")
                } else {
                    let n = report.findings.len();
                    say!("{n} белгі қалды", "осталось знаков: {n}", "{n} mark(s) remain")
                };
                println!(
                    "{}",
                    say!(
                        "{read} бет оқылды, robots.txt бойынша {left} бет өткізілді; {verdict}",
                        "Прочитано страниц: {read}, пропущено по robots.txt: {left}; {verdict}",
                        "{read} page(s) read, {left} left out by robots.txt; {verdict}"
                    )
                );
            }
            i32::from(!report.clean)
        }
        Err(e) => {
            eprintln!("{}", words::error_lines(&desk::ApiError::from(e)));
            2
        }
    }
}
