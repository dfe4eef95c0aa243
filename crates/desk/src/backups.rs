//! Backups of the shop's data: on demand into the folder the owner picks (a USB stick, a synced
//! folder), encrypted under the data's own key (the recovery sheet opens them too), each checked
//! after it is written, the last N kept; and a backup put back, after a safety copy.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use store::backup::{BackupFacts, RestoreRefusal};
use ts_rs::TS;

use crate::people::Need;
use crate::{ApiError, Desk, ErrorCode};

const FOLDER_KEY: &str = "backup.folder";
const KEEP_KEY: &str = "backup.keep";
const LAST_GOOD_KEY: &str = "backup.last_good";
const LAST_PATH_KEY: &str = "backup.last_path";
const WARN_DAYS_KEY: &str = "backup.warn_days";
/// The status page warns when the last good backup is older than this many days, unless the
/// owner set another number.
pub const DEFAULT_WARN_DAYS: u32 = 7;
/// While the app is in use, a backup is made when the last one is older than this.
const DAILY: chrono::Duration = chrono::Duration::hours(24);
/// Backups kept when the owner has not said otherwise.
pub const DEFAULT_KEEP: u32 = 14;
/// The most the owner may ask to keep.
pub const MAX_KEEP: u32 = 365;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSettingsDto {
    pub folder: Option<String>,
    pub keep: u32,
    /// When the last backup that was checked after writing was made.
    pub last_good: Option<DateTime<Utc>>,
    pub last_path: Option<String>,
    /// Days after which the status page warns.
    pub warn_days: u32,
    /// No good backup yet, or the last one is older than `warn_days`.
    pub overdue: bool,
}

