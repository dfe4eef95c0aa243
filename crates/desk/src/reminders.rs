//! Reminders for the desktop: what `club::reminders` says is due today, less the kinds the
//! owner switched off and those shown before, worded in the language of the person at the desk
//! and remembered as shown.

use club::reminders::{self, Reminder, ReminderKind, Threshold};
use club::status::NextAction;
use club::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::people::Need;
use crate::{ApiError, Desk};

/// The setting holding the kinds switched off, comma-separated codes.
const OFF_KEY: &str = "reminders.off";

/// One reminder as the desktop shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderDto {
    /// What it is remembered by once shown (`reminders_shown`).
    pub key: String,
    pub kind: ReminderKind,
    pub threshold: Threshold,
    pub title: String,
    pub body: String,
    /// The page it is about: `fines`, `training` or `status`.
    pub page: String,
}

/// What the desktop shows for the reminders due at once: one of them as it is, or several
/// together under one title (a day the app was closed is caught up in one notification).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NotificationDto {
    pub title: String,
    pub body: String,
    /// The page a click opens.
    pub page: String,
    /// How many reminders it holds.
    pub count: u32,
    /// The reminders' keys, to remember them once the notification is shown.
    pub keys: Vec<String>,
}

/// Which kinds of reminder the owner has switched off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderSettingsDto {
    pub off: Vec<ReminderKind>,
}

impl Desk {
    /// The reminders due now and not shown before. Only for someone who may see the status
    /// page (money and deadlines are not a cashier's).
    pub fn due_reminders(&self) -> Result<Vec<ReminderDto>, ApiError> {
        self.need(Need::Status)?;
        let today = self.today();
        let off = self.reminder_settings()?.off;
        let due: Vec<Reminder> =
            reminders::due(&self.next_actions()?, today).into_iter().filter(|r| !off.contains(&r.kind)).collect();
        let keys: Vec<String> = due.iter().map(Reminder::key).collect();
        let seen = self.store.read().reminders_sent(&keys)?;
        let lang = self.language()?;
        Ok(due.iter().filter(|r| !seen.contains(&r.key())).map(|r| words(r, lang)).collect())
    }

    /// Remembers reminders as shown: they are not shown again (a reminder the desktop could not
    /// show stays due).
    pub fn reminders_shown(&mut self, keys: &[String]) -> Result<(), ApiError> {
        self.need(Need::Status)?;
        let at = self.clock.now().to_rfc3339();
        self.store.write(|db| db.mark_reminders_sent(keys, &at))?;
        Ok(())
    }

    /// The notification for what is due now (see `due_reminders`), or `None`.
    pub fn due_notification(&self) -> Result<Option<NotificationDto>, ApiError> {
        self.need(Need::Status)?;
        let due = self.due_reminders()?;
        let lang = self.language()?;
        Ok(together(&due, lang))
    }

    pub fn reminder_settings(&self) -> Result<ReminderSettingsDto, ApiError> {
        self.need(Need::Status)?;
        let stored = self.store.read().setting(OFF_KEY)?.unwrap_or_default();
        Ok(ReminderSettingsDto { off: stored.split(',').filter_map(ReminderKind::from_code).collect() })
    }

    /// The owner switches kinds of reminder off (the others on); audited.
    pub fn set_reminder_settings(&mut self, input: ReminderSettingsDto) -> Result<ReminderSettingsDto, ApiError> {
        self.need(Need::Shop)?;
        let codes: Vec<&str> =
            ReminderKind::ALL.into_iter().filter(|k| input.off.contains(k)).map(ReminderKind::code).collect();
        self.store.write(|db| db.set_audited_setting(OFF_KEY, &codes.join(",")))?;
        self.reminder_settings()
    }
}

