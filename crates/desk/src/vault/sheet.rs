//! The recovery sheet: one A4 page to print and keep with the shop's papers — the shop, the
//! recovery code, how to use it, and what happens without it.

use chrono::NaiveDate;
use club::Lang;
use print::{Block, Document};
use training::printable;
use zeroize::Zeroizing;

use crate::{ApiError, Desk, ErrorCode};

/// How the data is protected: where its key is kept, and when the owner took the recovery sheet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct RecoveryStateDto {
    pub custody: super::Custody,
    pub sheet_taken_on: Option<NaiveDate>,
}

/// The setting that remembers the day the owner last took the sheet.
pub const SHEET_TAKEN_KEY: &str = "recovery_sheet.taken_on";

struct Words {
    title: &'static str,
    shop: &'static str,
    tax_id: &'static str,
    folder: &'static str,
    made: &'static str,
    code: &'static str,
    how: &'static str,
    steps: [&'static str; 3],
    warning: &'static str,
    keep: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Kk => Words {
            title: "Seller Desk: деректерді қалпына келтіру парағы",
            shop: "Дүкен",
            tax_id: "ЖСН/БСН",
            folder: "Деректер қалтасы",
            made: "Жасалған күні",
            code: "Қалпына келтіру коды",
            how: "Қалай пайдалану керек",
            steps: [
                "1. Жаңа компьютерге Seller Desk орнатып, деректер қалтасын (немесе сақтық көшірмені) соған көшіріңіз.",
                "2. Seller Desk-ті іске қосыңыз. Ол деректер кілтін таба алмағанын айтқанда, «Қалпына келтіру кодымен ашу» таңдап, осы кодты теріңіз (немесе: seller-desk recover).",
                "3. Кодты кіші әріппен, бос орынмен немесе сызықшасыз теруге болады: Seller Desk қате терілген таңбаны өзі көрсетеді.",
            ],
            warning: "Бұл кодсыз және компьютердің құпиясөз қоймасынсыз (немесе құпия фразасыз) деректерді ешкім аша алмайды, Seller Desk жасаушылары да.",
            keep: "Парақты маңызды құжаттармен бірге сақтаңыз. Осы кодты және деректер файлын иеленген адам дүкеннің деректерін оқи алады.",
        },
        Lang::Ru => Words {
            title: "Seller Desk: лист восстановления данных",
            shop: "Магазин",
            tax_id: "ИИН/БИН",
            folder: "Папка данных",
            made: "Дата",
            code: "Код восстановления",
            how: "Как им пользоваться",
            steps: [
                "1. Установите Seller Desk на новый компьютер и скопируйте туда папку данных (или резервную копию).",
                "2. Запустите Seller Desk. Когда он сообщит, что не нашёл ключ данных, выберите «Открыть кодом восстановления» и введите этот код (или: seller-desk recover).",
                "3. Код можно вводить строчными буквами, с пробелами или без дефисов: Seller Desk сам укажет на неверно введённый символ.",
            ],
            warning: "Без этого кода и без хранилища паролей компьютера (или парольной фразы) данные не откроет никто, в том числе создатели Seller Desk.",
            keep: "Храните лист вместе с важными документами. Тот, у кого есть этот код и файл данных, может прочитать данные магазина.",
        },
        Lang::En => Words {
            title: "Seller Desk: data recovery sheet",
            shop: "Shop",
            tax_id: "IIN/BIN",
            folder: "Data folder",
            made: "Made on",
            code: "Recovery code",
            how: "How to use it",
            steps: [
                "1. Install Seller Desk on the new computer and copy the data folder (or a backup) onto it.",
                "2. Start Seller Desk. When it says it cannot find the data's key, choose \"Open with the recovery code\" and type this code (or run: seller-desk recover).",
                "3. The code may be typed in lower case, with spaces or without dashes: Seller Desk points out a mistyped character itself.",
            ],
            warning: "Without this code and without the computer's keyring (or the passphrase) nobody can open the data, Seller Desk's makers included.",
            keep: "Keep the sheet with the shop's important papers. Whoever holds this code and the data file can read the shop's data.",
        },
    }
}

