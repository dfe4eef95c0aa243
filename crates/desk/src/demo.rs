//! The demo shop: a realistic LLP with two outlets, so that a person can look around before
//! entering their own data. Its dates are set relative to today so that it always looks current.

use chrono::{Days, NaiveDate};
use club::acceptance::MeansKind;
use club::contracts::{ContractKind, ContractState};
use club::membership::{ClubStop, EventKind, Measure};
use club::profile::{LegalForm, Seller, WebPresenceKind};
use store::NewMeans;

use crate::dto::OverviewDto;
use crate::{ApiError, Desk, ErrorCode};

/// A BIN with a valid check digit (a resident legal entity registered in June 2018).
pub const DEMO_BIN: &str = "180640000016";

fn ago(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn ahead(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_add_days(Days::new(days)).unwrap_or(today)
}

impl Desk {
    /// Fills an empty data folder with the demo shop. Refused when a shop exists.
    pub fn init_demo(&mut self) -> Result<OverviewDto, ApiError> {
        let today = self.today();
        let seller = Seller::new(LegalForm::LegalEntity, DEMO_BIN, "«Дала Сауда» ЖШС")?;
        let joined = ago(today, 320);
        self.store.write(|db| -> Result<(), ApiError> {
            if db.seller()?.is_some() {
                return Err(ApiError::new(ErrorCode::ShopExists, "this data folder already holds a shop"));
            }
            db.insert_seller(&seller, today)?;
            let almaty = db.insert_outlet("Дала — Абай", "Алматы", "Абай даңғылы, 150")?;
            let astana = db.insert_outlet("Дала — Есіл", "Астана", "Мәңгілік Ел даңғылы, 24")?;
            db.insert_web_presence(WebPresenceKind::Website, "https://dala-sauda.kz")?;
            db.insert_web_presence(WebPresenceKind::SocialPage, "https://instagram.com/dala.sauda")?;

            db.insert_contract(ContractKind::PlatformServices, "JM-2025/0412", ago(today, 325), ContractState::Active)?;
            db.insert_contract(ContractKind::Bank, "ACB-ЭКВ-77812", ago(today, 324), ContractState::Active)?;
            db.insert_contract(ContractKind::Accession, "ОФ-15532", ago(today, 322), ContractState::Active)?;

            let means = [
                (almaty, MeansKind::PosTerminal, "POS 00418311"),
                (almaty, MeansKind::PosTerminal, "POS 00418312"),
                (almaty, MeansKind::QrCode, "QR 5501-2231"),
                (astana, MeansKind::PosTerminal, "POS 00420977"),
            ];
            for (outlet_id, kind, identifier) in means {
                db.insert_means(&NewMeans { outlet_id, kind, identifier, since: ago(today, 318) })?;
            }

            db.append_event(joined, &EventKind::Joined, "Платформа қызметтері шарты және банк шарты жасалды")?;
            db.append_event(
                ago(today, 120),
                &EventKind::MeasureApplied { measure: Measure::SiteDisconnection },
                "Платформаның № 2231 хабарламасы: тауар карточкалары уақытша өшірілді",
            )?;
            db.append_event(
                ago(today, 104),
                &EventKind::MeasureLifted { measure: Measure::SiteDisconnection },
                "Айыппұл төленді, карточкалар қайта қосылды",
            )?;
            db.append_event(
                ago(today, 3),
                &EventKind::ClubStopAnnounced { stop: ClubStop::Suspension, effective: ahead(today, 18) },
                "Сайттағы хабарландыру: жүйелік жұмыстарға байланысты клуб уақытша тоқтатылады",
            )?;
            Ok(())
        })?;
        self.overview()
    }
}