/// What a backup holds, as the restore screen and the command line show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupFactsDto {
    pub path: String,
    pub shop: Option<String>,
    pub tax_id: Option<String>,
    pub fines: u32,
    pub payments_and_events: u32,
    pub documents: u32,
    pub people: u32,
    /// The newest change recorded in it.
    pub last_change: Option<String>,
    pub schema_version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupDto {
    pub made: BackupFactsDto,
    /// Older backups of this shop removed to keep the last N.
    pub removed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RestoreDto {
    pub restored: BackupFactsDto,
    /// The data as it was just before, kept in the data folder.
    pub safety_copy: String,
}

fn err(code: ErrorCode, message: impl Into<String>) -> ApiError {
    ApiError::new(code, message)
}

fn dto(path: &Path, f: BackupFacts) -> BackupFactsDto {
    let n = |x: i64| u32::try_from(x).unwrap_or(u32::MAX);
    BackupFactsDto {
        path: path.display().to_string(),
        shop: f.seller.as_ref().map(|(name, _)| name.clone()),
        tax_id: f.seller.map(|(_, id)| id),
        fines: n(f.fines),
        payments_and_events: n(f.fine_events),
        documents: n(f.documents),
        people: n(f.people),
        last_change: f.last_change,
        schema_version: f.schema_version,
    }
}

fn refusal(e: RestoreRefusal) -> ApiError {
    let code = match e {
        RestoreRefusal::NotThisShops | RestoreRefusal::OtherShop { .. } => ErrorCode::BackupNotThisShops,
        RestoreRefusal::Newer { .. } => ErrorCode::BackupNewer,
        RestoreRefusal::Damaged(_) => ErrorCode::BackupDamaged,
    };
    err(code, e.to_string())
}

/// A backup's file name: the shop's IIN/BIN (so that two shops' backups in one folder are told
/// apart and never pruned for each other) and the moment, sortable.
fn prefix(tax_id: Option<&str>) -> String {
    format!("seller-desk-{}-", tax_id.unwrap_or("shop"))
}

impl Desk {
    pub fn backup_settings(&self) -> Result<BackupSettingsDto, ApiError> {
        self.need(Need::Shop)?;
        let db = self.store.read();
        let last_good: Option<DateTime<Utc>> =
            db.setting(LAST_GOOD_KEY)?.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()).map(|t| t.to_utc());
        let warn_days = db.setting(WARN_DAYS_KEY)?.and_then(|k| k.parse().ok()).unwrap_or(DEFAULT_WARN_DAYS);
        let overdue = last_good.is_none_or(|t| self.clock.now() - t > chrono::Duration::days(i64::from(warn_days)));
        Ok(BackupSettingsDto {
            folder: db.setting(FOLDER_KEY)?,
            keep: db.setting(KEEP_KEY)?.and_then(|k| k.parse().ok()).unwrap_or(DEFAULT_KEEP),
            last_good,
            last_path: db.setting(LAST_PATH_KEY)?,
            warn_days,
            overdue,
        })
    }

    /// How many backups are kept and after how many days the status page warns.
    pub fn set_backup_numbers(&mut self, keep: u32, warn_days: u32) -> Result<BackupSettingsDto, ApiError> {
        self.need(Need::Shop)?;
        if !(1..=MAX_KEEP).contains(&warn_days) {
            return Err(err(ErrorCode::BackupKeepRange, format!("warn after 1 to {MAX_KEEP} days, not {warn_days}")));
        }
        self.set_backup_settings(None, Some(keep))?;
        self.store.write(|db| db.set_audited_setting(WARN_DAYS_KEY, &warn_days.to_string()))?;
        self.backup_settings()
    }

    /// The daily backup while the app is in use: made when a folder is chosen and the last good
    /// backup is a day old or more; `None` otherwise.
    pub fn backup_if_due(&mut self) -> Result<Option<BackupDto>, ApiError> {
        self.need(Need::Shop)?;
        let settings = self.backup_settings()?;
        if settings.folder.is_none() || settings.last_good.is_some_and(|t| self.clock.now() - t < DAILY) {
            return Ok(None);
        }
        self.backup_now().map(Some)
    }

    /// The folder backups go to and how many are kept (1 to 365).
    pub fn set_backup_settings(
        &mut self,
        folder: Option<&Path>,
        keep: Option<u32>,
    ) -> Result<BackupSettingsDto, ApiError> {
        self.need(Need::Shop)?;
        if let Some(k) = keep {
            if !(1..=MAX_KEEP).contains(&k) {
                return Err(err(ErrorCode::BackupKeepRange, format!("keep between 1 and {MAX_KEEP} backups, not {k}")));
            }
        }
        if let Some(f) = folder {
            if !f.is_dir() {
                return Err(err(ErrorCode::BackupNoFolder, format!("{} is not a folder", f.display())));
            }
        }
        self.store.write(|db| -> Result<(), store::StoreError> {
            if let Some(f) = folder {
                db.set_audited_setting(FOLDER_KEY, &f.display().to_string())?;
            }
            if let Some(k) = keep {
                db.set_audited_setting(KEEP_KEY, &k.to_string())?;
            }
            Ok(())
        })?;
        self.backup_settings()
    }

    /// A backup now, into the chosen folder; checked after it is written; then only the last N
    /// of this shop's backups in that folder are kept.
    pub fn backup_now(&mut self) -> Result<BackupDto, ApiError> {
        self.need(Need::Shop)?;
        let settings = self.backup_settings()?;
        let folder = settings
            .folder
            .map(PathBuf::from)
            .ok_or_else(|| err(ErrorCode::BackupNoFolder, "no folder for backups has been chosen"))?;
        if !folder.is_dir() {
            return Err(err(
                ErrorCode::BackupNoFolder,
                format!("{} is not there (a USB stick taken out?)", folder.display()),
            ));
        }
        let tax_id = self.store.read().seller()?.map(|s| s.tax_id.number().to_string());
        let now = self.clock.now();
        let stem = format!("{}{}", prefix(tax_id.as_deref()), now.format("%Y%m%d-%H%M%S"));
        let mut path = folder.join(format!("{stem}.sqlite3"));
        let mut n = 2;
        while path.exists() {
            path = folder.join(format!("{stem}-{n}.sqlite3"));
            n += 1;
        }
        let facts = self.store.backup_to(&path, &self.key).map_err(|e| match e {
            store::StoreError::Io(io) => err(
                ErrorCode::BackupNotWritten,
                format!("the backup could not be written to {}: {io}", folder.display()),
            ),
            other => ApiError::from(other),
        })?;
        self.store.write(|db| -> Result<(), store::StoreError> {
            db.set_setting(LAST_GOOD_KEY, &now.to_rfc3339())?;
            db.set_setting(LAST_PATH_KEY, &path.display().to_string())
        })?;
        let removed = prune(&folder, &prefix(tax_id.as_deref()), settings.keep)?;
        Ok(BackupDto { made: dto(&path, facts), removed })
    }

    /// What a backup holds, read with this data's key; another shop's, a damaged one or one from
    /// a newer version is refused by its own code.
    pub fn backup_facts(&self, path: &Path) -> Result<BackupFactsDto, ApiError> {
        self.need(Need::Shop)?;
        match store::backup::inspect(path, &self.key)? {
            Ok(f) => Ok(dto(path, f)),
            Err(e) => Err(refusal(e)),
        }
    }

    /// Puts the backup at `path` in place of the data, the current data kept first as a safety
    /// copy in the data folder. The desk is closed by this (its file is replaced): open it again
    /// to go on.
    pub fn restore(self, path: &Path) -> Result<RestoreDto, ApiError> {
        self.need(Need::Shop)?;
        let live = self.data_dir.join(store::DB_FILE);
        let safety = self
            .data_dir
            .join(format!("seller-desk.before-restore-{}.sqlite3", self.clock.now().format("%Y%m%d-%H%M%S")));
        let key = self.key.clone();
        drop(self);
        match store::backup::restore(&live, path, &key, &safety)? {
            Ok(f) => Ok(RestoreDto { restored: dto(path, f), safety_copy: safety.display().to_string() }),
            Err(e) => Err(refusal(e)),
        }
    }
}

