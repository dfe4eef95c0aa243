//! The club's marks where the seller shows them (2.5.1), and taking them all down on leaving
//! (5.1): the placement register and the exit checklist built from it.
//!
//! The register records each placed item (which item, at which outlet, the spot, the day, who
//! put it up). With the seller's websites and social pages (`profile::WebPresence`) and its
//! advertising materials, it is what the exit checklist is made of: every placed item to remove,
//! every website, social page and advertising material to clean.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::profile::{WebPresence, WebPresenceKind};

/// What was put up. The printed items and the badge are the ones Seller Desk renders; `Other`
/// covers marks from elsewhere (the platform's own door sign, a flyer stand).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum MarkItem {
    Sticker,
    TableTent,
    PosterA4,
    PosterA3,
    Badge,
    Flyer,
    Other,
}

impl MarkItem {
    pub const ALL: [MarkItem; 7] = [
        MarkItem::Sticker,
        MarkItem::TableTent,
        MarkItem::PosterA4,
        MarkItem::PosterA3,
        MarkItem::Badge,
        MarkItem::Flyer,
        MarkItem::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MarkItem::Sticker => "sticker",
            MarkItem::TableTent => "table-tent",
            MarkItem::PosterA4 => "poster-a4",
            MarkItem::PosterA3 => "poster-a3",
            MarkItem::Badge => "badge",
            MarkItem::Flyer => "flyer",
            MarkItem::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<MarkItem> {
        MarkItem::ALL.into_iter().find(|i| i.code() == code)
    }
}

/// One item put up, as the register keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Placement {
    pub id: i64,
    pub item: MarkItem,
    /// The outlet it is at; `None` for the office or a place that is not an outlet.
    pub outlet_id: Option<i64>,
    /// "entrance door", "cash desk 2".
    pub spot: String,
    pub placed_on: NaiveDate,
    pub placed_by: String,
    /// A photo is kept with it (its bytes are fetched apart).
    pub has_photo: bool,
    /// Recorded by mistake: voided on this day, for `void_reason`. It stays in the register
    /// and no longer counts as a mark.
    pub voided_on: Option<NaiveDate>,
    pub void_reason: String,
}

/// A placement to record, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlacementDraft {
    pub item: MarkItem,
    pub outlet_id: Option<i64>,
    pub spot: String,
    pub placed_on: NaiveDate,
    pub placed_by: String,
}

/// Advertising material that carries the club's marks (a leaflet, a banner, a price list).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AdMaterial {
    pub id: i64,
    pub description: String,
    pub since: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MarksError {
    #[error("say where the item is (the spot)")]
    EmptySpot,
    #[error("say who put the item up")]
    EmptyPerson,
    #[error("the date is in the future")]
    DateInFuture,
    #[error("describe the advertising material")]
    EmptyDescription,
    #[error("the deadline is before the exit starts")]
    DeadlineBeforeStart,
    #[error("no such checklist item")]
    NoSuchItem,
    #[error("a ticked item needs evidence: a note or a photo")]
    NoEvidence,
    #[error("some checklist items are not done yet")]
    NotAllDone,
    #[error("the day is before the exit started")]
    BeforeExit,
}

impl PlacementDraft {
    pub fn validated(&self, today: NaiveDate) -> Result<PlacementDraft, MarksError> {
        let (spot, by) = (self.spot.trim(), self.placed_by.trim());
        if spot.is_empty() {
            return Err(MarksError::EmptySpot);
        }
        if by.is_empty() {
            return Err(MarksError::EmptyPerson);
        }
        if self.placed_on > today {
            return Err(MarksError::DateInFuture);
        }
        Ok(PlacementDraft { spot: spot.to_string(), placed_by: by.to_string(), ..self.clone() })
    }
}

/// The outlets (by id, in the given order) where no club mark is registered (2.5.1).
pub fn outlets_without_marks(outlet_ids: &[i64], placements: &[Placement]) -> Vec<i64> {
    outlet_ids
        .iter()
        .copied()
        .filter(|id| !placements.iter().any(|p| p.outlet_id == Some(*id) && p.voided_on.is_none()))
        .collect()
}

/// What a checklist item is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ExitSource {
    /// Take a placed item down.
    Placement,
    /// Clean the club's marks from the seller's website.
    Website,
    SocialPage,
    /// Withdraw or clean advertising material.
    Advertising,
}

impl ExitSource {
    pub fn code(self) -> &'static str {
        match self {
            ExitSource::Placement => "placement",
            ExitSource::Website => "website",
            ExitSource::SocialPage => "social_page",
            ExitSource::Advertising => "advertising",
        }
    }

    pub fn from_code(code: &str) -> Option<ExitSource> {
        [ExitSource::Placement, ExitSource::Website, ExitSource::SocialPage, ExitSource::Advertising]
            .into_iter()
            .find(|s| s.code() == code)
    }
}

/// An item of the checklist before it is stored: the source it comes from, and what it says
/// about it (kept as it was when the exit began, should the register change later).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitItemDraft {
    pub source: ExitSource,
    pub source_id: i64,
    /// The item code of a placement; empty for the others.
    pub item: String,
    pub outlet_id: Option<i64>,
    /// The spot, the address, or the description.
    pub label: String,
}

