use serde::{Deserialize, Serialize};

use crate::Lang;

/// The violations the rules name, each with the clause it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Violation {
    /// Refusing the bank's payment instrument (2.5.4; a fine under 6.3; exclusion risk under 6.4).
    RefusalToAccept,
    /// Using or spreading client information outside the club (2.6.1).
    ClientInformationMisuse,
    /// A higher price for paying with the bank's instrument (2.6.2).
    HigherPrice,
    /// A surcharge for paying with the bank's instrument (2.6.3).
    Surcharge,
    /// Cash given instead of goods (2.6.4).
    CashInsteadOfGoods,
    /// Self-purchase, collusion or cash-out (2.6.5).
    SelfPurchase,
    /// Other bad-faith non-performance (6.1).
    BadFaith,
}

impl Violation {
    pub const ALL: [Violation; 7] = [
        Violation::RefusalToAccept,
        Violation::ClientInformationMisuse,
        Violation::HigherPrice,
        Violation::Surcharge,
        Violation::CashInsteadOfGoods,
        Violation::SelfPurchase,
        Violation::BadFaith,
    ];

    /// The clause a notice cites for this violation.
    pub fn clause(self) -> &'static str {
        match self {
            Violation::RefusalToAccept => "2.5.4",
            Violation::ClientInformationMisuse => "2.6.1",
            Violation::HigherPrice => "2.6.2",
            Violation::Surcharge => "2.6.3",
            Violation::CashInsteadOfGoods => "2.6.4",
            Violation::SelfPurchase => "2.6.5",
            Violation::BadFaith => "6.1",
        }
    }

    /// Reads the clause a platform notice cites. A refusal may be cited by 2.5.4, 6.3 or 6.4.
    pub fn from_clause(clause: &str) -> Option<Violation> {
        match clause.trim().trim_end_matches('.') {
            "2.5.4" | "6.3" | "6.4" => Some(Violation::RefusalToAccept),
            "2.6.1" => Some(Violation::ClientInformationMisuse),
            "2.6.2" => Some(Violation::HigherPrice),
            "2.6.3" => Some(Violation::Surcharge),
            "2.6.4" => Some(Violation::CashInsteadOfGoods),
            "2.6.5" => Some(Violation::SelfPurchase),
            "6.1" => Some(Violation::BadFaith),
            _ => None,
        }
    }

    /// The violation's name, as notices, letters and statements print it.
    pub fn title(self, lang: Lang) -> &'static str {
        use Violation::*;
        match (lang, self) {
            (Lang::Kk, RefusalToAccept) => "Банктің төлем құралын қабылдаудан бас тарту",
            (Lang::Kk, ClientInformationMisuse) => "Клиент туралы ақпаратты мақсатсыз пайдалану",
            (Lang::Kk, HigherPrice) => "Банк құралымен төлегенде бағаны көтеру",
            (Lang::Kk, Surcharge) => "Клиенттен қосымша төлем талап ету",
            (Lang::Kk, CashInsteadOfGoods) => "Тауардың орнына ақша беру",
            (Lang::Kk, SelfPurchase) => "Өз нүктесінде сатып алу, сөз байласу немесе қолма-қол ақшаға айналдыру",
            (Lang::Kk, BadFaith) => "Өзге де жосықсыз орындамау",
            (Lang::Ru, RefusalToAccept) => "Отказ в приёме платёжного средства банка",
            (Lang::Ru, ClientInformationMisuse) => "Использование информации о клиенте не по назначению",
            (Lang::Ru, HigherPrice) => "Завышенная цена при оплате средством банка",
            (Lang::Ru, Surcharge) => "Дополнительная плата с клиента",
            (Lang::Ru, CashInsteadOfGoods) => "Выдача денег вместо товара",
            (Lang::Ru, SelfPurchase) => "Покупки в своих точках, сговор или обналичивание",
            (Lang::Ru, BadFaith) => "Иное недобросовестное неисполнение",
            (Lang::En, RefusalToAccept) => "Refusal to accept the bank's payment instrument",
            (Lang::En, ClientInformationMisuse) => "Misuse of client information",
            (Lang::En, HigherPrice) => "Higher price for the bank's instrument",
            (Lang::En, Surcharge) => "Surcharge from the client",
            (Lang::En, CashInsteadOfGoods) => "Cash instead of goods",
            (Lang::En, SelfPurchase) => "Self-purchase, collusion or cash-out",
            (Lang::En, BadFaith) => "Other bad-faith non-performance",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Violation::RefusalToAccept => "refusal_to_accept",
            Violation::ClientInformationMisuse => "client_information_misuse",
            Violation::HigherPrice => "higher_price",
            Violation::Surcharge => "surcharge",
            Violation::CashInsteadOfGoods => "cash_instead_of_goods",
            Violation::SelfPurchase => "self_purchase",
            Violation::BadFaith => "bad_faith",
        }
    }

    pub fn from_code(code: &str) -> Option<Violation> {
        Violation::ALL.into_iter().find(|v| v.code() == code)
    }

    /// A refusal obliges the seller to act against repeats (6.3): retrain the outlet's staff.
    pub fn needs_corrective_action(self) -> bool {
        self == Violation::RefusalToAccept
    }
}
