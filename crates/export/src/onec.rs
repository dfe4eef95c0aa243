//! The 1C:Accounting bank-exchange text (`1CClientBankExchange`, Windows-1251, CRLF): the
//! fines paid by transfer in the period, each as a payment-order document in the form Kazakh
//! banks export (BIN/IIN, IIK, bank BIC, KBe, KNP, amount `1234.56`, dates `dd.mm.yyyy`).
//!
//! Offsets are not bank payments and are left out; the statement's other formats show them.
//! Windows-1251 has no Kazakh letters ә ғ қ ң ө ұ ү һ і: names carrying them are written with
//! the nearest Russian letter (as 1C users do by hand), and anything else 1251 lacks becomes `?`.

use club::bank::{resident_code, BankAccount, Payee};
use club::statement::Movement;

use crate::{date, plain, Context, ExportError};

/// The bank details a payment document needs.
pub struct Payments<'a> {
    pub account: &'a BankAccount,
    pub payee: &'a Payee,
}

fn kazakh_to_russian(c: char) -> char {
    match c {
        'ә' => 'а',
        'Ә' => 'А',
        'ғ' => 'г',
        'Ғ' => 'Г',
        'қ' => 'к',
        'Қ' => 'К',
        'ң' => 'н',
        'Ң' => 'Н',
        'ө' => 'о',
        'Ө' => 'О',
        'ұ' | 'ү' => 'у',
        'Ұ' | 'Ү' => 'У',
        'һ' => 'х',
        'Һ' => 'Х',
        'і' => 'и',
        'І' => 'И',
        other => other,
    }
}

fn cp1251(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars().map(kazakh_to_russian) {
        match c {
            '\0'..='\x7f' => out.push(c as u8),
            // А..я are one run in Windows-1251: 0xC0..0xFF.
            'А'..='я' => out.push((c as u32 - 'А' as u32 + 0xC0) as u8),
            _ => {
                let mut buf = [0u8; 4];
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(c.encode_utf8(&mut buf));
                if unmappable {
                    out.push(b'?');
                } else {
                    out.extend_from_slice(&bytes);
                }
            }
        }
    }
    out
}

pub fn one_c(ctx: &Context<'_>, payments: &Payments<'_>) -> Result<Vec<u8>, ExportError> {
    let s = ctx.statement;
    let (account, payee) = (payments.account, payments.payee);
    let from = date(s.period.from);
    let to = date(s.period.to);
    let mut lines: Vec<String> = vec![
        "1CClientBankExchange".into(),
        "ВерсияФормата=1.02".into(),
        "Кодировка=Windows".into(),
        "Отправитель=Seller Desk".into(),
        "Получатель=1С:Бухгалтерия".into(),
        format!("ДатаСоздания={}", date(ctx.prepared_on)),
        format!("ДатаНачала={from}"),
        format!("ДатаКонца={to}"),
        format!("РасчСчет={}", account.iik.as_str()),
        "Документ=Платежное поручение".into(),
    ];
    let seller = ctx.seller;
    let mut n = 0u32;
    for (i, l) in s.lines.iter().enumerate() {
        ctx.tick(i);
        // Transfers only, and not one recorded by mistake (voided): 1C would book it.
        if l.movement != Movement::Paid || l.voided {
            continue;
        }
        n += 1;
        let number = if l.reference.trim().is_empty() { n.to_string() } else { l.reference.trim().to_string() };
        let amount = plain(l.paid, '.');
        let purpose = format!(
            "Оплата штрафа по уведомлению № {} (п. {} Правил Alatau City Club), торговая точка «{}»",
            l.notice_number,
            l.violation.clause(),
            ctx.outlet_name(l.outlet_id),
        );
        lines.extend([
            "СекцияДокумент=Платежное поручение".into(),
            format!("НомерДокумента={number}"),
            format!("ДатаДокумента={}", date(l.date)),
            "ВидДокумента=Платежное поручение".into(),
            format!("Сумма={amount}"),
            format!("СуммаРасход={amount}"),
            format!("ПлательщикНаименование={}", seller.name),
            format!("ПлательщикБИН_ИИН={}", seller.tax_id.number()),
            format!("ПлательщикИИК={}", account.iik.as_str()),
            format!("ПлательщикБанкБИК={}", account.bic),
            format!("ПлательщикБанкНаименование={}", account.bank_name),
            format!("ПлательщикКБЕ={}", resident_code(seller.legal_form)),
            format!("ПолучательНаименование={}", payee.name),
            format!("ПолучательБИН_ИИН={}", payee.tax_id.number()),
            format!("ПолучательИИК={}", payee.account.iik.as_str()),
            format!("ПолучательБанкБИК={}", payee.account.bic),
            format!("ПолучательБанкНаименование={}", payee.account.bank_name),
            format!("ПолучательКБЕ={}", payee.kbe),
            format!("КодНазначенияПлатежа={}", payee.knp),
            format!("НазначениеПлатежа={purpose}"),
            format!("ДатаОперации={}", date(l.date)),
            "КонецДокумента".into(),
        ]);
    }
    lines.push("КонецФайла".into());
    // A line break inside a value (a name typed with one) would end its key=value record.
    let lines: Vec<String> = lines.into_iter().map(|l| l.replace(['\r', '\n'], " ")).collect();
    let mut text = lines.join("\r\n");
    text.push_str("\r\n");
    Ok(cp1251(&text))
}

#[cfg(test)]
mod tests {
    /// The fast paths give what encoding_rs gives, for every character they cover.
    #[test]
    fn ascii_and_cyrillic_match_the_windows_1251_table() {
        let text: String = ('\0'..='\x7f').chain('А'..='я').chain(['Ё', 'ё', '№', '«', '»', '—']).collect();
        let (expected, _, unmappable) = encoding_rs::WINDOWS_1251.encode(&text);
        assert!(!unmappable);
        assert_eq!(super::cp1251(&text), expected.into_owned());
        assert_eq!(super::cp1251("әі₸"), b"\xe0\xe8?");
    }
}