/// One notification for `due`: the reminder itself when alone; otherwise the count as title,
/// each reminder's title a line of the body (the first five, then how many more), opening the
/// status page, where every next step is listed.
pub fn together(due: &[ReminderDto], lang: Lang) -> Option<NotificationDto> {
    match due {
        [] => None,
        [one] => Some(NotificationDto {
            title: one.title.clone(),
            body: one.body.clone(),
            page: one.page.clone(),
            count: 1,
            keys: vec![one.key.clone()],
        }),
        many => {
            let n = many.len();
            let title = match lang {
                Lang::Kk => format!("Seller Desk: {n} еске салу"),
                Lang::Ru => format!("Seller Desk: напоминаний — {n}"),
                Lang::En => format!("Seller Desk: {n} reminders"),
            };
            let mut lines: Vec<String> = many.iter().take(5).map(|r| r.title.clone()).collect();
            if n > 5 {
                lines.push(match lang {
                    Lang::Kk => format!("тағы {}", n - 5),
                    Lang::Ru => format!("и ещё {}", n - 5),
                    Lang::En => format!("and {} more", n - 5),
                });
            }
            let keys = many.iter().map(|r| r.key.clone()).collect();
            Some(NotificationDto { title, body: lines.join("\n"), page: "status".into(), count: n as u32, keys })
        }
    }
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// The reminder's title and body in `lang`, and the page it opens.
fn words(r: &Reminder, lang: Lang) -> ReminderDto {
    let t = |kk: String, ru: String, en: String| match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    };
    let date = day(r.date);
    let (title, body, page) = match (&r.action, r.threshold) {
        (
            NextAction::PayFineSoon { notice_number: n, balance, .. }
            | NextAction::PayOverdueFine { notice_number: n, balance, .. },
            th,
        ) => {
            let owed = balance.format(lang);
            let title = match th {
                Threshold::Passed => t(
                    format!("{n} айыппұлының мерзімі {date} өтті"),
                    format!("Штраф {n} просрочен с {date}"),
                    format!("Fine {n} is overdue since {date}"),
                ),
                Threshold::LastDay => t(
                    format!("{n} айыппұлын {date} дейін төлеу керек"),
                    format!("Штраф {n} нужно оплатить до {date}"),
                    format!("Fine {n} is due on {date}: the last day"),
                ),
                _ => t(
                    format!("{n} айыппұлының мерзімі {date}"),
                    format!("Срок оплаты штрафа {n}: {date}"),
                    format!("Fine {n} is due on {date}"),
                ),
            };
            let body = t(
                format!("Төленбегені: {owed}."),
                format!("Осталось оплатить: {owed}."),
                format!("Still owed: {owed}."),
            );
            (title, body, "fines")
        }
        (NextAction::PrepareForClubStop { stop, .. }, th) => {
            let (kk, ru, en) = match stop {
                club::membership::ClubStop::Suspension => {
                    ("Клубтың тоқтатылуы", "Приостановка клуба", "The club's suspension")
                }
                club::membership::ClubStop::Termination => {
                    ("Клубтың жабылуы", "Прекращение клуба", "The club's termination")
                }
            };
            let title = match th {
                Threshold::Announced => t(
                    format!("{kk} жарияланды: {date}"),
                    format!("{ru} объявлена: с {date}"),
                    format!("{en} is announced: from {date}"),
                ),
                Threshold::Soon => t(
                    format!("{kk} {date} күні: 3 жұмыс күнінен аз қалды"),
                    format!("{ru} с {date}: осталось не больше 3 рабочих дней"),
                    format!("{en} from {date}: 3 working days or fewer left"),
                ),
                _ => t(
                    format!("{kk} {date} күні: дайындалудың соңғы жұмыс күні"),
                    format!("{ru} с {date}: последний рабочий день на подготовку"),
                    format!("{en} from {date}: the last working day to prepare"),
                ),
            };
            let body = t(
                "Дүкен мен қызметкерлерді дайындаңыз (4.4).".into(),
                "Подготовьте магазин и сотрудников (4.4).".into(),
                "Prepare the shop and the staff (4.4).".into(),
            );
            (title, body, "status")
        }
        (NextAction::AwaitDisputeAnswer { notice_number: n, .. }, Threshold::Passed) => (
            t(
                format!("{n} айыппұлы бойынша дауға жауап {date} дейін келмеді"),
                format!("Ответа на возражение по штрафу {n} не было до {date}"),
                format!("No answer to the dispute of fine {n} by {date}"),
            ),
            t(
                "Платформадан жауап сұраңыз.".into(),
                "Запросите ответ у платформы.".into(),
                "Ask the platform for its answer.".into(),
            ),
            "fines",
        ),
        (NextAction::AwaitDisputeAnswer { notice_number: n, .. }, _) => (
            t(
                format!("{n} айыппұлы бойынша дауға жауап {date} дейін күтіледі"),
                format!("Ответ на возражение по штрафу {n} ожидается до {date}"),
                format!("The answer to the dispute of fine {n} is due by {date}"),
            ),
            String::new(),
            "fines",
        ),
        (NextAction::TrainingDueSoon { person, .. } | NextAction::TrainingOverdue { person, .. }, th) => {
            let title = if th == Threshold::Passed {
                t(
                    format!("{person}: оқу сертификатының мерзімі {date} аяқталды"),
                    format!("{person}: сертификат обучения истёк {date}"),
                    format!("{person}: the training certificate ended on {date}"),
                )
            } else {
                t(
                    format!("{person}: оқу сертификаты {date} аяқталады"),
                    format!("{person}: сертификат обучения истекает {date}"),
                    format!("{person}: the training certificate ends on {date}"),
                )
            };
            let body = t(
                "Қайта оқуды тағайындаңыз (2.5.2).".into(),
                "Назначьте повторное обучение (2.5.2).".into(),
                "Have the rules learnt again (2.5.2).".into(),
            );
            (title, body, "training")
        }
        (NextAction::CompleteCorrectiveAction { outlet_name, .. }, _) => (
            t(
                format!("{outlet_name}: түзету шарасы {date} бастап ашық"),
                format!("{outlet_name}: корректирующая мера открыта с {date}"),
                format!("{outlet_name}: the corrective action is open since {date}"),
            ),
            t(
                "Қызметкерлерді 2.5.4 бойынша қайта оқытып, шараны аяқтаңыз (6.3).".into(),
                "Переобучите сотрудников по 2.5.4 и завершите меру (6.3).".into(),
                "Retrain the staff on 2.5.4 and complete the action (6.3).".into(),
            ),
            "fines",
        ),
        // `club::reminders::due` makes reminders of the steps above only.
        (_, _) => (
            t(
                format!("Келесі қадамның күні: {date}"),
                format!("Срок следующего шага: {date}"),
                format!("A next step is due on {date}"),
            ),
            String::new(),
            "status",
        ),
    };
    ReminderDto { key: r.key(), kind: r.kind, threshold: r.threshold, title, body, page: page.into() }
}
