//! The website check of the exit (5.1): fetches the seller's own pages — the listed addresses
//! and the links between them on the same site, up to a limit, with a pause between requests,
//! keeping out of what robots.txt disallows — and lists every club mark still there: the club's
//! name in its kk/ru/en spellings and transliterations in the text, in `alt`, `title` and
//! `aria-label`, in link targets and image file names, and the club's images themselves (the
//! badges Seller Desk made, the kit's files) by their SHA-256.
//!
//! The check runs without the desk; what it found is then kept with the checklist item.

use std::collections::{BTreeSet, HashSet, VecDeque};
use std::time::Duration;

use scraper::{Html, Node};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use url::Url;

/// How the check identifies itself to the seller's server and in robots.txt.
pub const USER_AGENT: &str = "SellerDesk";
const TIMEOUT: Duration = Duration::from_secs(15);
const PAGE_LIMIT_BYTES: u64 = 8 * 1024 * 1024;

/// The club's name as people write it: Latin, Kazakh and Russian spellings and
/// transliterations. Matched after [`normalize`], so spaces, case, hyphens and the script do
/// not matter.
const NAMES: [&str; 6] = [
    "Alatau City Club",
    "Алатау Сити Клаб",
    "Алатау Сити Клуб",
    "Алатау Сити Club",
    "Alatau Siti Klab",
    "Alatau City Klub",
];

/// One club mark found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub struct Finding {
    /// The page it is on.
    pub page: String,
    /// Where on the page: text, alt, title, aria_label, link, image_name, image.
    pub place: String,
    /// The spelling or image it matched.
    pub matched: String,
    /// The text, attribute, link or image address it was found in.
    pub excerpt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SiteReport {
    pub start: String,
    /// The pages read, in the order they were.
    pub pages: Vec<String>,
    /// Pages left alone because robots.txt disallows them.
    pub disallowed: Vec<String>,
    pub findings: Vec<Finding>,
    pub clean: bool,
}

pub struct CheckOptions {
    pub max_pages: usize,
    /// The pause between two requests to the site.
    pub delay: Duration,
    /// SHA-256 of the club's images (badges, the kit's files), with a name for the report.
    pub known_images: Vec<([u8; 32], String)>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions { max_pages: 50, delay: Duration::from_millis(500), known_images: Vec::new() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteCheckError {
    #[error("{0:?} is not a web address (http or https)")]
    BadAddress(String),
    #[error("{url} could not be read: {reason}")]
    Unreachable { url: String, reason: String },
}

impl From<SiteCheckError> for crate::ApiError {
    fn from(e: SiteCheckError) -> Self {
        let code = match e {
            SiteCheckError::BadAddress(_) => crate::ErrorCode::SiteCheckBadAddress,
            SiteCheckError::Unreachable { .. } => crate::ErrorCode::SiteCheckUnreachable,
        };
        crate::ApiError::new(code, e.to_string())
    }
}

/// Lower case, Cyrillic written in Latin letters, and nothing but letters and digits.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let latin = match c {
            'а' | 'ә' => "a",
            'б' => "b",
            'в' => "v",
            'г' | 'ғ' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' | 'і' => "i",
            'к' | 'қ' => "k",
            'л' => "l",
            'м' => "m",
            'н' | 'ң' => "n",
            'о' | 'ө' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ұ' | 'ү' => "u",
            'ф' => "f",
            'х' | 'һ' => "h",
            'ц' => "c",
            'ч' => "ch",
            'ш' | 'щ' => "sh",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ъ' | 'ь' => "",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => continue,
        };
        out.push_str(latin);
    }
    out
}

/// The club's name spellings, normalized, with one written form each.
fn names() -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for n in NAMES {
        let key = normalize(n);
        if !out.iter().any(|(k, _)| *k == key) {
            out.push((key, n));
        }
    }
    // "city" written as people hear it, in Latin letters: "siti", "sity".
    for extra in ["alatausityclub", "alatausiticlub", "alatausitiklub", "alataucityklab"] {
        if !out.iter().any(|(k, _)| k == extra) {
            out.push((extra.to_string(), "Alatau City Club"));
        }
    }
    out
}

/// The spelling of the club's name `text` carries, if any.
pub fn mentions(text: &str) -> Option<&'static str> {
    let norm = normalize(text);
    names().into_iter().find(|(key, _)| norm.contains(key.as_str())).map(|(_, name)| name)
}

fn excerpt(text: &str) -> String {
    let t: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > 120 {
        format!("{}…", t.chars().take(120).collect::<String>())
    } else {
        t
    }
}

/// A robots.txt rule: (allow, path prefix).
pub type Rule = (bool, String);
/// A robots.txt group: its user agents and its rules.
type Group = (Vec<String>, Vec<Rule>);

