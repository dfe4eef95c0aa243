//! The club's marks (2.5.1) and leaving the club (5.1): the placement register, advertising
//! materials, the exit checklist built from them, ticking its items with evidence, and the
//! exit completion statement that records the exit in the membership history.

use chrono::NaiveDate;
use club::marks::{self, ExitProgress, ExitSource, MarksError, PlacementDraft};
use club::membership::{EventKind, ExitReason, MembershipEvent, Standing};
use club::profile::{check_url, same_address, WebPresenceKind};
use club::Lang;
use print::{Block, Document};
use serde::{Deserialize, Serialize};
use store::marks::Tick;
use ts_rs::TS;

use crate::dto::OverviewDto;
use crate::limits::{self, LIMITS};
use crate::{ApiError, Desk, ErrorCode};

/// A correction's reason: required, within its limit.
fn correction_reason(reason: &str) -> Result<String, ApiError> {
    let reason = reason.trim();
    limits::check(&[("reason", reason, LIMITS.text)])?;
    if reason.is_empty() {
        return Err(ApiError::new(ErrorCode::CorrectionReasonEmpty, "a correction needs its reason"));
    }
    Ok(reason.to_string())
}

/// A photo kept with a placement or a tick.
#[derive(Debug, Clone)]
pub struct Photo {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// One item of the exit checklist, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExitItemDto {
    pub id: i64,
    pub source: ExitSource,
    pub source_id: i64,
    /// The placed item's code (sticker, poster-a4, …); empty for websites, pages, materials.
    pub item: String,
    pub outlet_id: Option<i64>,
    /// The spot, the address, or the description.
    pub label: String,
    pub done_on: Option<NaiveDate>,
    pub done_by: Option<String>,
    /// The person who recorded the tick in Seller Desk (6.8), when it is ticked.
    pub ticked_by: Option<String>,
    pub evidence_note: Option<String>,
    pub has_photo: bool,
    /// For websites: the latest website check.
    pub site_check: Option<SiteCheckSummaryDto>,
    /// Ticks taken back as recorded by mistake, oldest first.
    pub taken_back: Vec<TakenBackDto>,
}

/// A tick taken back: when, why, and the tick it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TakenBackDto {
    pub on: NaiveDate,
    pub reason: String,
    pub done_on: NaiveDate,
    pub done_by: String,
}

