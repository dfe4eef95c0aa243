//! The dispute letter (6.2, 4.5): the seller's objection to a fine, worded in kk, ru or en and
//! rendered to PDF by `print`.

use chrono::NaiveDate;
use club::fines::Fine;
use club::ident::TaxId;
use club::profile::{Outlet, Seller};
use club::Lang;
use print::{Block, Document};

pub struct LetterFacts<'a> {
    pub seller: &'a Seller,
    pub outlet: &'a Outlet,
    pub fine: &'a Fine,
    pub written_on: NaiveDate,
    pub deadline: NaiveDate,
    pub grounds: &'a str,
}

fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The letter's file name, e.g. `dispute-letter-JM-2026-0290-kk.pdf`.
pub fn file_name(fine: &Fine, lang: Lang) -> String {
    let notice: String =
        fine.notice_number.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("dispute-letter-{notice}-{}.pdf", lang.code())
}

pub fn dispute_letter(facts: &LetterFacts<'_>, lang: Lang) -> Document {
    let f = facts.fine;
    let id_label = match (&facts.seller.tax_id, lang) {
        (TaxId::Bin(_), Lang::Kk) => "БСН",
        (TaxId::Iin(_), Lang::Kk) => "ЖСН",
        (TaxId::Bin(_), Lang::Ru) => "БИН",
        (TaxId::Iin(_), Lang::Ru) => "ИИН",
        (TaxId::Bin(_), Lang::En) => "BIN",
        (TaxId::Iin(_), Lang::En) => "IIN",
    };
    let seller = format!("{}, {id_label} {}", facts.seller.name, facts.seller.tax_id.number());
    let outlet = format!("{}, {}, {}", facts.outlet.name, facts.outlet.city, facts.outlet.address);
    let amount = f.amount.format(lang);
    let v = f.violation.title(lang);
    let clause = f.violation.clause();
    let (n, nd, fd, dl, written) =
        (&f.notice_number, date(f.notice_date), date(f.fact_date), date(facts.deadline), date(facts.written_on));
    let (to, from, on, title, fields, intro, ask, sign) = match lang {
        Lang::Kk => (
            "«JMart» ЖШС сауда платформасына".to_string(),
            format!("Кімнен: {seller}"),
            format!("Күні: {written}"),
            format!("Айыппұлға қарсылық (№ {n} хабарлама)"),
            vec![
                ("Хабарлама", format!("№ {n}, {nd}")),
                ("Бұзушылық", format!("{v} ({clause}-тармақ)")),
                ("Бұзушылық күні", fd),
                ("Сауда нүктесі", outlet),
                ("Сомасы", amount),
            ],
            "Alatau City Club ережелерінің 6.2-тармағы бойынша есептелген айыппұлмен келіспейміз. Негіздеме:"
                .to_string(),
            format!("Айыппұлдың күшін жоюды және жауапты {dl} дейін жіберуді сұраймыз."),
            "________________ (қолы)",
        ),
        Lang::Ru => (
            "В торговую платформу ТОО «JMart»".to_string(),
            format!("От: {seller}"),
            format!("Дата: {written}"),
            format!("Возражение на штраф (уведомление № {n})"),
            vec![
                ("Уведомление", format!("№ {n} от {nd}")),
                ("Нарушение", format!("{v} (п. {clause})")),
                ("Дата нарушения", fd),
                ("Торговая точка", outlet),
                ("Сумма", amount),
            ],
            "Не согласны со штрафом, начисленным по пункту 6.2 Правил Alatau City Club. Основания:".to_string(),
            format!("Просим отменить штраф и направить ответ до {dl}."),
            "________________ (подпись)",
        ),
        Lang::En => (
            "To: JMart LLP, the trading platform".to_string(),
            format!("From: {seller}"),
            format!("Date: {written}"),
            format!("Objection to a fine (notice No. {n})"),
            vec![
                ("Notice", format!("No. {n} of {nd}")),
                ("Violation", format!("{v} (clause {clause})")),
                ("Date of the violation", fd),
                ("Outlet", outlet),
                ("Amount", amount),
            ],
            "We do not agree with the fine charged under clause 6.2 of the Alatau City Club rules. Grounds:"
                .to_string(),
            format!("We ask that the fine be cancelled and that you answer by {dl}."),
            "________________ (signature)",
        ),
    };
    let mut blocks = vec![Block::Aside(vec![to, from, on]), Block::Space(6), Block::Heading(title.clone())];
    blocks.extend(fields.into_iter().map(|(label, value)| Block::Field(label.to_string(), value)));
    blocks.extend([
        Block::Space(4),
        Block::Paragraph(intro),
        Block::Paragraph(facts.grounds.to_string()),
        Block::Paragraph(ask),
        Block::Space(12),
        Block::Paragraph(facts.seller.name.clone()),
        Block::Paragraph(sign.to_string()),
    ]);
    Document { title, blocks, ..Document::default() }
}
