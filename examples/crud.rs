//! The SSO CRUD flow with `sendgrid-sso`: integrations, then certificates, then clean-up.
//!
//! ```sh
//! SENDGRID_API_KEY=SG.xxx cargo run --example crud
//! # against the Prism mock of spec/ (any key works there):
//! scripts/prism.sh start
//! SENDGRID_API_KEY=test SENDGRID_BASE_URL=http://127.0.0.1:4010 cargo run --example crud
//! ```
//!
//! Against the real API this creates a disabled integration and deletes it at the end.

use std::process::ExitCode;
use std::time::Duration;

use sendgrid_sso::models::{
    CreateSsoCertificateRequest, PostPatchIntegrationRequest, SsoCertificateBody, SsoIntegration,
    UpdateSsoCertificateRequest,
};
use sendgrid_sso::{Client, Error};

const CERTIFICATE: &str = "-----BEGIN CERTIFICATE-----\n\
    MIIC8DCCAdigAwIBAgIQf1c6rZ0cNkylGCsqn7E1XDANBgkqhkiG9w0BAQsFADA0\n\
    -----END CERTIFICATE-----";

/// A step failed; its error has been printed.
struct Failed;

#[tokio::main]
async fn main() -> ExitCode {
    let Ok(api_key) = std::env::var("SENDGRID_API_KEY") else {
        eprintln!(
            "Set SENDGRID_API_KEY (and optionally SENDGRID_BASE_URL, e.g. http://127.0.0.1:4010)."
        );
        return ExitCode::from(2);
    };
    let mut builder = Client::builder(api_key).timeout(Duration::from_secs(30));
    if let Ok(base_url) = std::env::var("SENDGRID_BASE_URL") {
        builder = builder.base_url(base_url);
    }
    let client = match builder.build() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("Cannot build the client: {e}");
            return ExitCode::from(2);
        }
    };
    println!("Using {}", client.base_url());
    match run(&client).await {
        Ok(()) => {
            println!("Done.");
            ExitCode::SUCCESS
        }
        Err(Failed) => ExitCode::FAILURE,
    }
}

async fn run(client: &Client) -> Result<(), Failed> {
    let request = PostPatchIntegrationRequest::new(
        "Example IdP (sendgrid-sso example)",
        false,
        "https://idp.example.com/sso/saml",
        "https://idp.example.com/slo/saml",
        "https://idp.example.com/entity",
    );
    let created = step(
        "create integration",
        client.create_sso_integration(&request).await,
    )?;
    print_integration(&created);
    let Some(id) = created.id.clone() else {
        println!("  the response has no id; cannot go on");
        return Err(Failed);
    };

    let result = with_integration(client, &id, &request).await;
    // Clean up even when a step in between failed.
    let deleted = step(
        "delete integration",
        client.delete_sso_integration(&id).await,
    );
    if deleted.is_ok() {
        println!("  deleted integration {id}");
    }
    result.and(deleted)
}

async fn with_integration(
    client: &Client,
    id: &str,
    request: &PostPatchIntegrationRequest,
) -> Result<(), Failed> {
    let all = step(
        "list integrations",
        client.list_sso_integration().si(true).await,
    )?;
    println!("  {} integration(s)", all.len());
    for integration in &all {
        print_integration(integration);
    }

    let fetched = step(
        "get integration",
        client.get_sso_integration(id).si(true).await,
    )?;
    print_integration(&fetched);

    let mut update = request.clone();
    update.name = "Example IdP (renamed)".into();
    update.completed_integration = Some(false);
    let updated = step(
        "update integration",
        client.update_sso_integration(id, &update).await,
    )?;
    print_integration(&updated);

    let mut new_certificate = CreateSsoCertificateRequest::new(CERTIFICATE, id);
    new_certificate.enabled = Some(false);
    let certificate = step(
        "create certificate",
        client.create_sso_certificate(&new_certificate).await,
    )?;
    print_certificate(&certificate);
    let Some(cert_id) = certificate.id.as_ref().map(ToString::to_string) else {
        println!("  the response has no certificate id; skipping the certificate steps");
        return Err(Failed);
    };

    let certificates = step(
        "list certificates",
        client.list_sso_integration_certificate(id).await,
    )?;
    println!("  {} certificate(s)", certificates.len());
    for certificate in &certificates {
        print_certificate(certificate);
    }

    let fetched = step(
        "get certificate",
        client.get_sso_certificate(&cert_id).await,
    )?;
    print_certificate(&fetched);

    let change = UpdateSsoCertificateRequest {
        enabled: Some(true),
        ..Default::default()
    };
    let updated = step(
        "update certificate",
        client.update_sso_certificate(&cert_id, &change).await,
    )?;
    print_certificate(&updated);

    let deleted = step(
        "delete certificate",
        client.delete_sso_certificate(&cert_id).await,
    )?;
    print_certificate(&deleted);
    Ok(())
}

/// Prints the step's name, and its error if it failed.
fn step<T>(name: &str, result: Result<T, Error>) -> Result<T, Failed> {
    match result {
        Ok(value) => {
            println!("ok   {name}");
            Ok(value)
        }
        Err(error) => {
            println!("FAIL {name}");
            print_error(&error);
            Err(Failed)
        }
    }
}

fn print_error(error: &Error) {
    match error {
        Error::Api(api) => {
            println!("  the API refused: HTTP {}", api.status());
            match api.parsed() {
                Some(items) if !items.is_empty() => {
                    for item in items {
                        let message = item.message.as_deref().unwrap_or("(no message)");
                        match &item.field {
                            Some(field) => println!("  - {message} (field `{field}`)"),
                            None => println!("  - {message}"),
                        }
                    }
                }
                // The body did not have the declared shape: show it as is.
                _ => println!("  body: {}", api.body_text()),
            }
        }
        Error::UnexpectedStatus(api) => {
            println!("  unexpected HTTP {}: {}", api.status(), api.body_text());
        }
        Error::Decode(decode) => println!(
            "  HTTP {} but the body did not decode ({}): {}",
            decode.status(),
            decode.json_error(),
            decode.body_text()
        ),
        Error::Timeout(after) => println!("  no complete answer within {after:?}"),
        Error::Transport(transport) => {
            // The causes say why: refused, DNS, TLS, reset...
            let mut line = transport.to_string();
            let mut cause = std::error::Error::source(transport);
            while let Some(inner) = cause {
                line.push_str(&format!(": {inner}"));
                cause = inner.source();
            }
            println!("  {line}");
        }
        Error::InvalidRequest(message) => println!("  not sent: {message}"),
        // `Error` is non-exhaustive: later versions may add cases.
        other => println!("  {other}"),
    }
}

fn print_integration(integration: &SsoIntegration) {
    println!(
        "  integration {:?} id={} enabled={} completed={} last_updated={}",
        integration.name,
        integration.id.as_deref().unwrap_or("-"),
        integration.enabled,
        integration
            .completed_integration
            .map_or_else(|| "-".to_owned(), |c| c.to_string()),
        integration.last_updated,
    );
}

fn print_certificate(certificate: &SsoCertificateBody) {
    let number = |n: &Option<sendgrid_sso::serde_json::Number>| {
        n.as_ref()
            .map_or_else(|| "-".to_owned(), ToString::to_string)
    };
    println!(
        "  certificate id={} integration={} valid {} .. {}",
        number(&certificate.id),
        certificate.intergration_id.as_deref().unwrap_or("-"),
        number(&certificate.not_before),
        number(&certificate.not_after),
    );
}