/// A placement or an exit tick recorded by mistake: which, when it is corrected, and why.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MarkCorrectionDto {
    pub id: i64,
    pub on: NaiveDate,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SiteCheckSummaryDto {
    pub checked_at: String,
    pub pages: i64,
    pub clean: bool,
    pub findings: Vec<crate::site_check::Finding>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ExitChecklistDto {
    pub exit_seq: i64,
    pub started_on: NaiveDate,
    pub progress: ExitProgress,
    pub items: Vec<ExitItemDto>,
    /// The completion statement in the archive, once the exit is complete.
    pub statement_document_id: Option<i64>,
    /// The exit is recorded as completed in the history.
    pub completed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StartExitDto {
    pub reason: ExitReason,
    pub started_on: NaiveDate,
    pub deadline: NaiveDate,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TickDto {
    pub item_id: i64,
    pub done_on: NaiveDate,
    pub done_by: String,
    pub note: String,
}

/// The days a new exit gets to finish its checklist when none is given (the rules set no
/// term; the platform may name one).
pub const DEFAULT_EXIT_DAYS: u64 = 30;

impl Desk {
    /// Records a placed item (2.5.1), with its photo if one was taken.
    pub fn add_placement(&mut self, draft: PlacementDraft, photo: Option<Photo>) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        // Both are printed in the exit statement's checklist.
        limits::check(&[("place", &draft.spot, LIMITS.line), ("person", &draft.placed_by, LIMITS.person)])?;
        limits::check_printable(&[("place", &draft.spot), ("person", &draft.placed_by)])?;
        let draft = draft.validated(self.today())?;
        self.store.write(|db| -> Result<(), ApiError> {
            if let Some(outlet) = draft.outlet_id {
                if !db.outlets()?.iter().any(|o| o.id == outlet) {
                    return Err(ApiError::new(ErrorCode::OutletNotFound, "no such outlet"));
                }
            }
            db.insert_placement(&draft, photo.as_ref().map(|p| (p.name.as_str(), p.bytes.as_slice())))?;
            Ok(())
        })?;
        self.overview()
    }

    /// Voids a placement recorded by mistake: it stays in the register, struck through, and no
    /// longer counts as a mark at its outlet.
    pub fn void_placement(&mut self, input: MarkCorrectionDto) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        let reason = correction_reason(&input.reason)?;
        if input.on > self.today() {
            return Err(MarksError::DateInFuture.into());
        }
        self.store.write(|db| -> Result<(), ApiError> {
            let placed = db.placements()?.into_iter().find(|p| p.id == input.id && p.voided_on.is_none());
            match placed {
                Some(p) if input.on >= p.placed_on => {}
                Some(_) => {
                    return Err(ApiError::new(ErrorCode::CorrectionOutOfOrder, "the void comes before the placement"))
                }
                None => return Err(ApiError::new(ErrorCode::MarksNoSuchPlacement, "no such placement in force")),
            }
            db.void_placement(input.id, input.on, &reason)?;
            Ok(())
        })?;
        self.overview()
    }

    /// Takes back a checklist tick recorded by mistake (the item is open again; the tick stays
    /// in the item's history). Refused once the exit is completed.
    pub fn take_back_tick(&mut self, input: MarkCorrectionDto) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Membership)?;
        let reason = correction_reason(&input.reason)?;
        if input.on > self.today() {
            return Err(MarksError::DateInFuture.into());
        }
        let exit =
            self.overview()?.exit.ok_or_else(|| ApiError::new(ErrorCode::ExitNoneOpen, "no exit has started"))?;
        if exit.completed {
            return Err(ApiError::new(ErrorCode::NotExiting, "the exit is completed"));
        }
        let item =
            exit.items.iter().find(|i| i.id == input.id).ok_or_else(|| ApiError::from(MarksError::NoSuchItem))?;
        match item.done_on {
            Some(done) if input.on >= done => {}
            Some(_) => return Err(ApiError::new(ErrorCode::CorrectionOutOfOrder, "taken back before it was done")),
            None => return Err(ApiError::new(ErrorCode::ExitNotTicked, "the item is not ticked")),
        }
        self.store.write(|db| db.take_back_tick(input.id, input.on, &reason).map(|_| ()))?;
        self.overview()
    }

    /// A website or social page that carries the club's marks.
    pub fn add_web_presence(&mut self, kind: WebPresenceKind, url: &str) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        limits::check(&[("address", url, LIMITS.url)])?;
        let url = check_url(url)?;
        self.store.write(|db| -> Result<(), ApiError> {
            if let Some(listed) = db.web_presence()?.into_iter().find(|w| same_address(&w.url, &url)) {
                return Err(ApiError::new(ErrorCode::WebAlreadyListed, format!("{} is already listed", listed.url)));
            }
            db.insert_web_presence(kind, &url)?;
            Ok(())
        })?;
        self.overview()
    }

    pub fn add_ad_material(&mut self, description: &str, since: NaiveDate) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Shop)?;
        let description = description.trim();
        limits::check(&[("description", description, LIMITS.line)])?;
        limits::check_printable(&[("description", description)])?;
        if description.is_empty() {
            return Err(MarksError::EmptyDescription.into());
        }
        if since > self.today() {
            return Err(MarksError::DateInFuture.into());
        }
        self.store.write(|db| db.insert_ad_material(description, since))?;
        self.overview()
    }

    /// Writes a file to be printed into the data folder's `print` folder (made when missing),
    /// through a temporary file and a rename; the path it was written to.
    pub fn keep_for_printing(&self, name: &str, bytes: &[u8]) -> Result<std::path::PathBuf, ApiError> {
        self.need(crate::people::Need::Branding)?;
        self.to_print_folder(name, bytes)
    }

    /// A placement's photo or a checklist item's evidence photo: (file name, bytes).
    pub fn photo(&self, of: &str, id: i64) -> Result<(String, Vec<u8>), ApiError> {
        self.need(crate::people::Need::Branding)?;
        self.store.read().photo(of, id)?.ok_or_else(|| ApiError::new(ErrorCode::FileNotFound, "no photo is kept"))
    }

    /// Starts leaving the club (5.1, 5.3, 6.6): records the exit in the history and builds its
    /// checklist from the register, in one transaction.
    pub fn start_exit(&mut self, input: StartExitDto) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Membership)?;
        if input.deadline < input.started_on {
            return Err(MarksError::DeadlineBeforeStart.into());
        }
        let today = self.today();
        self.store.write(|db| -> Result<(), ApiError> {
            let history = db.events()?;
            let standing = standing(&history)?;
            let kind = EventKind::ExitStarted { reason: input.reason };
            let candidate = MembershipEvent {
                seq: history.last().map_or(1, |e| e.seq + 1),
                occurred_on: input.started_on,
                kind: kind.clone(),
                note: String::new(),
            };
            standing.check_next(&candidate, today)?;
            let seq = db.append_event(input.started_on, &kind, "")?;
            let items = marks::checklist(&db.placements()?, &db.web_presence()?, &db.ad_materials()?);
            db.insert_exit_plan(seq, input.started_on, input.deadline, &items)?;
            Ok(())
        })?;
        self.overview()
    }

    /// Ticks a checklist item: done on a day, by whom, with a note or a photo as evidence.
    pub fn tick_exit_item(&mut self, input: TickDto, photo: Option<Photo>) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Membership)?;
        limits::check(&[("person", &input.done_by, LIMITS.person), ("note", &input.note, LIMITS.text)])?;
        limits::check_printable(&[("person", &input.done_by), ("note", &input.note)])?;
        marks::check_evidence(&input.note, photo.is_some())?;
        let by = input.done_by.trim();
        if by.is_empty() {
            return Err(MarksError::EmptyPerson.into());
        }
        if input.done_on > self.today() {
            return Err(MarksError::DateInFuture.into());
        }
        self.store.write(|db| -> Result<(), ApiError> {
            let plan = db.exit_plan()?.ok_or_else(|| ApiError::new(ErrorCode::ExitNoneOpen, "no exit has started"))?;
            if !db.exit_items(plan.exit_seq)?.iter().any(|i| i.id == input.item_id) {
                return Err(MarksError::NoSuchItem.into());
            }
            if input.done_on < plan.started_on {
                return Err(MarksError::BeforeExit.into());
            }
            let tick = Tick {
                done_on: input.done_on,
                done_by: by,
                note: input.note.trim(),
                photo: photo.as_ref().map(|p| (p.name.as_str(), p.bytes.as_slice())),
            };
            db.tick_exit_item(input.item_id, &tick)?;
            Ok(())
        })?;
        self.overview()
    }

    /// When every item is done: the exit completion statement (PDF, in `lang`) goes into the
    /// archive, ready to be signed, and the exit is recorded as completed — in one transaction.
    /// Returns the statement's document id.
    pub fn complete_exit(&mut self, lang: Lang) -> Result<i64, ApiError> {
        self.need(crate::people::Need::Membership)?;
        let today = self.today();
        let overview = self.overview()?;
        let exit = overview.exit.ok_or_else(|| ApiError::new(ErrorCode::ExitNoneOpen, "no exit has started"))?;
        if exit.completed {
            return Err(ApiError::new(ErrorCode::NotExiting, "the exit is already completed"));
        }
        if !exit.progress.complete {
            return Err(MarksError::NotAllDone.into());
        }
        let pdf = print::render(&statement(&overview.seller, &exit, &overview.outlets, today, lang))
            .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        let name = format!("exit-statement-{}-{}.pdf", today, lang.code());
        let title = statement_title(lang);
        self.store.write(|db| -> Result<i64, ApiError> {
            let history = db.events()?;
            let candidate = MembershipEvent {
                seq: history.last().map_or(1, |e| e.seq + 1),
                occurred_on: today,
                kind: EventKind::ExitCompleted,
                note: String::new(),
            };
            standing(&history)?.check_next(&candidate, today)?;
            let id = db.insert_document(title, "exit_statement", &name, &pdf, today, None)?;
            db.set_exit_statement(exit.exit_seq, id)?;
            db.append_event(today, &EventKind::ExitCompleted, "")?;
            Ok(id)
        })
    }

    /// The newest exit's checklist, with its progress as of today.
    pub(crate) fn exit_checklist_in(&self, db: &store::Db<'_>) -> Result<Option<ExitChecklistDto>, ApiError> {
        let Some(plan) = db.exit_plan()? else { return Ok(None) };
        let mut items = Vec::new();
        let names = self.people_names()?;
        for row in db.exit_items(plan.exit_seq)? {
            let ticked_by = match row.done_on {
                Some(_) => db.last_changed_by("exit_item", row.id)?.and_then(|p| names.get(&p).cloned()),
                None => None,
            };
            let site_check = match row.source {
                ExitSource::Website => db.last_site_check(row.id)?.map(|c| SiteCheckSummaryDto {
                    checked_at: c.checked_at,
                    pages: c.pages,
                    clean: c.clean,
                    findings: serde_json::from_str(&c.findings).unwrap_or_default(),
                }),
                _ => None,
            };
            items.push(ExitItemDto {
                id: row.id,
                source: row.source,
                source_id: row.source_id,
                item: row.item,
                outlet_id: row.outlet_id,
                label: row.label,
                done_on: row.done_on,
                done_by: row.done_by,
                ticked_by,
                evidence_note: row.evidence_note,
                has_photo: row.has_photo,
                site_check,
                taken_back: db
                    .ticks_taken_back(row.id)?
                    .into_iter()
                    .map(|(on, reason, done_on, done_by)| TakenBackDto { on, reason, done_on, done_by })
                    .collect(),
            });
        }
        let done: Vec<bool> = items.iter().map(|i| i.done_on.is_some()).collect();
        let completed = db.events()?.iter().any(|e| e.seq > plan.exit_seq && e.kind == EventKind::ExitCompleted);
        Ok(Some(ExitChecklistDto {
            exit_seq: plan.exit_seq,
            started_on: plan.started_on,
            progress: marks::progress(&done, plan.deadline, self.today()),
            items,
            statement_document_id: plan.statement_document_id,
            completed,
        }))
    }
}

