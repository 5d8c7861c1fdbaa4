// An optional response property is an `Option`: using it as the plain value does not compile.
async fn first_id(client: &sendgrid_sso::Client) -> Result<String, sendgrid_sso::Error> {
    let created = client.get_sso_integration("b0b98502").await?;
    let id: String = created.id;
    Ok(id)
}

fn main() {
    let client = sendgrid_sso::Client::new("SG.key").unwrap();
    drop(first_id(&client));
}
