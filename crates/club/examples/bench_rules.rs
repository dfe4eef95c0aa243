//! `cargo xtask bench`: parsing two versions of the full rules and diffing them, clause by
//! clause and word by word, timed on a release build. Target: at most 50 ms.

use std::time::{Duration, Instant};

use club::rules::{diff, parse, RULES_KK};

/// A later version as the platform would publish it: a notice period changed, a clause added,
/// one removed and the rest of its list renumbered, a line wrapped elsewhere, an editorial fix.
fn later_version() -> String {
    let start = RULES_KK.find("2.6.2. ").expect("2.6.2");
    let end = RULES_KK.find("2.6.3. ").expect("2.6.3");
    format!("{}{}", &RULES_KK[..start], &RULES_KK[end..])
        .replace("2.6.3. ", "2.6.2. ")
        .replace("2.6.4. ", "2.6.3. ")
        .replace("2.6.5. ", "2.6.4. ")
        .replace("күнтізбелік 10 (он) күн бұрын", "күнтізбелік 14 (он төрт) күн бұрын")
        .replace("3. Төлем құралы", "2.6.5. Клиенттен төлем құралының PIN-кодын сұрауға.\n\n3. Төлем құралы")
        .replace("егер Клиент Банк шығарған", "егер Клиент\nБанк шығарған")
        .replace("2.6. Сатушыға тыйым салынады:", "2.6. Сатушыға  тыйым салынады")
}

fn main() {
    let later = later_version();
    let runs = 21;
    let mut times: Vec<Duration> = Vec::new();
    let mut changed = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let old = parse(RULES_KK).expect("the shipped rules parse");
        let new = parse(&later).expect("the later version parses");
        let changes = diff(&old, &new);
        times.push(start.elapsed());
        changed = changes.iter().filter(|c| c.substantive()).count();
    }
    times.sort();
    let median = times[runs / 2];
    let target = Duration::from_millis(50);
    println!(
        "rules: two versions parsed and diffed: median {:.2} ms over {runs} runs, {changed} substantive changes (target ≤ {} ms)",
        median.as_secs_f64() * 1000.0,
        target.as_millis()
    );
    // 2.6.2 removed, 2.6.3–2.6.5 renumbered, 4.4 changed, a new 2.6.5.
    assert_eq!(changed, 6, "the later version's changes were not all found");
    if median > target {
        eprintln!("rules: over the target of {} ms", target.as_millis());
        std::process::exit(1);
    }
}