impl Desk {
    /// Renders a branding item for the shop (or one outlet, with its bank QR code when it has
    /// an active one): the file name and the bytes — PDF, SVG, or PNG at `scale` for the badge.
    pub fn render_branding(
        &self,
        item: branding::Item,
        outlet_id: Option<i64>,
        lang: Lang,
        png_scale: Option<u32>,
    ) -> Result<(String, Vec<u8>), ApiError> {
        self.need(crate::people::Need::Branding)?;
        let db = self.store.read();
        let seller =
            db.seller()?.ok_or_else(|| ApiError::new(ErrorCode::ShopMissing, "no shop has been created yet"))?;
        let today = self.today();
        let (outlet, qr_payload) = match outlet_id {
            None => (None, None),
            Some(id) => {
                let outlet = db
                    .outlets()?
                    .into_iter()
                    .find(|o| o.id == id)
                    .ok_or_else(|| ApiError::new(ErrorCode::OutletNotFound, "no such outlet"))?;
                let qr = db
                    .means()?
                    .into_iter()
                    .find(|m| {
                        m.outlet_id == id && m.kind == club::acceptance::MeansKind::QrCode && m.is_active_on(today)
                    })
                    .map(|m| m.identifier);
                (Some(outlet.name), qr)
            }
        };
        let subject = branding::Subject { seller: seller.name, outlet, qr_payload, artwork: self.kit_artwork() };
        let failed = |e: branding::BrandingError| ApiError::new(ErrorCode::Internal, e.to_string());
        let stem = format!(
            "alatau-city-club-{}{}-{}",
            item.code(),
            outlet_id.map(|i| format!("-{i}")).unwrap_or_default(),
            lang.code()
        );
        Ok(match (item, png_scale) {
            (branding::Item::Badge, Some(scale)) => {
                (format!("{stem}@{scale}x.png"), branding::badge_png(&subject, lang, scale).map_err(failed)?)
            }
            (branding::Item::Badge, None) => (format!("{stem}.svg"), branding::badge_svg(&subject, lang).into_bytes()),
            _ => (format!("{stem}.pdf"), branding::render_pdf(item, &subject, lang).map_err(failed)?),
        })
    }

