//! The command line's language: `--lang`, else `SELLER_DESK_LANG`, else the language the person
//! acting picked in the window (the shop's when they picked none; Kazakh until anyone picks).
//! Errors come from the same catalog the window shows (`ui/src/lib/i18n/errors/`), with their
//! code; what only the command line prints is worded here, in each language.

use std::collections::HashMap;
use std::sync::OnceLock;

use club::Lang;

/// The environment variable naming the command line's language, as `--lang` does.
pub const LANG_ENV: &str = "SELLER_DESK_LANG";

static LANG: std::sync::Mutex<Option<Lang>> = std::sync::Mutex::new(None);

/// The language chosen for this run; English before one is known (a data folder that cannot be
/// opened, with no language asked).
pub fn lang() -> Lang {
    LANG.lock().map(|l| l.unwrap_or(Lang::En)).unwrap_or(Lang::En)
}

/// Whether a language was set for this run yet.
pub fn chosen() -> bool {
    LANG.lock().map(|l| l.is_some()).unwrap_or(false)
}

/// The language for what is printed from now on.
pub fn set(lang: Lang) {
    if let Ok(mut l) = LANG.lock() {
        *l = Some(lang);
    }
}

/// `--lang` or `SELLER_DESK_LANG` when given: a language, or an error naming the three.
pub fn asked(flag: Option<&str>) -> Result<Option<Lang>, desk::ApiError> {
    let env = std::env::var(LANG_ENV).ok().filter(|v| !v.trim().is_empty());
    match flag.map(str::to_owned).or(env) {
        None => Ok(None),
        Some(code) => Lang::from_code(code.trim()).map(Some).ok_or_else(|| {
            desk::ApiError::new(desk::ErrorCode::CliBadArgument, format!("unknown language {code:?}: kk, ru or en"))
        }),
    }
}

/// The text in the run's language: `say!("kk {x}", "ru {x}", "en {x}")`.
macro_rules! say {
    ($kk:literal, $ru:literal, $en:literal $(,)?) => {
        match $crate::cli::words::lang() {
            club::Lang::Kk => format!($kk),
            club::Lang::Ru => format!($ru),
            club::Lang::En => format!($en),
        }
    };
}
pub(crate) use say;

/// The window's error catalog in `lang`: code → message.
fn catalog(lang: Lang) -> &'static HashMap<String, String> {
    static KK: OnceLock<HashMap<String, String>> = OnceLock::new();
    static RU: OnceLock<HashMap<String, String>> = OnceLock::new();
    static EN: OnceLock<HashMap<String, String>> = OnceLock::new();
    let (cell, text) = match lang {
        Lang::Kk => (&KK, include_str!("../../../ui/src/lib/i18n/errors/kk.json")),
        Lang::Ru => (&RU, include_str!("../../../ui/src/lib/i18n/errors/ru.json")),
        Lang::En => (&EN, include_str!("../../../ui/src/lib/i18n/errors/en.json")),
    };
    cell.get_or_init(|| serde_json::from_str(text).unwrap_or_default())
}

