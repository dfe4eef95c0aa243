//! `rules`: published versions imported, listed, compared, acknowledged.

use desk::Desk;

use super::*;

/// A version named on the command line: its number, its publication day, or `shipped`.
fn rules_version(desk: &Desk, v: &str) -> Result<i64, desk::ApiError> {
    let page = desk.rules_page()?;
    let v = v.trim();
    let found = if v == "shipped" {
        Some(desk::rules::SHIPPED)
    } else if let Ok(id) = v.parse::<i64>() {
        page.versions.iter().find(|x| x.id == id).map(|x| x.id)
    } else {
        let day = chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .or_else(|_| chrono::NaiveDate::parse_from_str(v, "%d.%m.%Y"))
            .ok();
        page.versions.iter().find(|x| day.is_some() && x.published_on == day).map(|x| x.id)
    };
    found
        .ok_or_else(|| desk::ApiError::new(desk::ErrorCode::RulesVersionNotFound, format!("there is no version {v:?}")))
}

fn print_diff(d: &desk::rules::RulesDiffDto) {
    use club::rules::{ChangeKind, WordKind};
    let name = |v: &desk::rules::RulesVersionDto| match v.published_on {
        Some(p) => format!("version {} published {}", v.id, p.format("%d.%m.%Y")),
        None => "the shipped version".to_string(),
    };
    println!("{} → {}: {} clause(s) unchanged", name(&d.from), name(&d.to), d.unchanged);
    for c in &d.changes {
        let ch = &c.change;
        let kind = match ch.kind {
            ChangeKind::Unchanged => "unchanged",
            ChangeKind::Editorial => "editorial",
            ChangeKind::Changed => "changed",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
            ChangeKind::Renumbered => "renumbered",
        };
        let number = match (&ch.old_number, &ch.new_number) {
            (Some(o), Some(n)) if o != n => format!("{o} → {n}"),
            _ => ch.number().to_string(),
        };
        println!();
        println!("{number}  {kind}");
        let text: String = if ch.words.is_empty() {
            ch.new_text.clone().or(ch.old_text.clone()).unwrap_or_default()
        } else {
            ch.words
                .iter()
                .map(|w| match w.kind {
                    WordKind::Same => w.text.clone(),
                    WordKind::Removed => format!("[-{}-]", w.text),
                    WordKind::Added => format!("{{+{}+}}", w.text),
                })
                .collect()
        };
        println!("  {text}");
        let i = &c.impact;
        if let Some((b, a)) = i.notice_days {
            println!("  → the notice before the club stops (4.4): {b} → {a} calendar days");
        }
        if !i.lessons.is_empty() {
            let titles: Vec<&str> = i.lessons.iter().map(|l| l.title.as_str()).collect();
            println!("  → lessons citing it: {}", titles.join("; "));
        }
        if !i.certificates.is_empty() {
            println!("  → certificates covering it: {}", i.certificates.join(", "));
        }
        if i.new_obligation {
            println!("  → a new obligation of the seller");
        }
    }
}

pub(super) fn rules(desk: &mut Desk, action: RulesAction) -> Result<(), desk::ApiError> {
    let internal = |e: serde_json::Error| desk::ApiError::new(desk::ErrorCode::Internal, e.to_string());
    match action {
        RulesAction::Import { file, published, json } => {
            let bytes = read_file(&file)?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let imported = desk.import_rules(&bytes, &name, &published)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&imported).map_err(internal)?);
            } else if imported.already_known {
                println!("This text is known already (version {}); nothing was stored.", imported.version.id);
            } else {
                println!(
                    "Imported version {} ({} clauses); {} refresher(s) assigned.",
                    imported.version.id, imported.version.clauses, imported.refreshers
                );
                for g in &imported.version.gaps {
                    println!("  gap before {}: {} missing", g.next, g.missing.join(", "));
                }
                if let Some(d) = &imported.diff {
                    print_diff(d);
                }
            }
        }
        RulesAction::List { json } => {
            let page = desk.rules_page()?;
            if json {
                println!("{}", serde_json::to_string_pretty(&page).map_err(internal)?);
                return Ok(());
            }
            for v in &page.versions {
                let published = v.published_on.map(|p| p.format("%d.%m.%Y").to_string()).unwrap_or("shipped".into());
                let ack = match &v.acknowledged {
                    Some(a) => format!(
                        "acknowledged {}{}",
                        a.at.format("%d.%m.%Y"),
                        if a.signed { ", signed" } else { ", PIN" }
                    ),
                    None if v.id == desk::rules::SHIPPED => "shipped with Seller Desk".into(),
                    None => "not acknowledged".into(),
                };
                println!(
                    "{:>3}  {published:<10}  {}{:>3} clauses  {} substantive, {} editorial  {ack}",
                    v.id,
                    if v.in_force { "in force  " } else { "          " },
                    v.clauses,
                    v.substantive,
                    v.editorial
                );
            }
        }
        RulesAction::Diff { from, to, json } => {
            let from = from.as_deref().map(|v| rules_version(desk, v)).transpose()?;
            let to = to.as_deref().map(|v| rules_version(desk, v)).transpose()?;
            let d = desk.rules_diff(from, to)?;
            if json {
                println!("{}", serde_json::to_string_pretty(&d).map_err(internal)?);
            } else {
                print_diff(&d);
            }
        }
        RulesAction::Acknowledge { out } => {
            let done = desk.acknowledge_rules()?;
            let path = match out {
                Some(out) => {
                    let (_, bytes) = desk.acknowledgement_pdf(done.document_id)?;
                    desk::statements::save(&out, &bytes)?;
                    out
                }
                None => desk.keep_acknowledgement(done.document_id)?,
            };
            println!("Acknowledged; the acknowledgement is document {} and {}.", done.document_id, path.display());
        }
    }
    Ok(())
}
