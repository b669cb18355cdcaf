//! The certificates a desk trusts for its own mail server, in addition to the public
//! roots: an organisation's in-house server may have a certificate from a private CA, or
//! a self-signed one. The desk names a PEM file (`imap.ca_file`); every certificate in it
//! is trusted as a root. The file is checked when the setting is saved and read again at
//! each connection, so a file moved away since is said as such.

use std::path::Path;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

/// Why the trusted-certificate file cannot be used; the text says what to do.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CaFileError {
    #[error("証明書ファイル「{0}」が見つかりません。ファイルの場所を確かめてください")]
    Missing(String),
    #[error("証明書ファイル「{path}」を読めません（{reason}）")]
    Unreadable { path: String, reason: String },
    #[error(
        "証明書ファイル「{0}」に証明書がありません。「-----BEGIN CERTIFICATE-----」で始まる PEM 形式のファイルを指定してください"
    )]
    NoCertificate(String),
    #[error("証明書ファイル「{path}」の証明書を使えません（{reason}）")]
    BadCertificate { path: String, reason: String },
}

/// The certificates in the PEM file at `path` (at least one), each usable as a root.
pub fn trusted_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, CaFileError> {
    let shown = path.display().to_string();
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Err(CaFileError::Missing(shown)),
        Err(err) => return Err(CaFileError::Unreadable { path: shown, reason: crate::store::io_reason(&err) }),
    };
    let certificates: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(&bytes)
            .collect::<Result<_, _>>()
            .map_err(|err| CaFileError::BadCertificate { path: shown.clone(), reason: err.to_string() })?;
    if certificates.is_empty() {
        return Err(CaFileError::NoCertificate(shown));
    }
    // Each must be a certificate rustls can take as a trust anchor.
    let mut roots = rustls::RootCertStore::empty();
    for certificate in &certificates {
        roots
            .add(certificate.clone())
            .map_err(|err| CaFileError::BadCertificate { path: shown.clone(), reason: err.to_string() })?;
    }
    Ok(certificates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_said_to_be_missing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = trusted_certificates(&dir.path().join("none.pem")).expect_err("missing");
        assert!(matches!(err, CaFileError::Missing(_)), "{err:?}");
        assert!(err.to_string().contains("見つかりません"), "{err}");
    }

    #[test]
    fn a_file_without_a_certificate_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "社内サーバーのメモ\n").expect("write");
        assert!(matches!(trusted_certificates(&path), Err(CaFileError::NoCertificate(_))));
        let key_only = dir.path().join("key.pem");
        std::fs::write(&key_only, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").expect("write");
        assert!(matches!(trusted_certificates(&key_only), Err(CaFileError::NoCertificate(_))));
    }

    #[test]
    fn a_folder_named_as_the_file_cannot_be_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = trusted_certificates(dir.path()).expect_err("a folder");
        assert!(matches!(err, CaFileError::Unreadable { .. }), "{err:?}");
    }
}