    /// The club's images a website may carry: this seller's badges as Seller Desk made them
    /// (each language, SVG and PNG at 1× and 2×), by SHA-256.
    pub fn club_images(&self) -> Result<Vec<([u8; 32], String)>, ApiError> {
        self.need(crate::people::Need::Membership)?;
        use sha2::{Digest, Sha256};
        let Some(seller) = self.store.read().seller()? else { return Ok(Vec::new()) };
        let subject =
            branding::Subject { seller: seller.name, outlet: None, qr_payload: None, artwork: self.kit_artwork() };
        let mut out = Vec::new();
        // The kit's own files (the official artwork), as they are.
        let kit = crate::kit::KitDirs::new(&self.data_folder());
        for file in kit.installed().map(|m| m.files).unwrap_or_default() {
            if let Ok(bytes) = std::fs::read(kit.current.join(&file.name)) {
                out.push((Sha256::digest(&bytes).into(), format!("kit: {}", file.name)));
            }
        }
        for lang in Lang::ALL {
            let svg = branding::badge_svg(&subject, lang);
            out.push((Sha256::digest(svg.as_bytes()).into(), format!("badge-{}.svg", lang.code())));
            for scale in [1, 2] {
                let png = branding::badge_png(&subject, lang, scale)
                    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
                out.push((Sha256::digest(&png).into(), format!("badge-{}@{scale}x.png", lang.code())));
            }
        }
        Ok(out)
    }

