//! `rules`: published versions imported, listed, compared, acknowledged.

use desk::Desk;

use super::words::{self, say};
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
        Some(p) => {
            let (id, on) = (v.id, words::day(&p));
            say!("{on} жарияланған {id}-нұсқа", "версия {id} от {on}", "version {id} published {on}")
        }
        None => say!("бағдарламамен келген нұсқа", "версия, поставленная с программой", "the shipped version"),
    };
    let (from, to, same) = (name(&d.from), name(&d.to), d.unchanged);
    println!(
        "{}",
        say!(
            "{from} → {to}: {same} тармақ өзгермеген",
            "{from} → {to}: без изменений пунктов — {same}",
            "{from} → {to}: {same} clause(s) unchanged"
        )
    );
    for c in &d.changes {
        let ch = &c.change;
        let kind = match ch.kind {
            ChangeKind::Unchanged => say!("өзгермеген", "без изменений", "unchanged"),
            ChangeKind::Editorial => say!("редакциялық", "редакционное", "editorial"),
            ChangeKind::Changed => say!("өзгерген", "изменён", "changed"),
            ChangeKind::Added => say!("қосылған", "добавлен", "added"),
            ChangeKind::Removed => say!("алынып тасталған", "удалён", "removed"),
            ChangeKind::Renumbered => say!("нөмірі өзгерген", "перенумерован", "renumbered"),
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
            println!(
                "{}",
                say!(
                    "  → клуб тоқтағанға дейінгі хабарлама (4.4): {b} → {a} күнтізбелік күн",
                    "  → уведомление до остановки клуба (4.4): {b} → {a} календ. дн.",
                    "  → the notice before the club stops (4.4): {b} → {a} calendar days"
                )
            );
        }
        if !i.lessons.is_empty() {
            let titles = i.lessons.iter().map(|l| l.title.as_str()).collect::<Vec<_>>().join("; ");
            println!(
                "{}",
                say!(
                    "  → оған сілтейтін сабақтар: {titles}",
                    "  → уроки, ссылающиеся на него: {titles}",
                    "  → lessons citing it: {titles}"
                )
            );
        }
        if !i.certificates.is_empty() {
            let list = i.certificates.join(", ");
            println!(
                "{}",
                say!(
                    "  → оны қамтитын сертификаттар: {list}",
                    "  → сертификаты, которые его охватывают: {list}",
                    "  → certificates covering it: {list}"
                )
            );
        }
        if i.new_obligation {
            println!(
                "{}",
                say!(
                    "  → сатушының жаңа міндеті",
                    "  → новая обязанность продавца",
                    "  → a new obligation of the seller"
                )
            );
        }
    }
}

pub(super) fn rules(desk: &mut Desk, action: RulesAction) -> Result<(), desk::ApiError> {
    match action {
        RulesAction::Import { file, published, json } => {
            let bytes = read_file(&file)?;
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let imported = desk.import_rules(&bytes, &name, &published)?;
            if json {
                print_json(&imported)?;
            } else if imported.already_known {
                let id = imported.version.id;
                println!(
                    "{}",
                    say!(
                        "Бұл мәтін бұрыннан бар ({id}-нұсқа); ештеңе сақталмады.",
                        "Этот текст уже известен (версия {id}); ничего не сохранено.",
                        "This text is known already (version {id}); nothing was stored."
                    )
                );
            } else {
                let (id, clauses, refreshers) = (imported.version.id, imported.version.clauses, imported.refreshers);
                println!(
                    "{}",
                    say!(
                        "{id}-нұсқа импортталды ({clauses} тармақ); {refreshers} қайталау сабағы тағайындалды.",
                        "Импортирована версия {id} (пунктов: {clauses}); назначено повторений: {refreshers}.",
                        "Imported version {id} ({clauses} clauses); {refreshers} refresher(s) assigned."
                    )
                );
                for g in &imported.version.gaps {
                    let (next, missing) = (&g.next, g.missing.join(", "));
                    println!(
                        "{}",
                        say!(
                            "  {next} алдында үзіліс: {missing} жоқ",
                            "  пропуск перед {next}: нет {missing}",
                            "  gap before {next}: {missing} missing"
                        )
                    );
                }
                if let Some(d) = &imported.diff {
                    print_diff(d);
                }
            }
        }
        RulesAction::List { json } => {
            let page = desk.rules_page()?;
            if json {
                print_json(&page)?;
                return Ok(());
            }
            for v in &page.versions {
                let published = v
                    .published_on
                    .map(|p| words::day(&p))
                    .unwrap_or_else(|| say!("бірге келген", "с программой", "shipped"));
                let ack = match &v.acknowledged {
                    Some(a) => {
                        let at = a.at.format("%d.%m.%Y").to_string();
                        let how = if a.signed { say!("ЭЦҚ-мен", "ЭЦП", "signed") } else { "PIN".to_string() };
                        say!("{at} танысты, {how}", "ознакомлен {at}, {how}", "acknowledged {at}, {how}")
                    }
                    None if v.id == desk::rules::SHIPPED => {
                        say!("Seller Desk-пен бірге келген", "поставлена с Seller Desk", "shipped with Seller Desk")
                    }
                    None => say!("танысқаны расталмаған", "ознакомление не подтверждено", "not acknowledged"),
                };
                let in_force =
                    if v.in_force { say!("күшінде", "действует", "in force") } else { String::new() };
                let (clauses, substantive, editorial) = (v.clauses, v.substantive, v.editorial);
                let counts = say!(
                    "{clauses} тармақ, {substantive} мәнді, {editorial} редакциялық",
                    "пунктов: {clauses}, по существу: {substantive}, редакционных: {editorial}",
                    "{clauses} clauses  {substantive} substantive, {editorial} editorial"
                );
                println!("{:>3}  {published:<10}  {in_force:<10}  {counts}  {ack}", v.id);
            }
        }
        RulesAction::Diff { from, to, json } => {
            let from = from.as_deref().map(|v| rules_version(desk, v)).transpose()?;
            let to = to.as_deref().map(|v| rules_version(desk, v)).transpose()?;
            let d = desk.rules_diff(from, to)?;
            if json {
                print_json(&d)?;
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
            let (doc, path) = (done.document_id, path.display());
            println!(
                "{}",
                say!(
                    "Танысқаныңыз расталды; растау — {doc} құжаты және {path}.",
                    "Ознакомление подтверждено; подтверждение — документ {doc} и {path}.",
                    "Acknowledged; the acknowledgement is document {doc} and {path}."
                )
            );
        }
    }
    Ok(())
}
