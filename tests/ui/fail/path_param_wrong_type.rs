// A path parameter is text: an integer id is a type error, not a request to a wrong URL.
fn main() {
    let client = sendgrid_sso::Client::new("SG.key").unwrap();
    drop(client.get_sso_certificate(66138975));
}
