//! A test certificate authority and a TLS server on 127.0.0.1 (its certificate also names
//! `sso.test`, a host only the CONNECT proxy of `network.rs` can reach), whose only key
//! exchange is X25519MLKEM768.

use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::TlsAcceptor;

pub struct TlsServer {
    pub port: u16,
    /// The test CA, PEM: what a corporate CA bundle looks like.
    pub ca_pem: String,
}

/// Starts an HTTPS server that answers every request with `body` as JSON.
pub async fn tls_server(body: &'static str) -> TlsServer {
    let ca_key = KeyPair::generate().unwrap();
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "openapi-client-gen test CA");
    let ca = ca.self_signed(&ca_key).unwrap();
    let key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["127.0.0.1".into(), "sso.test".into()]).unwrap();
    let leaf = leaf.signed_by(&key, &ca, &ca_key).unwrap();

    // The server speaks only the post-quantum hybrid key exchange, so every handshake the
    // tests make proves the client's default provider (aws-lc-rs) offers X25519MLKEM768: with
    // ring's provider (no post-quantum key exchange) they would fail.
    let provider = Arc::new(rustls::crypto::CryptoProvider {
        kx_groups: vec![rustls::crypto::aws_lc_rs::kx_group::X25519MLKEM768],
        ..rustls::crypto::aws_lc_rs::default_provider()
    });
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(leaf.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                // A client that does not trust the CA aborts the handshake: nothing to serve.
                let Ok(tls) = acceptor.accept(stream).await else {
                    return;
                };
                let mut tls = BufReader::new(tls);
                let mut line = String::new();
                // Read the request head (GET: no body), then answer and close.
                loop {
                    line.clear();
                    match tls.read_line(&mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) if line == "\r\n" => break,
                        Ok(_) => {}
                    }
                }
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = tls.get_mut().write_all(response.as_bytes()).await;
                let _ = tls.get_mut().shutdown().await;
            });
        }
    });
    TlsServer {
        port,
        ca_pem: ca.pem(),
    }
}