    /// The address a website item of the checklist is about.
    pub fn exit_item_address(&self, item_id: i64) -> Result<String, ApiError> {
        self.need(crate::people::Need::Membership)?;
        let db = self.store.read();
        let plan = db.exit_plan()?.ok_or_else(|| ApiError::new(ErrorCode::ExitNoneOpen, "no exit has started"))?;
        db.exit_items(plan.exit_seq)?
            .into_iter()
            .find(|i| i.id == item_id && matches!(i.source, ExitSource::Website | ExitSource::SocialPage))
            .map(|i| i.label)
            .ok_or_else(|| MarksError::NoSuchItem.into())
    }

    /// Keeps a website check's result with its checklist item (or alone, from the command line).
    pub fn keep_site_check(
        &mut self,
        item_id: Option<i64>,
        report: &crate::site_check::SiteReport,
    ) -> Result<OverviewDto, ApiError> {
        self.need(crate::people::Need::Membership)?;
        let findings =
            serde_json::to_string(&report.findings).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
        let at = chrono::Utc::now().to_rfc3339();
        self.store.write(|db| {
            db.insert_site_check(item_id, &report.start, &at, report.pages.len() as i64, &findings, report.clean)
        })?;
        self.overview()
    }
}

fn standing(history: &[MembershipEvent]) -> Result<Standing, ApiError> {
    Standing::fold(history).map_err(|(seq, e)| {
        ApiError::new(ErrorCode::HistoryBroken, format!("event {seq} does not fit the history: {e}"))
    })
}

fn statement_title(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "Alatau City Club-тан шығудың аяқталғаны туралы өтініш",
        Lang::Ru => "Заявление о завершении выхода из Alatau City Club",
        Lang::En => "Statement of completed exit from Alatau City Club",
    }
}

