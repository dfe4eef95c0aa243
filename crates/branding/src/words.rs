//! What the items say, in kk, ru and en.

use club::Lang;

pub struct Words {
    /// "We accept Alatau City Club".
    pub headline: &'static str,
    pub means: &'static str,
    pub scan: &'static str,
    pub badge: &'static str,
    /// Printed small beside the table tent's fold line.
    pub fold: &'static str,
}

pub fn words(lang: Lang) -> Words {
    match lang {
        Lang::Kk => Words {
            headline: "Alatau City Club қабылдаймыз",
            means: "карталар · QR · бөліп төлеу",
            scan: "Төлеу үшін QR кодты сканерлеңіз",
            badge: "Alatau City Club арқылы төлеу",
            fold: "бүктеу сызығы",
        },
        Lang::Ru => Words {
            headline: "Принимаем Alatau City Club",
            means: "карты · QR · рассрочка",
            scan: "Сканируйте QR-код для оплаты",
            badge: "Оплата через Alatau City Club",
            fold: "линия сгиба",
        },
        Lang::En => Words {
            headline: "We accept Alatau City Club",
            means: "cards · QR · installments",
            scan: "Scan the QR code to pay",
            badge: "Pay with Alatau City Club",
            fold: "fold line",
        },
    }
}