/// robots.txt rules for our user agent (or `*`).
pub fn robots_rules(text: &str) -> Vec<Rule> {
    let mut groups: Vec<Group> = Vec::new();
    let mut in_agents = false;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((key, value)) = line.split_once(':') else { continue };
        let (key, value) = (key.trim().to_ascii_lowercase(), value.trim().to_string());
        match key.as_str() {
            "user-agent" => {
                if !in_agents {
                    groups.push((Vec::new(), Vec::new()));
                }
                in_agents = true;
                if let Some(g) = groups.last_mut() {
                    g.0.push(value.to_ascii_lowercase());
                }
            }
            "allow" | "disallow" => {
                in_agents = false;
                if let Some(g) = groups.last_mut() {
                    if !value.is_empty() {
                        g.1.push((key == "allow", value));
                    }
                }
            }
            _ => {}
        }
    }
    let ours = USER_AGENT.to_ascii_lowercase();
    let specific = groups.iter().find(|g| g.0.iter().any(|a| ours.contains(a.as_str()) && a != "*"));
    let any = groups.iter().find(|g| g.0.iter().any(|a| a == "*"));
    specific.or(any).map(|g| g.1.clone()).unwrap_or_default()
}

/// Whether `path` may be fetched: the longest matching rule decides, Allow on a tie.
pub fn allowed(rules: &[(bool, String)], path: &str) -> bool {
    let mut best: Option<(usize, bool)> = None;
    for (allow, prefix) in rules {
        if path.starts_with(prefix.as_str()) {
            let better = match best {
                None => true,
                Some((len, was_allow)) => prefix.len() > len || (prefix.len() == len && *allow && !was_allow),
            };
            if better {
                best = Some((prefix.len(), *allow));
            }
        }
    }
    best.is_none_or(|(_, allow)| allow)
}

struct Fetcher {
    agent: ureq::Agent,
    delay: Duration,
    first: bool,
}

impl Fetcher {
    fn get(&mut self, url: &Url) -> Result<(String, Vec<u8>), String> {
        if !self.first {
            std::thread::sleep(self.delay);
        }
        self.first = false;
        let mut response =
            self.agent.get(url.as_str()).header("User-Agent", USER_AGENT).call().map_err(|e| e.to_string())?;
        let kind =
            response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_ascii_lowercase();
        let body =
            response.body_mut().with_config().limit(PAGE_LIMIT_BYTES).read_to_vec().map_err(|e| e.to_string())?;
        Ok((kind, body))
    }
}

fn same_site(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme() && a.host_str() == b.host_str() && a.port_or_known_default() == b.port_or_known_default()
}