/// The sheet's file name in `lang`.
pub fn file_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Kk => "seller-desk-qalpyna-keltiru.pdf",
        Lang::Ru => "seller-desk-vosstanovlenie.pdf",
        Lang::En => "seller-desk-recovery-sheet.pdf",
    }
}

/// The sheet as PDF bytes.
pub fn render(
    lang: Lang,
    shop: &str,
    tax_id: &str,
    folder: &str,
    made: NaiveDate,
    code: &str,
) -> Result<Vec<u8>, ApiError> {
    let w = words(lang);
    // Seven groups a line, in the font's own monospaced-looking digits: two lines to copy.
    let groups: Vec<&str> = code.split('-').collect();
    let lines: Vec<String> = groups.chunks(7).map(|c| c.join(" - ")).collect();
    let mut blocks = vec![
        Block::Heading(w.title.to_string()),
        Block::Fields(vec![
            (w.shop.to_string(), printable(shop)),
            (w.tax_id.to_string(), tax_id.to_string()),
            (w.folder.to_string(), printable(folder)),
            (w.made.to_string(), made.format("%d.%m.%Y").to_string()),
        ]),
        Block::Space(8),
        Block::Heading(w.code.to_string()),
    ];
    blocks.extend(lines.into_iter().map(Block::Heading));
    blocks.extend([Block::Space(8), Block::Heading(w.how.to_string())]);
    blocks.extend(w.steps.iter().map(|s| Block::Paragraph(s.to_string())));
    blocks.extend([Block::Space(6), Block::Paragraph(w.warning.to_string()), Block::Paragraph(w.keep.to_string())]);
    let doc = Document { title: w.title.to_string(), blocks, landscape: false, running_head: String::new() };
    print::render(&doc).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}

impl Desk {
    /// The recovery sheet of the open data in `lang` (the owner, PIN again first); the day it
    /// was taken is remembered, so the status page stops asking for it.
    pub fn recovery_sheet(&mut self, lang: Lang) -> Result<(Vec<u8>, &'static str), ApiError> {
        self.need(crate::people::Need::Recovery)?;
        let sheet = self.recovery_sheet_pdf(lang)?;
        self.recovery_sheet_taken()?;
        Ok(sheet)
    }

    /// The recovery sheet as PDF bytes and its file name, nothing remembered (the window's
    /// dialog may yet be cancelled).
    pub fn recovery_sheet_pdf(&self, lang: Lang) -> Result<(Vec<u8>, &'static str), ApiError> {
        self.need(crate::people::Need::Recovery)?;
        let seller = self
            .store
            .read()
            .seller()?
            .ok_or_else(|| ApiError::new(ErrorCode::ShopMissing, "there is no shop here yet"))?;
        let code: Zeroizing<String> = super::code::encode(self.key.bytes());
        let pdf = render(
            lang,
            &seller.name,
            seller.tax_id.number(),
            &self.data_dir.display().to_string(),
            self.today(),
            &code,
        )?;
        Ok((pdf, file_name(lang)))
    }

    /// The owner has the sheet (saved or printed): remembered with the day.
    pub fn recovery_sheet_taken(&mut self) -> Result<(), ApiError> {
        self.need(crate::people::Need::Shop)?;
        let today = self.today();
        self.store.write(|db| db.set_setting(SHEET_TAKEN_KEY, &today.to_string()))?;
        Ok(())
    }

    /// The day the owner last took the recovery sheet, if ever.
    pub fn recovery_sheet_taken_on(&self) -> Result<Option<NaiveDate>, ApiError> {
        self.need(crate::people::Need::Status)?;
        Ok(self.store.read().setting(SHEET_TAKEN_KEY)?.and_then(|d| d.parse().ok()))
    }

    /// How the data is protected, for the status page's card.
    pub fn recovery_state(&self) -> Result<RecoveryStateDto, ApiError> {
        self.need(crate::people::Need::Status)?;
        Ok(RecoveryStateDto { custody: self.custody, sheet_taken_on: self.recovery_sheet_taken_on()? })
    }
}
