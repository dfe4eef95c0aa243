//! The trust store (certificates and CRLs) and the document archive with its signatures.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::{Db, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustCertRow {
    pub id: i64,
    pub role: String,
    pub subject: String,
    pub der: Vec<u8>,
    pub added_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    pub id: i64,
    pub title: String,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub size: i64,
    pub added_on: String,
    pub version_of: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureRow {
    pub id: i64,
    pub document_id: i64,
    pub attached: bool,
    pub signer: String,
    pub iin: Option<String>,
    pub bin: Option<String>,
    pub signing_time: Option<String>,
    pub outcome: String,
    pub added_on: String,
    /// The CMS signature itself (what the signer's algorithm is read from).
    pub cms: Vec<u8>,
}

/// A signature to keep with a document.
pub struct NewSignature<'a> {
    pub document_id: i64,
    pub cms: &'a [u8],
    pub attached: bool,
    pub signer: &'a str,
    pub iin: Option<&'a str>,
    pub bin: Option<&'a str>,
    pub signing_time: Option<String>,
    pub outcome: &'a str,
    pub added_on: NaiveDate,
}

/// An OCSP answer to keep.
pub struct NewOcspAnswer<'a> {
    pub document_id: Option<i64>,
    pub holder: &'a str,
    /// good, revoked or unknown.
    pub status: &'a str,
    pub responder: &'a str,
    pub produced_at: &'a str,
    pub der: &'a [u8],
    pub fetched_at: &'a str,
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

