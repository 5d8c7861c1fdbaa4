//! The usage sketch of DESIGN.md ("The generated crate"), verbatim inside a function.
#![deny(warnings)]

use sendgrid_sso::models::PostPatchIntegrationRequest;

async fn sketch(
    api_key: &str,
    request: PostPatchIntegrationRequest,
) -> Result<(), Box<dyn std::error::Error>> {
    // --- DESIGN.md ---
    let client = sendgrid_sso::Client::builder(api_key)
        .region(sendgrid_sso::Region::Eu)         // servers from the spec; Global by default
        .timeout(std::time::Duration::from_secs(30))
        .build()?;
    let local = sendgrid_sso::Client::builder(api_key).base_url("http://127.0.0.1:4010").build()?;
    let created = client.create_sso_integration(&request).await?;           // required inputs are arguments
    let all = client.list_sso_integration().si(true).await?;                // optional ones are setters
    client.delete_sso_integration(&created.id.unwrap()).await?;
    // --- end ---
    assert_eq!(local.base_url(), "http://127.0.0.1:4010");
    assert!(all.iter().all(|i| !i.name.is_empty()));
    Ok(())
}

fn main() {
    let request = PostPatchIntegrationRequest::new("Okta", true, "https://a", "https://b", "c");
    // Only type-checked: the future is never polled, so nothing is sent.
    drop(sketch("SG.key", request));
}