/// What one HTML page says of the club, and where it leads.
pub struct PageScan {
    /// (place, the name matched, the text it was found in).
    pub found: Vec<(String, &'static str, String)>,
    pub links: Vec<Url>,
    pub images: Vec<Url>,
}

/// Reads one page as browsers read it (any bytes: broken HTML, another encoding read lossily):
/// the club's name in its text (not in scripts or styles), its attributes, its links and its
/// images' names, and the addresses it links to.
pub fn scan_page(url: &Url, body: &[u8]) -> PageScan {
    let html = Html::parse_document(&String::from_utf8_lossy(body));
    let mut scan = PageScan { found: Vec::new(), links: Vec::new(), images: Vec::new() };
    let mut found = |place: &str, matched: &'static str, text: &str| {
        scan.found.push((place.to_string(), matched, text.to_string()));
    };
    let mut links: Vec<Url> = Vec::new();
    let mut images: Vec<Url> = Vec::new();
    for node in html.tree.nodes() {
        match node.value() {
            Node::Text(text) => {
                let inside_code = node.ancestors().any(|a| {
                    a.value().as_element().is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript"))
                });
                if !inside_code {
                    if let Some(name) = mentions(text) {
                        found("text", name, text);
                    }
                }
            }
            Node::Element(e) => {
                for attr in ["alt", "title", "aria-label"] {
                    if let Some(value) = e.attr(attr) {
                        if let Some(name) = mentions(value) {
                            found(&attr.replace('-', "_"), name, value);
                        }
                    }
                }
                if e.name() == "a" {
                    if let Some(href) = e.attr("href") {
                        if let Some(name) = mentions(href) {
                            found("link", name, href);
                        }
                        if let Ok(target) = url.join(href) {
                            links.push(target);
                        }
                    }
                }
                if e.name() == "img" {
                    if let Some(src) = e.attr("src") {
                        let file = src.rsplit('/').next().unwrap_or(src);
                        if let Some(name) = mentions(file) {
                            found("image_name", name, src);
                        }
                        if let Ok(target) = url.join(src) {
                            images.push(target);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    scan.links = links;
    scan.images = images;
    scan
}

/// Checks the site from `start` (and the other listed addresses of the same site).
pub fn check_site(start: &[String], options: &CheckOptions) -> Result<SiteReport, SiteCheckError> {
    let first = start.first().ok_or_else(|| SiteCheckError::BadAddress(String::new()))?;
    let mut queue: VecDeque<Url> = VecDeque::new();
    for s in start {
        let url = Url::parse(s.trim()).map_err(|_| SiteCheckError::BadAddress(s.clone()))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(SiteCheckError::BadAddress(s.clone()));
        }
        queue.push_back(url);
    }
    let home = queue[0].clone();
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).build().into();
    let mut fetcher = Fetcher { agent, delay: options.delay, first: true };
    let mut robots_url = home.clone();
    robots_url.set_path("/robots.txt");
    robots_url.set_query(None);
    robots_url.set_fragment(None);
    let rules = match fetcher.get(&robots_url) {
        Ok((_, body)) => robots_rules(&String::from_utf8_lossy(&body)),
        Err(_) => Vec::new(),
    };
    let mut seen: HashSet<String> = queue.iter().map(|u| u.as_str().to_string()).collect();
    let mut images_seen: HashSet<String> = HashSet::new();
    let mut report = SiteReport {
        start: first.clone(),
        pages: Vec::new(),
        disallowed: Vec::new(),
        findings: Vec::new(),
        clean: true,
    };
    let mut findings: BTreeSet<Finding> = BTreeSet::new();
    while let Some(url) = queue.pop_front() {
        if report.pages.len() >= options.max_pages {
            break;
        }
        if !allowed(&rules, url.path()) {
            report.disallowed.push(url.to_string());
            continue;
        }
        let (kind, body) = match fetcher.get(&url) {
            Ok(got) => got,
            Err(reason) if report.pages.is_empty() => {
                return Err(SiteCheckError::Unreachable { url: url.to_string(), reason });
            }
            Err(_) => continue,
        };
        report.pages.push(url.to_string());
        if !kind.contains("html") {
            continue;
        }
        let page = url.to_string();
        let scanned = scan_page(&url, &body);
        let mut found = |place: &str, matched: &str, text: &str| {
            findings.insert(Finding {
                page: page.clone(),
                place: place.to_string(),
                matched: matched.to_string(),
                excerpt: excerpt(text),
            });
        };
        for (place, matched, text) in &scanned.found {
            found(place, matched, text);
        }
        let (links, images) = (scanned.links, scanned.images);
        // The club's own images, recognised by their bytes whatever their name.
        if !options.known_images.is_empty() {
            for image in images {
                if !matches!(image.scheme(), "http" | "https") || !images_seen.insert(image.to_string()) {
                    continue;
                }
                if let Ok((_, bytes)) = fetcher.get(&image) {
                    let digest: [u8; 32] = Sha256::digest(&bytes).into();
                    if let Some((_, name)) = options.known_images.iter().find(|(h, _)| *h == digest) {
                        found("image", name, image.as_str());
                    }
                }
            }
        }
        for mut link in links {
            link.set_fragment(None);
            if same_site(&home, &link) && seen.insert(link.to_string()) {
                queue.push_back(link);
            }
        }
    }
    report.findings = findings.into_iter().collect();
    report.clean = report.findings.is_empty();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clubs_name_is_found_in_every_script_and_spelling_but_the_bank_is_not_the_club() {
        for text in [
            "Мы принимаем Alatau City Club!",
            "ALATAU-CITY-CLUB",
            "alataucityclub",
            "Біз Алатау Сити Клаб қабылдаймыз",
            "Алатау Сити Клуб",
            "alatau_siti_klab.png",
            "/promo/alatau-sity-club",
        ] {
            assert!(mentions(text).is_some(), "{text}");
        }
        for text in ["Alatau City Bank", "Алатау", "City Club Almaty", "Алатау Сити Банк"] {
            assert_eq!(mentions(text), None, "{text}");
        }
    }

    #[test]
    fn robots_rules_for_us_or_everyone_longest_match_wins() {
        let rules = robots_rules(
            "User-agent: Googlebot\nDisallow: /\n\nUser-agent: *\nDisallow: /private\nAllow: /private/open\n# note\nDisallow:\n",
        );
        assert!(allowed(&rules, "/"));
        assert!(!allowed(&rules, "/private/x"));
        assert!(allowed(&rules, "/private/open/page"));
        let ours = robots_rules("User-agent: *\nDisallow: /\n\nUser-agent: SellerDesk\nDisallow: /cart\n");
        assert!(allowed(&ours, "/about") && !allowed(&ours, "/cart/1"), "our own group wins over *");
        assert!(allowed(&robots_rules(""), "/anything"));
    }
}
