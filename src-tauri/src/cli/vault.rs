//! The data's key on the command line: the passphrase asked where the data needs one, the
//! recovery code read by `recover`, the recovery sheet written by `recovery-sheet`.

use std::io::BufRead;
use std::path::Path;

use desk::vault::{Unlock, PASSPHRASE_ENV};
use desk::{ApiError, Desk, ErrorCode, SystemClock};
use zeroize::Zeroizing;

use super::words::{self, say};

/// Asks a secret on the terminal without echo; `None` where there is no terminal.
fn ask(prompt: String) -> Option<Zeroizing<String>> {
    rpassword::prompt_password(prompt).ok().map(Zeroizing::new)
}

/// A new passphrase, typed twice on the terminal.
fn ask_new_passphrase() -> Option<Result<Unlock, ApiError>> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    eprintln!(
        "{}",
        say!(
            "Бұл компьютерде жүйелік құпиясөз қоймасы жоқ: деректерді құпия фразамен қорғаңыз (кемінде 12 таңба).",
            "На этом компьютере нет системного хранилища паролей: защитите данные парольной фразой (не короче 12 символов).",
            "This computer has no system keyring: protect the data with a passphrase (12 characters or more)."
        )
    );
    let first = ask(say!("Жаңа құпия фраза: ", "Новая парольная фраза: ", "New passphrase: "))?;
    let again = ask(say!("Құпия фраза тағы бір рет: ", "Парольная фраза ещё раз: ", "The passphrase again: "))?;
    if first.as_str() != again.as_str() {
        return Some(Err(ApiError::new(ErrorCode::VaultPassphrasesDiffer, "the two passphrases differ")));
    }
    Some(Ok(Unlock::Passphrase(first)))
}

/// Opens the data folder's desk: the key from the keyring, or the passphrase from
/// SELLER_DESK_PASSPHRASE, else asked on the terminal when the data needs one (or, for new data
/// on a computer without a keyring, chosen there).
pub(super) fn open(dir: &Path) -> Result<Desk, ApiError> {
    match Desk::open_with(dir, SystemClock, Unlock::from_env()) {
        Err(e) if e.code == ErrorCode::VaultPassphraseNeeded => {
            let Some(p) =
                ask(say!("Деректердің құпия фразасы: ", "Парольная фраза данных: ", "The data's passphrase: "))
            else {
                return Err(ApiError::new(e.code, format!("{}; give it in {PASSPHRASE_ENV}", e.message)));
            };
            Desk::open_with(dir, SystemClock, Unlock::Passphrase(p))
        }
        Err(e) if e.code == ErrorCode::VaultNoKeyring => match ask_new_passphrase() {
            Some(unlock) => Desk::open_with(dir, SystemClock, unlock?),
            None => Err(ApiError::new(e.code, format!("{}; give a passphrase in {PASSPHRASE_ENV}", e.message))),
        },
        other => other,
    }
}

/// `seller-desk recover`: the code from the terminal or standard input; the key kept again.
pub(super) fn recover() -> i32 {
    let result = (|| -> Result<desk::vault::Custody, ApiError> {
        let dir = desk::data_dir()?;
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            eprint!("{}", say!("Қалпына келтіру коды: ", "Код восстановления: ", "Recovery code: "));
        }
        let mut line = Zeroizing::new(String::new());
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| ApiError::new(ErrorCode::FileNotRead, format!("the code could not be read: {e}")))?;
        let code = Zeroizing::new(line.trim().to_string());
        let passphrase = std::env::var(PASSPHRASE_ENV).ok().filter(|p| !p.is_empty()).map(Zeroizing::new);
        let first = Desk::open_with(&dir, SystemClock, Unlock::Recover { code: code.clone(), passphrase });
        let desk = match first {
            Err(e) if e.code == ErrorCode::VaultNoKeyring => match ask_new_passphrase() {
                Some(Ok(Unlock::Passphrase(p))) => {
                    Desk::open_with(&dir, SystemClock, Unlock::Recover { code, passphrase: Some(p) })?
                }
                Some(Err(e)) => return Err(e),
                _ => {
                    return Err(ApiError::new(e.code, format!("{}; give a passphrase in {PASSPHRASE_ENV}", e.message)))
                }
            },
            other => other?,
        };
        if !words::chosen() {
            words::set(desk.language().unwrap_or_default());
        }
        desk.custody()
    })();
    match result {
        Ok(custody) => {
            println!(
                "{}",
                say!(
                    "Деректер қалпына келтіру кодымен ашылды.",
                    "Данные открыты кодом восстановления.",
                    "The data opened with the recovery code."
                )
            );
            println!(
                "{}",
                match custody {
                    desk::vault::Custody::Keyring => say!(
                        "Оның кілті енді осы компьютердің жүйелік құпиясөз қоймасында сақталады.",
                        "Его ключ теперь хранится в системном хранилище паролей этого компьютера.",
                        "Its key is now kept in this computer's system keyring."
                    ),
                    desk::vault::Custody::Passphrase => say!(
                        "Оның кілті енді жаңа құпия фразамен қорғалған.",
                        "Его ключ теперь защищён новой парольной фразой.",
                        "Its key is now protected by the new passphrase."
                    ),
                }
            );
            0
        }
        Err(e) => {
            eprintln!("{}", words::error_lines(&e));
            1
        }
    }
}

/// `seller-desk recovery-sheet --out FILE`.
pub(super) fn sheet(desk: &mut Desk, out: &Path) -> Result<(), ApiError> {
    let (pdf, _) = desk.recovery_sheet(words::lang())?;
    desk::statements::save(out, &pdf)?;
    let path = out.display();
    println!(
        "{}",
        say!(
            "Қалпына келтіру парағы {path} файлына жазылды. Оны басып шығарып, маңызды құжаттармен бірге сақтаңыз.",
            "Лист восстановления записан в {path}. Распечатайте его и храните вместе с важными документами.",
            "The recovery sheet was written to {path}. Print it and keep it with the shop's important papers."
        )
    );
    Ok(())
}