/// Removes this shop's oldest backups in `folder` beyond `keep` (names sort by their moment).
fn prune(folder: &Path, prefix: &str, keep: u32) -> Result<Vec<String>, ApiError> {
    let io = |e: std::io::Error| err(ErrorCode::BackupNotWritten, format!("{}: {e}", folder.display()));
    let mut ours: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix) && n.ends_with(".sqlite3"))
        })
        .collect();
    // By their moment, then by the number a second backup within the same second gets
    // (`…-090903.sqlite3` before `…-090903-2.sqlite3`, which plain name order would reverse).
    let order = |p: &PathBuf| -> (String, u32) {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let stem = name.strip_prefix(prefix).unwrap_or(name).trim_end_matches(".sqlite3");
        let moment: String = stem.chars().take(15).collect();
        let n = stem.get(15..).and_then(|rest| rest.strip_prefix('-')).and_then(|n| n.parse().ok()).unwrap_or(1);
        (moment, n)
    };
    ours.sort_by_key(order);
    let extra = ours.len().saturating_sub(keep as usize);
    let mut removed = Vec::new();
    for old in ours.into_iter().take(extra) {
        std::fs::remove_file(&old).map_err(io)?;
        removed.push(old.display().to_string());
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ManualClock;

    fn demo(dir: &Path) -> (Desk, ManualClock) {
        let clock = ManualClock::new("2026-11-25T09:00:00Z".parse().unwrap());
        let mut desk = Desk::open(dir, clock.clone()).unwrap();
        desk.init_demo().unwrap();
        (desk, clock)
    }

    fn files(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        n.sort();
        n
    }

    #[test]
    fn backups_go_to_the_chosen_folder_checked_and_only_the_last_n_of_this_shop_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (mut desk, clock) = demo(dir.path());
        assert_eq!(desk.backup_now().unwrap_err().code, ErrorCode::BackupNoFolder);
        let gone = dir.path().join("stick");
        assert_eq!(desk.set_backup_settings(Some(&gone), None).unwrap_err().code, ErrorCode::BackupNoFolder);
        let stick = tempfile::tempdir().unwrap();
        for bad in [0, MAX_KEEP + 1] {
            assert_eq!(
                desk.set_backup_settings(Some(stick.path()), Some(bad)).unwrap_err().code,
                ErrorCode::BackupKeepRange
            );
        }
        assert_eq!(desk.backup_settings().unwrap().folder, None, "a refused setting changed nothing");
        let settings = desk.set_backup_settings(Some(stick.path()), Some(2)).unwrap();
        assert_eq!((settings.keep, settings.last_good), (2, None));
        // Another shop's backups and the user's own files share the stick.
        std::fs::write(stick.path().join("seller-desk-971240001315-20260101-000000.sqlite3"), b"another shop's")
            .unwrap();
        std::fs::write(stick.path().join("notes.txt"), b"mine").unwrap();

        let mut made = Vec::new();
        for _ in 0..3 {
            let b = desk.backup_now().unwrap();
            made.push(b.made.path.clone());
            clock.advance(chrono::Duration::minutes(1));
        }
        let left = files(stick.path());
        assert_eq!(left.len(), 4, "{left:?}");
        assert!(left.contains(&"notes.txt".to_string()) && left.iter().any(|n| n.contains("971240001315")));
        assert!(!Path::new(&made[0]).exists() && Path::new(&made[1]).exists() && Path::new(&made[2]).exists());
        let facts = desk.backup_facts(Path::new(&made[2])).unwrap();
        assert_eq!(facts.shop.as_deref(), Some("«Дала Сауда» ЖШС"));
        assert!(facts.fines > 0 && facts.people > 0, "{facts:?}");
        let settings = desk.backup_settings().unwrap();
        assert_eq!(settings.last_path.as_deref(), Some(made[2].as_str()));
        assert_eq!(settings.last_good, Some("2026-11-25T09:02:00Z".parse().unwrap()));
    }

    #[test]
    fn a_backup_is_put_back_and_todays_data_kept_as_a_safety_copy() {
        let dir = tempfile::tempdir().unwrap();
        let (mut desk, clock) = demo(dir.path());
        let stick = tempfile::tempdir().unwrap();
        desk.set_backup_settings(Some(stick.path()), None).unwrap();
        let backup = desk.backup_now().unwrap().made;
        let fines_then = backup.fines;
        let csv = "notice_number;notice_date;fact_date;outlet;clause;amount;due_date;notes\n\
                   NEW-1;20.11.2026;18.11.2026;1;2.6.3;30000;20.12.2026;\n";
        assert_eq!(desk.import_fines(csv.as_bytes()).unwrap().imported, 1);
        clock.advance(chrono::Duration::minutes(5));

        // Another shop's backup is refused, and the data stays as it is.
        let other_dir = tempfile::tempdir().unwrap();
        let (mut other, _) = demo(other_dir.path());
        other.set_backup_settings(Some(stick.path()), None).unwrap();
        let foreign = other.backup_now().unwrap().made;
        assert_eq!(desk.backup_facts(Path::new(&foreign.path)).unwrap_err().code, ErrorCode::BackupNotThisShops);

        let restored = desk.restore(Path::new(&backup.path)).unwrap();
        assert_eq!(restored.restored.fines, fines_then);
        let desk = Desk::open(dir.path(), clock.clone()).unwrap();
        assert_eq!(
            u32::try_from(desk.store.facts().unwrap().fines).unwrap(),
            fines_then,
            "the fine imported since is gone"
        );
        let safety = store::Store::open(Path::new(&restored.safety_copy), &desk.key).unwrap();
        assert_eq!(
            u32::try_from(safety.facts().unwrap().fines).unwrap(),
            fines_then + 1,
            "and kept in the safety copy"
        );

        drop(desk);
        let mut desk2 = Desk::open(dir.path(), clock).unwrap();
        assert_eq!(
            desk2.backup_settings().unwrap_err().code,
            ErrorCode::SessionNone,
            "nobody signed in after the restore"
        );
        desk2.act_as(None, Some("482915".into())).unwrap();
        assert_eq!(desk2.restore(Path::new(&foreign.path)).unwrap_err().code, ErrorCode::BackupNotThisShops);
    }

    #[test]
    fn backups_made_within_one_second_are_pruned_oldest_first() {
        let dir = tempfile::tempdir().unwrap();
        let (mut desk, _clock) = demo(dir.path());
        let stick = tempfile::tempdir().unwrap();
        desk.set_backup_settings(Some(stick.path()), Some(2)).unwrap();
        // The clock stands still: the second and third get `-2` and `-3`.
        let made: Vec<String> = (0..3).map(|_| desk.backup_now().unwrap().made.path).collect();
        assert!(made[1].ends_with("-2.sqlite3") && made[2].ends_with("-3.sqlite3"), "{made:?}");
        assert!(!Path::new(&made[0]).exists(), "the first made is the first removed");
        assert!(Path::new(&made[1]).exists() && Path::new(&made[2]).exists());
    }

    #[test]
    fn while_the_app_is_in_use_a_backup_is_made_daily_and_an_old_one_is_warned_of() {
        let dir = tempfile::tempdir().unwrap();
        let (mut desk, clock) = demo(dir.path());
        assert!(desk.backup_settings().unwrap().overdue, "never backed up");
        assert_eq!(desk.backup_if_due().unwrap(), None, "no folder chosen: nothing to do");
        let stick = tempfile::tempdir().unwrap();
        desk.set_backup_settings(Some(stick.path()), None).unwrap();
        assert_eq!(desk.set_backup_numbers(14, 0).unwrap_err().code, ErrorCode::BackupKeepRange);
        let s = desk.set_backup_numbers(14, 3).unwrap();
        assert_eq!((s.keep, s.warn_days), (14, 3));
        assert!(desk.backup_if_due().unwrap().is_some(), "the first is made at once");
        assert!(!desk.backup_settings().unwrap().overdue);
        // The desk locks itself while idle: the owner is back at it each time.
        let back = |desk: &mut Desk| drop(desk.act_as(None, Some("482915".into())).unwrap());
        clock.advance(chrono::Duration::hours(23));
        back(&mut desk);
        assert_eq!(desk.backup_if_due().unwrap(), None, "less than a day since");
        clock.advance(chrono::Duration::hours(2));
        back(&mut desk);
        assert!(desk.backup_if_due().unwrap().is_some());
        // The stick taken out for days: the daily backup fails plainly, and the warning comes.
        let path = stick.path().to_path_buf();
        drop(stick);
        clock.advance(chrono::Duration::days(4));
        back(&mut desk);
        assert_eq!(desk.backup_if_due().unwrap_err().code, ErrorCode::BackupNoFolder);
        assert!(desk.backup_settings().unwrap().overdue);
        assert!(!path.exists());
    }
}
