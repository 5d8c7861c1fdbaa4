// A request model built without one of its required properties does not compile.
use sendgrid_sso::models::PostPatchIntegrationRequest;

fn main() {
    let _request = PostPatchIntegrationRequest {
        name: "Okta".to_string(),
        enabled: true,
        signin_url: "https://idp.example.com/sso".to_string(),
        signout_url: "https://idp.example.com/logout".to_string(),
        completed_integration: None,
    };
}
