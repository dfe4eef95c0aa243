//! The demo shop: a realistic LLP with two outlets, so that a person can look around before
//! entering their own data. Its dates are set relative to today so that it always looks current.

use chrono::{Days, NaiveDate};
use club::acceptance::MeansKind;
use club::bank::{BankAccount, Payee};
use club::contracts::{ContractKind, ContractState};
use club::ident::TaxId;
use club::marks::{MarkItem, PlacementDraft};
use club::membership::{ClubStop, EventKind, Measure};
use club::profile::{LegalForm, Seller, WebPresenceKind};
use store::NewMeans;

use club::fines::Violation;

use crate::dto::OverviewDto;
use crate::fines::{DisputeDto, NewFineDto, NewScheduleEntryDto, OutcomeDto, PaymentDto};
use crate::people::Role;
use crate::{ApiError, Desk, ErrorCode};

/// A BIN with a valid check digit (a resident legal entity registered in June 2018).
pub const DEMO_BIN: &str = "180640000016";

fn ago(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn ahead(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_add_days(Days::new(days)).unwrap_or(today)
}

/// The demo shop's people: name, role, outlet (0 the first, 1 the second), PIN. The PINs are
/// printed in README so that anyone can try each role.
pub const DEMO_PEOPLE: [(&str, Role, Option<u8>, &str); 6] = [
    ("Әсем Нұрланқызы", Role::Owner, None, "482915"),
    ("Гүлнар Серікова", Role::Accountant, None, "731264"),
    ("Дамир Оспанов", Role::Cashier, Some(0), "518374"),
    ("Айгерім Сәтбаева", Role::Cashier, Some(0), "926153"),
    ("Ерлан Қасымов", Role::Cashier, Some(1), "647281"),
    ("Мадина Жұмабаева", Role::Cashier, Some(1), "385926"),
];

/// The payee's BIN in the demo shop (made up, check digit valid).
const DEMO_PAYEE_BIN: &str = "190740001238";

impl Desk {
    /// Fills an empty data folder with the demo shop. Refused when a shop exists.
    pub fn init_demo(&mut self) -> Result<OverviewDto, ApiError> {
        let today = self.today();
        let seller = Seller::new(LegalForm::LegalEntity, DEMO_BIN, "«Дала Сауда» ЖШС")?;
        let joined = ago(today, 320);
        if self.store.read().seller()?.is_some() {
            return Err(ApiError::new(ErrorCode::ShopExists, "this data folder already holds a shop"));
        }
        let hashes =
            DEMO_PEOPLE.iter().map(|(_, _, _, pin)| crate::people::hash_pin(pin)).collect::<Result<Vec<_>, _>>()?;
        let owner = self.store.write(|db| -> Result<i64, ApiError> {
            if db.seller()?.is_some() {
                return Err(ApiError::new(ErrorCode::ShopExists, "this data folder already holds a shop"));
            }
            db.insert_seller(&seller, today)?;
            let almaty = db.insert_outlet("Дала — Абай", "Алматы", "Абай даңғылы, 150")?;
            let astana = db.insert_outlet("Дала — Есіл", "Астана", "Мәңгілік Ел даңғылы, 24")?;
            let mut owner = 0;
            for ((name, role, outlet, _), hash) in DEMO_PEOPLE.iter().zip(&hashes) {
                let outlet = match outlet {
                    Some(0) => Some(almaty),
                    Some(_) => Some(astana),
                    None => None,
                };
                let id = db.insert_person(name, role.code(), outlet, Some(hash), &ago(today, 320).to_string())?;
                if *role == Role::Owner {
                    owner = id;
                }
            }
            // Bank details for the accountant's 1C file; made up, with valid check digits.
            let account = BankAccount::new("KZ47601A871000123456", "HSBKKZKX", "«Қазақстан Халық Банкі» АҚ")?;
            db.set_seller_account(&account)?;
            let payee_account = BankAccount::new("KZ18722S000012345678", "CASPKZKA", "«Kaspi Bank» АҚ")?;
            let payee_bin = TaxId::parse(DEMO_PAYEE_BIN)?;
            db.set_payee(&Payee::new("«JMart» ЖШС", payee_bin, payee_account, "17", "859")?)?;
            db.insert_web_presence(WebPresenceKind::Website, "https://dala-sauda.kz")?;
            db.insert_web_presence(WebPresenceKind::SocialPage, "https://instagram.com/dala.sauda")?;
            // The club's marks at both outlets (2.5.1), and a leaflet that carries them.
            let placed = ago(today, 315);
            for (outlet, item, spot) in [
                (almaty, MarkItem::Sticker, "Кіреберіс есік"),
                (almaty, MarkItem::TableTent, "№ 1 касса"),
                (almaty, MarkItem::PosterA4, "Витрина"),
                (astana, MarkItem::Sticker, "Кіреберіс есік"),
                (astana, MarkItem::TableTent, "Касса"),
            ] {
                let draft = PlacementDraft {
                    item,
                    outlet_id: Some(outlet),
                    spot: spot.into(),
                    placed_on: placed,
                    placed_by: "Әйгерім Сапарова".into(),
                };
                db.insert_placement(&draft, None)?;
            }
            db.insert_ad_material("Кассадағы A6 парақшалар: «Alatau City Club арқылы бөліп төлеу»", placed)?;

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
            Ok(owner)
        })?;
        // The demo opens as its owner, as a new shop does.
        self.start_session(owner, true)?;
        self.demo_fines(almaty_id(self)?, astana_id(self)?)?;
        self.demo_training()?;
        self.overview()
    }

    /// A year of fines: the agreed schedule, a dozen fines across both outlets and several
    /// clauses, full and partial payments and an offset, one dispute won and one lost, one
    /// amount that differs from the schedule, one overdue fine and one refusal with its
    /// corrective action.
    fn demo_fines(&mut self, almaty: i64, astana: i64) -> Result<(), ApiError> {
        let today = self.today();
        let schedule = [
            (Violation::RefusalToAccept, "50000"),
            (Violation::ClientInformationMisuse, "100000"),
            (Violation::HigherPrice, "40000"),
            (Violation::Surcharge, "30000"),
            (Violation::CashInsteadOfGoods, "60000"),
            (Violation::SelfPurchase, "150000"),
            (Violation::BadFaith, "25000"),
        ];
        for (violation, amount) in schedule {
            self.add_schedule_entry(NewScheduleEntryDto {
                violation,
                amount: amount.into(),
                effective_from: ago(today, 330),
            })?;
        }
        // (notice, outlet, violation, amount, notice days ago, due days from notice, note)
        let fines = [
            (
                "JM-2026/0112",
                almaty,
                Violation::Surcharge,
                "30000",
                300,
                30,
                "Клиенттен QR төлемі үшін 2% қосымша алынған",
            ),
            (
                "JM-2026/0147",
                astana,
                Violation::HigherPrice,
                "40000",
                260,
                30,
                "Картамен төлегенде баға жоғары көрсетілген",
            ),
            ("JM-2026/0203", astana, Violation::CashInsteadOfGoods, "60000", 150, 30, ""),
            ("JM-2026/0231", almaty, Violation::Surcharge, "30000", 120, 30, ""),
            ("JM-2026/0255", almaty, Violation::HigherPrice, "40000", 90, 30, ""),
            ("JM-2026/0262", astana, Violation::ClientInformationMisuse, "100000", 80, 30, ""),
            ("JM-2026/0290", astana, Violation::Surcharge, "35000", 60, 65, "Сома келісілген кестеден жоғары"),
            ("JM-2026/0301", almaty, Violation::BadFaith, "25000", 45, 30, ""),
            ("JM-2026/0318", almaty, Violation::Surcharge, "30000", 30, 50, ""),
            (
                "JM-2026/0322",
                astana,
                Violation::RefusalToAccept,
                "50000",
                20,
                30,
                "Кассир QR төлемін қабылдаудан бас тартты",
            ),
            ("JM-2026/0335", astana, Violation::HigherPrice, "40000", 10, 35, ""),
            ("JM-2026/0341", almaty, Violation::SelfPurchase, "150000", 5, 35, ""),
        ];
        let mut ids = Vec::new();
        for (notice, outlet, violation, amount, days_ago, due_in, note) in fines {
            let notice_date = ago(today, days_ago);
            let detail = self.record_fine(NewFineDto {
                notice_number: notice.into(),
                notice_date,
                fact_date: ago(today, days_ago + 3),
                outlet_id: outlet,
                violation,
                amount: amount.into(),
                due_date: ahead(notice_date, due_in),
                notes: note.into(),
            })?;
            ids.push(detail.fine.id);
        }
        let id = |i: usize| ids.get(i).copied().unwrap_or_default();
        let pay = |fine_id, days_ago, amount: &str, kind, reference: &str| PaymentDto {
            fine_id,
            on: ago(today, days_ago),
            amount: amount.into(),
            kind,
            reference: reference.into(),
        };
        use club::fines::PaymentKind::{Offset, Transfer};
        self.pay_fine(pay(id(0), 290, "30000", Transfer, "ПП № 418"))?;
        self.pay_fine(pay(id(1), 250, "15000", Transfer, "ПП № 502"))?;
        self.pay_fine(pay(id(1), 235, "25000", Offset, "Төлемнен ұсталды"))?;
        self.dispute_fine(DisputeDto {
            fine_id: id(2),
            on: ago(today, 148),
            deadline: ago(today, 130),
            grounds: "Сатып алу тауармен аяқталды: чек пен бейнежазба қоса беріледі.".into(),
            letter_lang: club::Lang::Kk,
        })?;
        self.record_outcome(OutcomeDto { fine_id: id(2), on: ago(today, 135), won: true })?;
        self.dispute_fine(DisputeDto {
            fine_id: id(3),
            on: ago(today, 118),
            deadline: ago(today, 100),
            grounds: "Қосымша төлем банк комиссиясы емес, жеткізу ақысы болды.".into(),
            letter_lang: club::Lang::Kk,
        })?;
        self.record_outcome(OutcomeDto { fine_id: id(3), on: ago(today, 100), won: false })?;
        self.pay_fine(pay(id(3), 95, "30000", Transfer, "ПП № 733"))?;
        self.pay_fine(pay(id(4), 70, "40000", Transfer, "ПП № 801"))?;
        self.pay_fine(pay(id(5), 52, "100000", Offset, "Төлемнен ұсталды"))?;
        self.pay_fine(pay(id(6), 40, "10000", Transfer, "ПП № 866"))?;
        Ok(())
    }
}

fn almaty_id(desk: &Desk) -> Result<i64, ApiError> {
    outlet_id(desk, 0)
}

fn astana_id(desk: &Desk) -> Result<i64, ApiError> {
    outlet_id(desk, 1)
}

fn outlet_id(desk: &Desk, index: usize) -> Result<i64, ApiError> {
    desk.store
        .read()
        .outlets()?
        .get(index)
        .map(|o| o.id)
        .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the demo outlets are missing"))
}