impl Db<'_> {
    /// Adds a trusted certificate; one already there is kept as it is (its id is returned).
    pub fn add_trust_cert(&self, role: &str, subject: &str, der: &[u8], on: NaiveDate) -> Result<i64, StoreError> {
        if let Some(id) =
            self.conn.query_row("SELECT id FROM trust_cert WHERE der = ?1", [der], |r| r.get(0)).optional()?
        {
            return Ok(id);
        }
        self.conn.execute(
            "INSERT INTO trust_cert (role, subject, der, added_on) VALUES (?1, ?2, ?3, ?4)",
            params![role, subject, der, on.to_string()],
        )?;
        let id = self.conn.last_insert_rowid();
        self.audit(
            "trust_cert",
            id,
            "insert",
            None,
            Some(&json!({"role": role, "subject": subject, "sha256": hex(der)})),
        )?;
        Ok(id)
    }

    pub fn trust_certs(&self) -> Result<Vec<TrustCertRow>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT id, role, subject, der, added_on FROM trust_cert ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok(TrustCertRow { id: r.get(0)?, role: r.get(1)?, subject: r.get(2)?, der: r.get(3)?, added_on: r.get(4)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn add_trust_crl(&self, issuer: &str, der: &[u8], on: NaiveDate) -> Result<i64, StoreError> {
        if let Some(id) =
            self.conn.query_row("SELECT id FROM trust_crl WHERE der = ?1", [der], |r| r.get(0)).optional()?
        {
            return Ok(id);
        }
        self.conn.execute(
            "INSERT INTO trust_crl (issuer, der, added_on) VALUES (?1, ?2, ?3)",
            params![issuer, der, on.to_string()],
        )?;
        let id = self.conn.last_insert_rowid();
        self.audit("trust_crl", id, "insert", None, Some(&json!({"issuer": issuer, "sha256": hex(der)})))?;
        Ok(id)
    }

    pub fn trust_crls(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT der FROM trust_crl ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Keeps an OCSP answer (checked by the caller) with the document it is about; an answer
    /// kept already is not kept twice.
    pub fn add_ocsp_answer(&self, a: &NewOcspAnswer<'_>) -> Result<i64, StoreError> {
        if let Some(id) =
            self.conn.query_row("SELECT id FROM ocsp_answer WHERE der = ?1", [a.der], |r| r.get(0)).optional()?
        {
            return Ok(id);
        }
        self.conn.execute(
            "INSERT INTO ocsp_answer (document_id, holder, status, responder, produced_at, der, fetched_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![a.document_id, a.holder, a.status, a.responder, a.produced_at, a.der, a.fetched_at],
        )?;
        let id = self.conn.last_insert_rowid();
        self.audit(
            "ocsp_answer",
            id,
            "insert",
            None,
            Some(&json!({"document_id": a.document_id, "holder": a.holder, "status": a.status,
                "responder": a.responder, "produced_at": a.produced_at, "sha256": hex(a.der)})),
        )?;
        Ok(id)
    }

    /// Every OCSP answer kept (DER), oldest first.
    pub fn ocsp_answers(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        let mut stmt = self.conn.prepare("SELECT der FROM ocsp_answer ORDER BY id")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn insert_document(
        &self,
        title: &str,
        kind: &str,
        file_name: &str,
        bytes: &[u8],
        on: NaiveDate,
        version_of: Option<i64>,
    ) -> Result<i64, StoreError> {
        let sha256 = hex(bytes);
        self.conn.execute(
            "INSERT INTO document (title, kind, file_name, sha256, bytes, added_on, version_of) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![title, kind, file_name, sha256, bytes, on.to_string(), version_of],
        )?;
        let id = self.conn.last_insert_rowid();
        let after =
            json!({"title": title, "kind": kind, "file_name": file_name, "sha256": sha256, "version_of": version_of});
        self.audit("document", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    /// The archived document with exactly these bytes, if any (the newest).
    pub fn document_by_content(&self, bytes: &[u8]) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT id FROM document WHERE sha256 = ?1 ORDER BY id DESC LIMIT 1", [hex(bytes)], |r| r.get(0))
            .optional()?)
    }

    pub fn documents(&self) -> Result<Vec<DocumentRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, title, kind, file_name, sha256, length(bytes), added_on, version_of FROM document ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DocumentRow {
                id: r.get(0)?,
                title: r.get(1)?,
                kind: r.get(2)?,
                file_name: r.get(3)?,
                sha256: r.get(4)?,
                size: r.get(5)?,
                added_on: r.get(6)?,
                version_of: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn document_bytes(&self, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(self.conn.query_row("SELECT bytes FROM document WHERE id = ?1", [id], |r| r.get(0)).optional()?)
    }

    pub fn insert_signature(&self, s: &NewSignature<'_>) -> Result<i64, StoreError> {
        self.conn.execute(
            "INSERT INTO document_signature (document_id, cms, attached, signer, iin, bin, signing_time, outcome, added_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                s.document_id,
                s.cms,
                s.attached,
                s.signer,
                s.iin,
                s.bin,
                s.signing_time,
                s.outcome,
                s.added_on.to_string()
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        let after = json!({"document_id": s.document_id, "signer": s.signer, "iin": s.iin, "bin": s.bin,
                           "signing_time": s.signing_time, "outcome": s.outcome, "sha256": hex(s.cms)});
        self.audit("document_signature", id, "insert", None, Some(&after))?;
        Ok(id)
    }

    /// Whether the archive already holds this content with this signature.
    pub fn archived_with(&self, bytes: &[u8], cms: &[u8]) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .prepare(
                "SELECT 1 FROM document d JOIN document_signature s ON s.document_id = d.id WHERE d.sha256 = ?1 AND s.cms = ?2",
            )?
            .exists(params![hex(bytes), cms])?)
    }

    /// The latest signature of a document: its CMS bytes and whether the content is inside.
    pub fn signature_cms(&self, document_id: i64) -> Result<Option<(Vec<u8>, bool)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT cms, attached FROM document_signature WHERE document_id = ?1 ORDER BY id DESC LIMIT 1",
                [document_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    pub fn signatures(&self, document_id: i64) -> Result<Vec<SignatureRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, document_id, attached, signer, iin, bin, signing_time, outcome, added_on, cms
             FROM document_signature WHERE document_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([document_id], |r| {
            Ok(SignatureRow {
                id: r.get(0)?,
                document_id: r.get(1)?,
                attached: r.get(2)?,
                signer: r.get(3)?,
                iin: r.get(4)?,
                bin: r.get(5)?,
                signing_time: r.get(6)?,
                outcome: r.get(7)?,
                added_on: r.get(8)?,
                cms: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