/// The error's code as the window and `--json` name it (`amount.too_large`).
pub fn code_of(code: desk::ErrorCode) -> String {
    serde_json::to_value(code).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The window's message for `code` in the run's language, with Seller Desk's own detail (a
/// file, a line, a value) after it when that adds something.
pub fn error_text(code: desk::ErrorCode, detail: &str) -> String {
    let code = code_of(code);
    let lang = lang();
    match catalog(lang).get(&code).or_else(|| catalog(Lang::En).get(&code)) {
        Some(text) if text != detail && !detail.is_empty() => {
            let more = say!("толығырақ", "подробнее", "details");
            format!("{text} ({more}: {detail})")
        }
        Some(text) => text.clone(),
        None => detail.to_string(),
    }
}

/// How an error is printed: the window's message in the run's language with its code.
pub fn error_lines(e: &desk::ApiError) -> String {
    format!("seller-desk: {} (\"{}\")", error_text(e.code, &e.message), code_of(e.code))
}

/// A day as the window writes it.
pub fn day(d: &chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// An amount as the window writes it in the run's language.
pub fn money(t: &club::money::Tenge) -> String {
    t.format(lang())
}

/// The membership state's name.
pub fn state(s: club::status::State) -> String {
    use club::status::State as S;
    match s {
        S::NotJoined => say!("Қатыспайды", "Не участвует", "Not a member"),
        S::Active => say!("Белсенді", "Активен", "Active"),
        S::UnderMeasure => say!("Шара қолданылған", "Применена мера", "Under measure"),
        S::ClubSuspensionAnnounced => {
            say!("Клубты тоқтата тұру жарияланды", "Объявлена приостановка клуба", "Club suspension announced")
        }
        S::ClubSuspended => say!("Клуб тоқтатылды", "Клуб приостановлен", "Club suspended"),
        S::Exiting => say!("Клубтан шығуда", "Выход из клуба", "Leaving the club"),
        S::Exited => say!("Клубтан шықты", "Вышел из клуба", "Left the club"),
    }
}

/// A fine's state's name.
pub fn fine_state(s: club::fines::FineState) -> String {
    use club::fines::FineState as S;
    match s {
        S::Received => say!("Алынды", "Получен", "Received"),
        S::Disputed => say!("Дау айтылуда", "Оспаривается", "Disputed"),
        S::Upheld => say!("Дау қабылданбады", "Спор отклонён", "Dispute rejected"),
        S::Cancelled => say!("Күші жойылды", "Отменён", "Cancelled"),
        S::Paid => say!("Төленді", "Оплачен", "Paid"),
    }
}

/// A next step of the status page, as the window words it, pointing at the command that helps.
pub fn next_step(action: &club::status::NextAction) -> String {
    use club::membership::{ClubStop, ExitReason, Measure};
    use club::status::NextAction as A;
    let reason = |r: &ExitReason| match r {
        ExitReason::Voluntary => say!("өз еркімен", "по собственному решению", "own decision"),
        ExitReason::Measure => say!("шарадан кейін (6.6)", "после меры (6.6)", "after a measure (6.6)"),
        ExitReason::ContractEnded => {
            say!("шарт тоқтатылды (5.3)", "договор прекращён (5.3)", "the contract ended (5.3)")
        }
        ExitReason::Exclusion => {
            say!("платформа шығарды (6.4)", "исключение платформой (6.4)", "excluded by the platform (6.4)")
        }
    };
    let measure = |m: &Measure| match m {
        Measure::SiteDisconnection => {
            say!("Сайттан ажырату (6.6 а)", "Отключение от сайта (6.6 а)", "Disconnection from the site (6.6 a)")
        }
        Measure::ParticipationTerminated => {
            say!("Клубқа қатысуды тоқтату (6.6 б)", "Прекращение участия (6.6 б)", "Participation terminated (6.6 b)")
        }
        Measure::EarlyDebtRepayment => say!(
            "Берешекті мерзімінен бұрын өтеу (6.6 в)",
            "Досрочное погашение задолженности (6.6 в)",
            "Early repayment of debt (6.6 c)"
        ),
        Measure::PosQrDisconnected => say!(
            "POS-терминалдарды, QR кодты ажырату (6.6 г)",
            "Отключение POS-терминалов / QR-кода (6.6 г)",
            "POS terminals / QR codes disconnected (6.6 d)"
        ),
    };
    let contract = |k: &club::contracts::ContractKind| {
        use club::contracts::ContractKind as K;
        match k {
            K::PlatformServices => say!(
                "Сауда платформасының қызметтерін көрсету шарты",
                "Договор оказания услуг торговой платформы",
                "Platform services contract"
            ),
            K::Bank => {
                say!("Банктік қызмет көрсету шарты", "Договор банковского обслуживания", "Bank services contract")
            }
            K::Accession => say!(
                "Қосылу шарты (платформа офертасы)",
                "Договор присоединения (оферта платформы)",
                "Accession to the platform’s offer"
            ),
        }
    };
    match action {
        A::RecordJoining => say!(
            "Дүкеннің клубқа кірген күнін тіркеңіз.",
            "Запишите дату вступления магазина в клуб.",
            "Record the day the shop joined the club."
        ),
        A::CompleteExitChecklist { reason: r, deadline } => {
            let r = reason(r);
            let by = deadline.map(|d| day(&d)).unwrap_or_default();
            match deadline {
                Some(_) => say!(
                    "Клубтан шығуды {by} дейін аяқтаңыз: клубтың барлық белгілерін, плакаттар мен флаерлерді алып тастаңыз, сайт пен жарнаманы тазартыңыз (5.1). Себебі: {r}.",
                    "Завершите выход из клуба до {by}: уберите все знаки клуба, плакаты и флаеры, очистите сайт и рекламу (5.1). Причина: {r}.",
                    "Finish leaving the club by {by}: remove every club mark, poster and flyer, and clean the website and ads (5.1). Reason: {r}."
                ),
                None => say!(
                    "Клубтан шығуды аяқтаңыз: клубтың барлық белгілерін, плакаттар мен флаерлерді алып тастаңыз, сайт пен жарнаманы тазартыңыз (5.1). Себебі: {r}.",
                    "Завершите выход из клуба: уберите все знаки клуба, плакаты и флаеры, очистите сайт и рекламу (5.1). Причина: {r}.",
                    "Finish leaving the club: remove every club mark, poster and flyer, and clean the website and ads (5.1). Reason: {r}."
                ),
            }
        }
        A::StartExitChecklist => say!(
            "Қатысу тоқтатылды: шығуды бастап, клуб белгілерін алып тастаңыз (5.1).",
            "Участие прекращено: начните выход и уберите знаки клуба (5.1).",
            "Participation is terminated: start the exit and remove the club's marks (5.1)."
        ),
        A::ResolveMeasure { measure: m } => {
            let m = measure(m);
            say!(
                "Шараны алу үшін сауда платформасымен мәселені шешіңіз: {m}.",
                "Урегулируйте с платформой снятие меры: {m}.",
                "Settle with the platform to have this measure lifted: {m}."
            )
        }
        A::PrepareForClubStop { stop, effective, calendar_days_left: c, working_days_left: w } => {
            let on = day(effective);
            match stop {
                ClubStop::Suspension => say!(
                    "{on} бастап клубты тоқтата тұру. Қалған күндер: күнтізбелік — {c}, жұмыс — {w} (4.4). Персонал мен клиенттерді дайындаңыз.",
                    "С {on} — приостановка клуба. Осталось дней: календарных — {c}, рабочих — {w} (4.4). Подготовьте персонал и клиентов.",
                    "The club's suspension takes effect on {on}: {c} calendar days, {w} working days left (4.4). Prepare the staff and the clients."
                ),
                ClubStop::Termination => say!(
                    "{on} бастап клубты тоқтату. Қалған күндер: күнтізбелік — {c}, жұмыс — {w} (4.4). Персонал мен клиенттерді дайындаңыз.",
                    "С {on} — прекращение клуба. Осталось дней: календарных — {c}, рабочих — {w} (4.4). Подготовьте персонал и клиентов.",
                    "The club's termination takes effect on {on}: {c} calendar days, {w} working days left (4.4). Prepare the staff and the clients."
                ),
            }
        }
        A::ShortNotice { notice_days: n, required_days: r } => say!(
            "Хабарлама {n} күнтізбелік күн бұрын ғана жасалды; 4.4-тармақ кемінде {r} күнді талап етеді.",
            "Срок уведомления — {n} календ. дн., а пункт 4.4 требует не менее {r}.",
            "The announcement gave {n} calendar days of notice; clause 4.4 requires at least {r}."
        ),
        A::EquipOutlet { outlet_name: o, .. } => say!(
            "«{o}» нүктесінде қосулы POS-терминал немесе QR код жоқ (2.4.2, 2.5.4): Банкке жүгініңіз.",
            "У точки «{o}» нет подключённого POS-терминала или QR-кода (2.4.2, 2.5.4): обратитесь в банк.",
            "\"{o}\" has no active POS terminal or QR code (2.4.2, 2.5.4): ask the bank to connect one."
        ),
        A::DisplayMarks { outlet_name: o, .. } => say!(
            "«{o}» нүктесінде клуб белгілері тіркелмеген: оларды орналастырып (2.5.1), тіркеңіз.",
            "В точке «{o}» не записано ни одного знака клуба: разместите их (2.5.1) и запишите.",
            "No club mark is recorded at \"{o}\": display them there (2.5.1) and record them."
        ),
        A::RestoreContract { kind } => {
            let k = contract(kind);
            say!(
                "{k}: тіркелмеген немесе күшінде емес (1.3).",
                "{k}: не записан или не действует (1.3).",
                "{k}: not recorded or not in force (1.3)."
            )
        }
        A::PayOverdueFine { notice_number: n, balance, due, .. } => {
            let (b, due) = (money(balance), day(due));
            say!(
                "{n} айыппұлының мерзімі {due} өтті: {b} төлеңіз немесе дауласыңыз.",
                "Штраф {n} просрочен с {due}: оплатите {b} или оспорьте.",
                "Fine {n} is overdue since {due}: pay {b} or dispute it."
            )
        }
        A::PayFineSoon { notice_number: n, balance, due, .. } => {
            let (b, due) = (money(balance), day(due));
            say!(
                "{n} айыппұлын {due} дейін төлеу керек: {b}.",
                "Штраф {n} нужно оплатить до {due}: {b}.",
                "Fine {n} falls due on {due}: pay {b}."
            )
        }
        A::AwaitDisputeAnswer { notice_number: n, deadline, .. } => {
            let by = day(deadline);
            say!(
                "{n} айыппұлы бойынша дау бар: платформаның жауабы {by} дейін күтіледі; жауап болмаса, сұраңыз.",
                "Штраф {n} оспорен: ответ платформы ожидается до {by}; если его нет — запросите.",
                "Fine {n} is disputed: the platform's answer is expected by {by}; ask for it if none comes."
            )
        }
        A::CompleteCorrectiveAction { outlet_name: o, since, .. } => {
            let s = day(since);
            say!(
                "«{o}» нүктесіндегі түзету шарасы {s} бастап ашық (6.3): қызметкерлерді банк карталары мен QR-кодтарын қабылдауға қайта үйретіңіз (2.5.4).",
                "Корректирующая мера в «{o}» открыта с {s} (6.3): переобучите персонал приёму карт и QR-кодов банка (2.5.4).",
                "Corrective action at \"{o}\" open since {s} (6.3): retrain the staff on accepting the bank's cards and QR codes (2.5.4)."
            )
        }
        A::RepeatedRefusals { count: c, last } => {
            let l = day(last);
            say!(
                "12 айда банк құралдарын қабылдаудан {c} рет бас тартылды, соңғысы {l} (6.4): тағы біреуі қатысуды тоқтатуы мүмкін.",
                "{c} отказа(ов) принять инструменты банка за 12 месяцев, последний {l} (6.4): ещё один может стоить участия.",
                "{c} refusals to accept the bank's instruments in 12 months, the last on {l} (6.4): another can end the participation."
            )
        }
        A::MoreFines { count: c } => say!(
            "Тағы {c} айыппұлдың мерзімі өтті немесе осы аптада төленуі керек: `seller-desk fines list --state open`.",
            "Ещё {c} штраф(ов) просрочены или подлежат оплате на этой неделе: `seller-desk fines list --state open`.",
            "{c} more fines are overdue or due this week: see `seller-desk fines list --state open`."
        ),
        A::TrainingOverdue { person: p, until, .. } => {
            let u = day(until);
            say!(
                "{p}: оқу сертификатының мерзімі {u} өтті (2.5.2): тестті қайта тапсыру керек.",
                "Сертификат обучения: {p}, истёк {u} (п. 2.5.2): нужно пройти тест снова.",
                "{p}'s training certificate expired on {u} (2.5.2): the quiz is to be taken again."
            )
        }
        A::TrainingDueSoon { person: p, until, .. } => {
            let u = day(until);
            say!(
                "{p}: оқу сертификатының мерзімі {u} бітеді (2.5.2): тест тапсыратын уақыт.",
                "Сертификат обучения: {p}, истекает {u} (п. 2.5.2): пора пройти тест.",
                "{p}'s training certificate expires on {u} (2.5.2): time for the quiz."
            )
        }
        A::TrainingNever { person: p, .. } => say!(
            "{p} төлем ережелерін әлі оқымаған (2.5.2, 6.11).",
            "{p} ещё не обучен(а) правилам оплаты (пп. 2.5.2, 6.11).",
            "{p} has not been trained on the payment rules yet (2.5.2, 6.11)."
        ),
        A::AcknowledgeRules { published, clauses } => {
            let on = day(published);
            let c = clauses.join(", ");
            say!(
                "{on} жарияланған ережелер {c}-тармақтарды өзгертті (4.2, 4.3): `seller-desk rules diff` оқып, танысқаныңызды растаңыз.",
                "Правила, опубликованные {on}, изменили пункты {c} (пп. 4.2, 4.3): прочитайте `seller-desk rules diff` и подтвердите ознакомление.",
                "The rules published on {on} changed clause(s) {c} (4.2, 4.3): read them (`seller-desk rules diff`) and acknowledge."
            )
        }
        A::NewObligation { clause: c, published } => {
            let on = day(published);
            say!(
                "Сатушының жаңа міндеті — {on} жарияланған ережелердің {c}-тармағы: қызметкерлерге хабарлаңыз.",
                "Новая обязанность продавца — п. {c} правил, опубликованных {on}: сообщите персоналу.",
                "New obligation in clause {c} of the rules published on {on}: brief the staff."
            )
        }
    }
}

/// A signature's verdict in words, with its code in brackets for scripts (`Жарамды [valid]`).
pub fn outcome(code: &str) -> String {
    let text = match code {
        "valid" => say!("Жарамды", "Действительна", "Valid"),
        "tampered" => say!(
            "Файл қолтаңбаға сәйкес емес: қол қойылғаннан кейін өзгертілген немесе қол қойылған файл бұл емес",
            "Файл не совпадает с подписью: он изменён после подписания или это не тот файл, который подписан",
            "The file does not match the signature: it was changed after signing, or it is not the file that was signed"
        ),
        "broken_signature" => say!("Қолтаңба бұзылған", "Подпись повреждена", "The signature is broken"),
        "untrusted_chain" => say!(
            "Сертификат сенімді орталыққа жетпейді",
            "Сертификат не ведёт к доверенному центру",
            "The certificate does not chain to a trusted authority"
        ),
        "expired" => say!(
            "Қол қойған кезде сертификат жарамсыз болған",
            "Сертификат был недействителен на момент подписания",
            "The certificate was not valid at signing time"
        ),
        "revoked" => say!("Сертификат кері қайтарылған", "Сертификат отозван", "The certificate is revoked"),
        "wrong_purpose" => {
            say!("Кілт қол қоюға арналмаған", "Ключ не предназначен для подписи", "The key is not a signing key")
        }
        "not_supported_yet" => {
            say!(
                "ГОСТ қолтаңбасы: әзірге тексерілмейді",
                "Подпись ГОСТ: пока не проверяется",
                "GOST signature: not checked yet"
            )
        }
        "revocation_not_checked" => say!(
            "Жарамды, бірақ кері қайтарылуы тексерілмеген",
            "Верна, но отзыв не проверен",
            "Valid, but revocation not checked"
        ),
        "timestamp_invalid" => say!(
            "Қолтаңбадағы уақыт белгісі жарамсыз",
            "Метка времени в подписи недействительна",
            "The timestamp in the signature does not hold"
        ),
        other => return other.to_string(),
    };
    format!("{text} [{code}]")
}

/// On or off.
pub fn on_off(on: bool) -> String {
    if on {
        say!("қосулы", "включено", "on")
    } else {
        say!("өшірулі", "выключено", "off")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code the app can answer with (as the generated TypeScript union lists them, which
    /// `cargo xtask codegen --check` holds to the Rust enum) has a message in each language of
    /// the catalog the command line prints from, and each language's message is its own.
    #[test]
    fn every_error_code_has_a_message_in_each_language() {
        let union = include_str!("../../../ui/src/lib/ipc/bindings/ErrorCode.ts");
        let codes: Vec<&str> = union
            .split("export type ErrorCode =")
            .nth(1)
            .expect("the union")
            .split('|')
            .map(|c| c.trim().trim_end_matches(';').trim().trim_matches('"'))
            .collect();
        assert!(codes.len() > 100, "{} codes", codes.len());
        assert!(codes.contains(&"amount.too_large") && codes.contains(&"internal"), "{codes:?}");
        for code in &codes {
            for lang in [Lang::Kk, Lang::Ru, Lang::En] {
                let text = catalog(lang).get(*code);
                assert!(text.is_some_and(|t| !t.trim().is_empty()), "{code} has no {} message", lang.code());
            }
        }
        let differ = codes.iter().filter(|c| catalog(Lang::Kk)[**c] != catalog(Lang::Ru)[**c]).count();
        assert!(differ > codes.len() * 9 / 10, "only {differ} of {} Kazakh messages differ from Russian", codes.len());
    }

    #[test]
    fn an_error_is_printed_in_the_language_set_with_its_code_and_detail() {
        let e = desk::ApiError::new(desk::ErrorCode::FileNotRead, "cannot read /tmp/x.csv: No such file");
        set(Lang::Ru);
        let ru = error_lines(&e);
        set(Lang::Kk);
        let kk = error_lines(&e);
        set(Lang::En);
        assert!(ru.contains(&catalog(Lang::Ru)["file.not_read"]), "{ru}");
        assert!(ru.contains("подробнее: cannot read /tmp/x.csv"), "{ru}");
        assert!(ru.ends_with("(\"file.not_read\")"), "{ru}");
        assert!(kk.contains(&catalog(Lang::Kk)["file.not_read"]) && kk.contains("толығырақ"), "{kk}");
        assert_ne!(ru, kk);
    }
}