/// A placed item's name in the statement's language.
fn item_name(code: &str, lang: Lang) -> &str {
    let names: [(&str, [&str; 3]); 7] = [
        ("sticker", ["Стикер", "Наклейка", "Sticker"]),
        ("table-tent", ["Үстел тенті", "Настольный тент", "Table tent"]),
        ("poster-a4", ["A4 плакат", "Плакат A4", "A4 poster"]),
        ("poster-a3", ["A3 плакат", "Плакат A3", "A3 poster"]),
        ("badge", ["Сайт белгісі", "Значок сайта", "Website badge"]),
        ("flyer", ["Флаер", "Флаер", "Flyer"]),
        ("other", ["Басқа белгі", "Другой знак", "Other mark"]),
    ];
    let i = match lang {
        Lang::Kk => 0,
        Lang::Ru => 1,
        Lang::En => 2,
    };
    names.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| n[i])
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The exit completion statement: who, since when, and every item of the checklist with the
/// day it was done, by whom, and the evidence.
fn statement(
    seller: &club::profile::Seller,
    exit: &ExitChecklistDto,
    outlets: &[crate::dto::OutletDto],
    today: NaiveDate,
    lang: Lang,
) -> Document {
    let outlet_name = |id: Option<i64>| {
        id.and_then(|id| outlets.iter().find(|o| o.outlet.id == id)).map(|o| o.outlet.name.clone()).unwrap_or_default()
    };
    let (to, intro, col_item, col_done, col_by, col_evidence, ending, sign) = match lang {
        Lang::Kk => (
            "«JMart» ЖШС сауда платформасына және «Alatau City Bank» АҚ-ға",
            format!(
                "{} Alatau City Club ережелерінің 5.1-тармағына сәйкес {} бастап клубтан шығады. Барлық тану белгілері, плакаттар мен флаерлер алынды, сайттан және жарнамалық материалдардан тиісті ақпарат жойылды:",
                seller.name,
                date(exit.started_on)
            ),
            "Не",
            "Күні",
            "Кім",
            "Дәлел",
            "Шығу аяқталды.",
            "________________ (қолы)",
        ),
        Lang::Ru => (
            "В торговую платформу ТОО «JMart» и АО «Alatau City Bank»",
            format!(
                "{} выходит из Alatau City Club с {} согласно пункту 5.1 Правил. Все опознавательные знаки, плакаты и флаеры сняты, информация удалена с сайта и из рекламных материалов:",
                seller.name,
                date(exit.started_on)
            ),
            "Что",
            "Дата",
            "Кто",
            "Подтверждение",
            "Выход завершён.",
            "________________ (подпись)",
        ),
        Lang::En => (
            "To: JMart LLP, the trading platform, and Alatau City Bank JSC",
            format!(
                "{} leaves Alatau City Club as of {} under clause 5.1 of the rules. Every identification mark, poster and flyer has been removed, and the club's information removed from the website and advertising materials:",
                seller.name,
                date(exit.started_on)
            ),
            "Item",
            "Done on",
            "By",
            "Evidence",
            "The exit is complete.",
            "________________ (signature)",
        ),
    };
    let rows = exit
        .items
        .iter()
        .map(|i| {
            let what = match i.source {
                ExitSource::Placement => {
                    let outlet = outlet_name(i.outlet_id);
                    let item = item_name(&i.item, lang);
                    if outlet.is_empty() {
                        format!("{item}: {}", i.label)
                    } else {
                        format!("{item}: {outlet}, {}", i.label)
                    }
                }
                _ => i.label.clone(),
            };
            let evidence = match (&i.evidence_note, i.has_photo) {
                (Some(n), true) if !n.is_empty() => format!("{n} (+ photo)"),
                (Some(n), _) if !n.is_empty() => n.clone(),
                (_, true) => "photo".to_string(),
                _ => String::new(),
            };
            print::Row {
                cells: vec![
                    what,
                    i.done_on.map(date).unwrap_or_default(),
                    i.done_by.clone().unwrap_or_default(),
                    evidence,
                ],
                bold: false,
            }
        })
        .collect();
    let label = match (seller.tax_id.is_bin(), lang) {
        (true, Lang::Kk) => "БСН",
        (false, Lang::Kk) => "ЖСН",
        (true, Lang::Ru) => "БИН",
        (false, Lang::Ru) => "ИИН",
        (true, Lang::En) => "BIN",
        (false, Lang::En) => "IIN",
    };
    let id = format!("{label} {}", seller.tax_id.number());
    Document {
        title: statement_title(lang).to_string(),
        blocks: vec![
            Block::Aside(vec![to.to_string(), format!("{}, {id}", seller.name), date(today)]),
            Block::Space(6),
            Block::Heading(statement_title(lang).to_string()),
            Block::Paragraph(intro),
            Block::Table(print::Table {
                columns: vec![
                    print::Column { title: col_item.into(), width: 62.0, right: false },
                    print::Column { title: col_done.into(), width: 18.0, right: false },
                    print::Column { title: col_by.into(), width: 30.0, right: false },
                    print::Column { title: col_evidence.into(), width: 50.0, right: false },
                ],
                rows,
            }),
            Block::Paragraph(ending.to_string()),
            Block::Space(10),
            Block::Paragraph(seller.name.clone()),
            Block::Paragraph(sign.to_string()),
        ],
        ..Document::default()
    }
}
