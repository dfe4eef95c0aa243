//! The acknowledgement of a new version of the rules: one short A4 document in kk, ru or en
//! naming the seller, the versions, and every substantively changed clause with its new words.

use chrono::{DateTime, NaiveDate, Utc};
use club::profile::Seller;
use club::rules::{ChangeKind, ClauseChange};
use club::Lang;
use print::{Block, Document};
use training::printable;

use crate::{ApiError, ErrorCode};

pub struct Facts<'a> {
    pub seller: &'a Seller,
    pub person: &'a str,
    /// `None`: the version shipped with Seller Desk.
    pub from_published: Option<NaiveDate>,
    pub to_published: NaiveDate,
    pub to_source: &'a str,
    pub to_sha256: &'a str,
    /// The substantive changes only.
    pub changes: &'a [ClauseChange],
    pub at: DateTime<Utc>,
}

struct Words {
    title: &'static str,
    seller: &'static str,
    tax_id: &'static str,
    previous: &'static str,
    shipped: &'static str,
    new: &'static str,
    published: &'static str,
    file: &'static str,
    changes: &'static str,
    clause: &'static str,
    kinds: [&'static str; 4],
    removed_text: &'static str,
    statement: &'static str,
    by: &'static str,
    on: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Kk => Words {
            title: "Alatau City Club ережелерінің өзгерістерімен танысу туралы",
            seller: "Сатушы",
            tax_id: "ЖСН/БСН",
            previous: "Алдыңғы нұсқа",
            shipped: "Seller Desk-пен бірге жеткізілген мәтін",
            new: "Жаңа нұсқа",
            published: "жарияланған күні",
            file: "Файл",
            changes: "Мәні бойынша өзгерген тармақтар",
            clause: "Тармақ",
            kinds: ["өзгертілді", "қосылды", "алып тасталды", "нөмірі өзгерді"],
            removed_text: "(тармақ алып тасталды)",
            statement: "Сатушы Alatau City Club ережелерінің жаңа нұсқасымен және жоғарыда аталған өзгерістермен \
                        танысты (4.2, 4.3, 6.11-тармақтар).",
            by: "Танысқан",
            on: "Күні",
        },
        Lang::Ru => Words {
            title: "Об ознакомлении с изменениями правил Alatau City Club",
            seller: "Продавец",
            tax_id: "ИИН/БИН",
            previous: "Предыдущая версия",
            shipped: "текст, поставляемый с Seller Desk",
            new: "Новая версия",
            published: "опубликована",
            file: "Файл",
            changes: "Пункты, изменённые по существу",
            clause: "Пункт",
            kinds: ["изменён", "добавлен", "исключён", "перенумерован"],
            removed_text: "(пункт исключён)",
            statement: "Продавец ознакомлен с новой версией правил Alatau City Club и изменениями, перечисленными \
                        выше (пункты 4.2, 4.3, 6.11).",
            by: "Ознакомился",
            on: "Дата",
        },
        Lang::En => Words {
            title: "Acknowledgement of changes to the Alatau City Club rules",
            seller: "Seller",
            tax_id: "IIN/BIN",
            previous: "Previous version",
            shipped: "the text shipped with Seller Desk",
            new: "New version",
            published: "published",
            file: "File",
            changes: "Clauses changed in substance",
            clause: "Clause",
            kinds: ["changed", "added", "removed", "renumbered"],
            removed_text: "(clause removed)",
            statement: "The seller has read the new version of the Alatau City Club rules and the changes listed \
                        above (clauses 4.2, 4.3, 6.11).",
            by: "Acknowledged by",
            on: "Date",
        },
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The archive's title of the acknowledgement.
pub fn title(lang: Lang, published: NaiveDate) -> String {
    format!("{} ({})", words(lang).title, day(published))
}

pub fn pdf(f: &Facts<'_>, lang: Lang) -> Result<Vec<u8>, ApiError> {
    let w = words(lang);
    let what = |c: &ClauseChange| match c.kind {
        ChangeKind::Added => w.kinds[1].to_string(),
        ChangeKind::Removed => w.kinds[2].to_string(),
        ChangeKind::Renumbered => {
            let moved = format!("{} {} → {}", w.kinds[3], c.old_number.as_deref().unwrap_or_default(), c.number());
            if c.words_changed {
                format!("{moved}; {}", w.kinds[0])
            } else {
                moved
            }
        }
        _ => w.kinds[0].to_string(),
    };
    // Each clause as a label and its words as a paragraph: a table cell would cut a clause.
    let mut listed = Vec::new();
    for c in f.changes {
        listed.push(Block::Field(format!("{} {}", w.clause, c.number()), what(c)));
        listed.push(Block::Paragraph(match &c.new_text {
            Some(t) => printable(t),
            None => w.removed_text.to_string(),
        }));
    }
    let previous = match f.from_published {
        Some(d) => format!("{} {}", w.published, day(d)),
        None => w.shipped.to_string(),
    };
    let mut blocks = vec![
        Block::Heading(w.title.to_string()),
        Block::Fields(vec![
            (w.seller.to_string(), printable(&f.seller.name)),
            (w.tax_id.to_string(), f.seller.tax_id.number().to_string()),
            (w.previous.to_string(), previous),
            (w.new.to_string(), format!("{} {}", w.published, day(f.to_published))),
            (w.file.to_string(), format!("{} ({})", printable(f.to_source), f.to_sha256)),
        ]),
        Block::Space(4),
        Block::Heading(w.changes.to_string()),
    ];
    blocks.extend(listed);
    blocks.extend([
        Block::Space(6),
        Block::Paragraph(w.statement.to_string()),
        Block::Fields(vec![
            (w.by.to_string(), printable(f.person)),
            (w.on.to_string(), f.at.format("%d.%m.%Y %H:%M UTC").to_string()),
        ]),
    ]);
    let doc = Document {
        title: title(lang, f.to_published),
        blocks,
        landscape: false,
        running_head: printable(&f.seller.name),
    };
    print::render(&doc).map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}
