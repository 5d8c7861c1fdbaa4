// A query parameter setter takes the spec's type (`si` is a boolean).
fn main() {
    let client = sendgrid_sso::Client::new("SG.key").unwrap();
    drop(client.list_sso_integration().si("true"));
}
