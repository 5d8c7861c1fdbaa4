//! The README's usage snippet, verbatim between the markers (tests/trybuild.rs checks that).
#![deny(warnings)]

// README begin
use sendgrid_sso::models::PostPatchIntegrationRequest;
use sendgrid_sso::{Client, Error, Region};

async fn sso(api_key: String) -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::builder(api_key).region(Region::Global).build()?;

    // Required properties are constructor arguments; optional ones are `Option` fields.
    let mut request = PostPatchIntegrationRequest::new(
        "Okta",
        true,
        "https://idp.example.com/sso/saml",
        "https://idp.example.com/logout",
        "http://www.okta.com/exk1234",
    );
    request.completed_integration = Some(false);
    let created = client.create_sso_integration(&request).await?;

    // Optional query parameters are setters; `.await` sends the request.
    for integration in client.list_sso_integration().si(true).await? {
        println!("{} (enabled: {})", integration.name, integration.enabled);
    }

    // Declared error statuses come back as `Error::Api`, with the parsed error body.
    let id = created.id.unwrap_or_default();
    match client.get_sso_integration(&id).await {
        Ok(integration) => println!("found {}", integration.name),
        Err(Error::Api(error)) => {
            for item in error.parsed().into_iter().flatten() {
                eprintln!("{}: {:?}", error.status(), item.message);
            }
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
// README end

fn main() {
    // Only type-checked: the future is never polled, so nothing is sent.
    drop(sso(String::new()));
}