/// The checklist of 5.1 from the register: each placement, then each website and social page,
/// then each advertising material.
pub fn checklist(placements: &[Placement], web: &[WebPresence], ads: &[AdMaterial]) -> Vec<ExitItemDraft> {
    let mut out: Vec<ExitItemDraft> = placements
        .iter()
        .filter(|p| p.voided_on.is_none())
        .map(|p| ExitItemDraft {
            source: ExitSource::Placement,
            source_id: p.id,
            item: p.item.code().to_string(),
            outlet_id: p.outlet_id,
            label: p.spot.clone(),
        })
        .collect();
    for w in web {
        let source = match w.kind {
            WebPresenceKind::Website => ExitSource::Website,
            WebPresenceKind::SocialPage => ExitSource::SocialPage,
        };
        out.push(ExitItemDraft { source, source_id: w.id, item: String::new(), outlet_id: None, label: w.url.clone() });
    }
    for a in ads {
        out.push(ExitItemDraft {
            source: ExitSource::Advertising,
            source_id: a.id,
            item: String::new(),
            outlet_id: None,
            label: a.description.clone(),
        });
    }
    out
}

/// How far the exit has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExitProgress {
    pub total: u32,
    pub done: u32,
    pub deadline: NaiveDate,
    /// Calendar days to the deadline (negative once it has passed).
    pub days_left: i64,
    pub overdue: bool,
    pub complete: bool,
}

/// The progress of a checklist whose items are `done` (one flag each), due on `deadline`.
pub fn progress(done: &[bool], deadline: NaiveDate, today: NaiveDate) -> ExitProgress {
    let finished = done.iter().filter(|d| **d).count() as u32;
    let total = done.len() as u32;
    let complete = finished == total;
    let days_left = (deadline - today).num_days();
    ExitProgress { total, done: finished, deadline, days_left, overdue: !complete && days_left < 0, complete }
}

/// A tick's evidence must say something: a note or a photo.
pub fn check_evidence(note: &str, has_photo: bool) -> Result<(), MarksError> {
    if note.trim().is_empty() && !has_photo {
        return Err(MarksError::NoEvidence);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn placement(id: i64, outlet: Option<i64>) -> Placement {
        Placement {
            id,
            item: MarkItem::Sticker,
            outlet_id: outlet,
            spot: format!("door {id}"),
            placed_on: d("2026-02-01"),
            placed_by: "Әйгерім".into(),
            has_photo: false,
            voided_on: None,
            void_reason: String::new(),
        }
    }

    #[test]
    fn drafts_need_a_spot_a_person_and_a_past_day() {
        let draft = PlacementDraft {
            item: MarkItem::PosterA4,
            outlet_id: Some(1),
            spot: "  entrance door ".into(),
            placed_on: d("2026-11-20"),
            placed_by: " Әйгерім ".into(),
        };
        let today = d("2026-11-25");
        let ok = draft.validated(today).unwrap();
        assert_eq!((ok.spot.as_str(), ok.placed_by.as_str()), ("entrance door", "Әйгерім"));
        let cases = [
            (PlacementDraft { spot: " ".into(), ..draft.clone() }, MarksError::EmptySpot),
            (PlacementDraft { placed_by: "".into(), ..draft.clone() }, MarksError::EmptyPerson),
            (PlacementDraft { placed_on: d("2026-11-26"), ..draft.clone() }, MarksError::DateInFuture),
        ];
        for (draft, expected) in cases {
            assert_eq!(draft.validated(today), Err(expected));
        }
    }

    #[test]
    fn outlets_without_any_registered_mark_are_named() {
        let placements = [placement(1, Some(1)), placement(2, None), placement(3, Some(1))];
        assert_eq!(outlets_without_marks(&[1, 2, 3], &placements), vec![2, 3]);
        assert_eq!(outlets_without_marks(&[1], &placements), Vec::<i64>::new());
    }

    #[test]
    fn the_checklist_has_every_placement_website_social_page_and_advertising_material() {
        let web = [
            WebPresence { id: 7, kind: WebPresenceKind::Website, url: "https://dala.kz".into() },
            WebPresence { id: 8, kind: WebPresenceKind::SocialPage, url: "https://instagram.com/dala".into() },
        ];
        let ads = [AdMaterial { id: 4, description: "Leaflet A5".into(), since: d("2026-03-01") }];
        let list = checklist(&[placement(1, Some(1)), placement(2, Some(2))], &web, &ads);
        let sources: Vec<(ExitSource, i64)> = list.iter().map(|i| (i.source, i.source_id)).collect();
        assert_eq!(
            sources,
            vec![
                (ExitSource::Placement, 1),
                (ExitSource::Placement, 2),
                (ExitSource::Website, 7),
                (ExitSource::SocialPage, 8),
                (ExitSource::Advertising, 4)
            ]
        );
        assert_eq!(list[0].label, "door 1");
        assert_eq!(list[2].label, "https://dala.kz");
    }

    #[test]
    fn progress_counts_done_items_and_the_days_to_the_deadline() {
        let p = progress(&[true, false, true], d("2026-12-10"), d("2026-12-01"));
        assert_eq!((p.done, p.total, p.days_left, p.overdue, p.complete), (2, 3, 9, false, false));
        let late = progress(&[true, false], d("2026-12-10"), d("2026-12-12"));
        assert!(late.overdue && late.days_left == -2);
        let finished_late = progress(&[true, true], d("2026-12-10"), d("2026-12-12"));
        assert!(finished_late.complete && !finished_late.overdue);
        assert!(progress(&[], d("2026-12-10"), d("2026-12-01")).complete, "nothing placed, nothing to remove");
    }

    #[test]
    fn a_tick_needs_a_note_or_a_photo() {
        assert_eq!(check_evidence("  ", false), Err(MarksError::NoEvidence));
        assert!(check_evidence("removed, bin bag", false).is_ok());
        assert!(check_evidence("", true).is_ok());
    }

    #[test]
    fn item_codes_round_trip() {
        for i in MarkItem::ALL {
            assert_eq!(MarkItem::from_code(i.code()), Some(i));
        }
        for s in [ExitSource::Placement, ExitSource::Website, ExitSource::SocialPage, ExitSource::Advertising] {
            assert_eq!(ExitSource::from_code(s.code()), Some(s));
        }
    }
}
