//! `backup` and `restore`: the shop's data copied out, checked, and put back.

use std::path::Path;

use desk::backups::BackupFactsDto;
use desk::{ApiError, Desk};

use super::words::say;

fn show(f: &BackupFactsDto) {
    let shop = f.shop.clone().unwrap_or_else(|| say!("(дүкен жоқ)", "(магазина нет)", "(no shop)"));
    let tax_id = f.tax_id.clone().unwrap_or_default();
    let when = f.last_change.clone().unwrap_or_else(|| "—".into());
    let (fines, events, documents, people) = (f.fines, f.payments_and_events, f.documents, f.people);
    println!("  {}", say!("Дүкен: {shop} {tax_id}", "Магазин: {shop} {tax_id}", "Shop: {shop} {tax_id}"));
    println!("  {}", say!("Соңғы өзгеріс: {when}", "Последнее изменение: {when}", "Last change: {when}"));
    println!(
        "  {}",
        say!(
            "Айыппұлдар: {fines}, төлемдер мен оқиғалар: {events}, құжаттар: {documents}, адамдар: {people}",
            "Штрафы: {fines}, платежи и события: {events}, документы: {documents}, люди: {people}",
            "Fines: {fines}, payments and events: {events}, documents: {documents}, people: {people}"
        )
    );
}

pub(super) fn backup(desk: &mut Desk, to: Option<&Path>, keep: Option<u32>) -> Result<(), ApiError> {
    if to.is_some() || keep.is_some() {
        desk.set_backup_settings(to, keep)?;
    }
    let done = desk.backup_now()?;
    let path = &done.made.path;
    println!(
        "{}",
        say!(
            "Сақтық көшірме жазылып, тексерілді: {path}",
            "Резервная копия записана и проверена: {path}",
            "The backup was written and checked: {path}"
        )
    );
    show(&done.made);
    for old in &done.removed {
        println!(
            "{}",
            say!("Ескі көшірме жойылды: {old}", "Удалена старая копия: {old}", "An old backup was removed: {old}")
        );
    }
    Ok(())
}

pub(super) fn restore(desk: Desk, file: &Path, yes: bool) -> Result<(), ApiError> {
    let facts = desk.backup_facts(file)?;
    println!("{}", say!("Сақтық көшірмеде:", "В резервной копии:", "The backup holds:"));
    show(&facts);
    if !yes {
        println!(
            "{}",
            say!(
                "Деректердің орнына қою үшін --yes қосыңыз (қазіргі деректер алдымен сақталады).",
                "Чтобы поставить её вместо данных, добавьте --yes (текущие данные сначала сохраняются).",
                "Add --yes to put it in place of the data (the data as it is now is kept first)."
            )
        );
        return Ok(());
    }
    let done = desk.restore(file)?;
    let safety = done.safety_copy;
    println!(
        "{}",
        say!(
            "Деректер сақтық көшірмеден қалпына келтірілді. Бұрынғы деректер сақталды: {safety}",
            "Данные восстановлены из резервной копии. Прежние данные сохранены: {safety}",
            "The data was restored from the backup. The data as it was is kept in {safety}"
        )
    );
    Ok(())
}
