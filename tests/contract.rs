//! Contract tests: all 12 operations of the generated client against Prism serving `spec/`.
//!
//! Prism validates every request against the spec (it reports violations in an `sl-violations`
//! response header) and answers with the spec's examples, so these tests prove that the client
//! and the spec agree, independently of our own test server.
//!
//! Where Prism comes from, in order:
//! 1. `PRISM_URL` (`.ci/run` starts one with `scripts/prism.sh`);
//! 2. `node_modules/.bin/prism` (installed by `npm ci`, which these tests run themselves when it
//!    is missing and npm is there): the first test starts one on a free port, all tests share
//!    it, and it is stopped when the test process exits;
//! 3. neither: every test skips with a message, except under `CI=true`, where that fails.
#![cfg(unix)] // process groups and signals stop the Prism these tests start

use sendgrid_sso::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use sendgrid_sso::models::{
    CreateSsoCertificateRequest, PermissionType, Persona, PostPatchIntegrationRequest,
    PostSsoTeammatesRequest, SsoTeammatesBaseRequestProps,
    SsoTeammatesBaseRequestPropsSubuserAccessItem, UpdateSsoCertificateRequest,
};
use sendgrid_sso::{Client, Error, RetryPolicy};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

const OPERATIONS: [&str; 12] = [
    "list_sso_integration",
    "create_sso_integration",
    "get_sso_integration",
    "update_sso_integration",
    "delete_sso_integration",
    "list_sso_integration_certificate",
    "create_sso_certificate",
    "get_sso_certificate",
    "update_sso_certificate",
    "delete_sso_certificate",
    "create_sso_teammate",
    "update_sso_teammate",
];

const INTEGRATION_ID: &str = "b0b98502-9408-4b24-9e3d-31ed7cb15312";
const CERT_ID: &str = "66138975";
const TEAMMATE: &str = "jane.doe@example.com";

// ---- the operations ----------------------------------------------------------------------

/// Sends one operation with valid inputs; keeps status and headers of the response.
async fn call(client: &Client, operation: &str) -> Result<(StatusCode, HeaderMap), Error> {
    macro_rules! sent {
        ($request:expr) => {
            $request
                .send_with_response()
                .await
                .map(|response| (response.status(), response.headers().clone()))
        };
    }
    let integration = PostPatchIntegrationRequest::new(
        "Okta",
        true,
        "https://example.okta.com/home/examplecompany/sso",
        "https://example.okta.com/login/signout",
        "http://www.okta.com/exk1234",
    );
    let certificate = CreateSsoCertificateRequest::new(
        "-----BEGIN CERTIFICATE-----\nMIIC8DCCAdigAwIBAgIQf1c6rZ0cNkylGCsqn7E1XDANBgkqhkiG9w0BAQsFADA0\n-----END CERTIFICATE-----",
        INTEGRATION_ID,
    );
    let certificate_change = UpdateSsoCertificateRequest {
        enabled: Some(false),
        ..UpdateSsoCertificateRequest::default()
    };
    let mut teammate = PostSsoTeammatesRequest::new("Jane", "Doe", TEAMMATE);
    teammate.has_restricted_subuser_access = Some(true);
    teammate.subuser_access = Some(vec![
        SsoTeammatesBaseRequestPropsSubuserAccessItem {
            scopes: Some(vec!["mail.send".into(), "stats.read".into()]),
            ..SsoTeammatesBaseRequestPropsSubuserAccessItem::new(
                1234567,
                PermissionType::Restricted,
            )
        },
        SsoTeammatesBaseRequestPropsSubuserAccessItem::new(7654321, PermissionType::Admin),
    ]);
    let mut teammate_change = SsoTeammatesBaseRequestProps::new("Jane", "Roe");
    teammate_change.persona = Some(Persona::Marketer);
    match operation {
        "list_sso_integration" => sent!(client.list_sso_integration().si(true)),
        "create_sso_integration" => sent!(client.create_sso_integration(&integration)),
        "get_sso_integration" => sent!(client.get_sso_integration(INTEGRATION_ID).si(true)),
        "update_sso_integration" => {
            sent!(client
                .update_sso_integration(INTEGRATION_ID, &integration)
                .si(false))
        }
        "delete_sso_integration" => sent!(client.delete_sso_integration(INTEGRATION_ID)),
        "list_sso_integration_certificate" => {
            sent!(client.list_sso_integration_certificate(INTEGRATION_ID))
        }
        "create_sso_certificate" => sent!(client.create_sso_certificate(&certificate)),
        "get_sso_certificate" => sent!(client.get_sso_certificate(CERT_ID)),
        "update_sso_certificate" => {
            sent!(client.update_sso_certificate(CERT_ID, &certificate_change))
        }
        "delete_sso_certificate" => sent!(client.delete_sso_certificate(CERT_ID)),
        "create_sso_teammate" => sent!(client.create_sso_teammate(&teammate)),
        "update_sso_teammate" => sent!(client.update_sso_teammate(TEAMMATE, &teammate_change)),
        other => panic!("no operation `{other}`"),
    }
}

/// Prism's report of what in the exchange breaks the spec, if anything.
fn violations(headers: &HeaderMap) -> Option<String> {
    headers
        .get("sl-violations")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

fn assert_no_violations(operation: &str, headers: &HeaderMap) {
    if let Some(found) = violations(headers) {
        panic!("{operation}: Prism says the exchange breaks the spec: {found}");
    }
}

fn client(url: &str) -> Client {
    Client::builder("SG.contract-test")
        .base_url(url)
        // Prism is on loopback: a proxy from the environment must not take it.
        .no_proxy()
        .build()
        .expect("a client for Prism")
}

/// Each operation succeeds with a declared status, its body decodes, and Prism finds nothing
/// wrong with the request.
async fn succeeds(operation: &str) {
    let Some(url) = prism_url() else { return };
    match call(&client(url), operation).await {
        Ok((status, headers)) => {
            assert!(status.is_success(), "{operation}: status {status}");
            assert_no_violations(operation, &headers);
        }
        Err(error) => {
            let found = error.headers().and_then(violations).unwrap_or_default();
            panic!("{operation} failed against Prism: {error}\n(sl-violations: {found})");
        }
    }
}

macro_rules! operation_tests {
    ($($name:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                succeeds(stringify!($name)).await;
            }
        )*
        #[test]
        fn the_tests_cover_every_operation() {
            assert_eq!([$(stringify!($name)),*], OPERATIONS);
        }
    };
}

operation_tests!(
    list_sso_integration,
    create_sso_integration,
    get_sso_integration,
    update_sso_integration,
    delete_sso_integration,
    list_sso_integration_certificate,
    create_sso_certificate,
    get_sso_certificate,
    update_sso_certificate,
    delete_sso_certificate,
    create_sso_teammate,
    update_sso_teammate,
);

// ---- forced error statuses ---------------------------------------------------------------

/// `Prefer: code=NNN` makes Prism answer every operation with that declared status and its
/// example body: the client must return `Error::Api` with the parsed `SsoErrorResponse`.
async fn forced_error(code: u16) {
    let Some(url) = prism_url() else { return };
    let client = Client::builder("SG.contract-test")
        .base_url(url)
        .no_proxy()
        .default_header("Prefer", format!("code={code}"))
        // A forced 429 would otherwise be retried until the retry budget runs out.
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    for operation in OPERATIONS {
        match call(&client, operation).await {
            Err(Error::Api(error)) => {
                assert_eq!(error.status().as_u16(), code, "{operation}");
                assert_no_violations(operation, error.headers());
                let parsed = error.parsed().unwrap_or_else(|| {
                    panic!(
                        "{operation} {code}: the body did not parse as SsoErrorResponse: {}",
                        error.body_text()
                    )
                });
                assert!(
                    parsed.iter().any(|item| item.message.is_some()),
                    "{operation} {code}: {parsed:?}"
                );
            }
            other => panic!("{operation}: expected Error::Api with status {code}, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn forced_400_is_a_typed_error() {
    forced_error(400).await;
}

#[tokio::test]
async fn forced_401_is_a_typed_error() {
    forced_error(401).await;
}

#[tokio::test]
async fn forced_403_is_a_typed_error() {
    forced_error(403).await;
}

#[tokio::test]
async fn forced_429_is_a_typed_error() {
    forced_error(429).await;
}

#[tokio::test]
async fn forced_500_is_a_typed_error() {
    forced_error(500).await;
}

// ---- the check can fail ------------------------------------------------------------------

/// A request that breaks the spec (no `name`, a required property), sent raw: Prism must
/// flag it, and the check every test above relies on must see that.
#[test]
fn an_invalid_request_is_flagged() {
    let Some(url) = prism_url() else { return };
    let body = r#"{"enabled":true,"signin_url":"https://a.example","signout_url":"https://b.example","entity_id":"c"}"#;
    let (status, headers) = raw_post(url, "/v3/sso/integrations", body);
    let found = violations(&headers);
    assert!(
        status.is_client_error() || found.is_some(),
        "Prism accepted a request without `name`: status {status}"
    );
    let found = found.expect("Prism names the violation in `sl-violations`");
    assert!(found.contains("name"), "{found}");
    let check = std::panic::catch_unwind(|| assert_no_violations("raw", &headers));
    assert!(
        check.is_err(),
        "the violation check let a violation through"
    );
}

/// A bare HTTP/1.1 POST, so nothing in the client can fix the request up.
fn raw_post(url: &str, path: &str, body: &str) -> (StatusCode, HeaderMap) {
    let authority = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let mut stream = TcpStream::connect(&authority).expect("connect to Prism");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {authority}\r\nAuthorization: Bearer SG.contract-test\r\n\
         Content-Type: application/json\r\nAccept: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response);
    let head = response.split("\r\n\r\n").next().unwrap_or_default();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse::<u16>().ok())
        .and_then(|code| StatusCode::from_u16(code).ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {response}"));
    let mut headers = HeaderMap::new();
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            if let (Ok(name), Ok(value)) = (
                HeaderName::from_bytes(name.trim().as_bytes()),
                HeaderValue::from_str(value.trim()),
            ) {
                headers.append(name, value);
            }
        }
    }
    (status, headers)
}

// ---- finding or starting Prism -----------------------------------------------------------

/// The base URL of Prism, or `None` when the tests skip.
fn prism_url() -> Option<&'static str> {
    match &*PRISM {
        Ok(url) => url.as_deref(),
        Err(message) => panic!("{message}"),
    }
}

static PRISM: LazyLock<Result<Option<String>, String>> = LazyLock::new(find_prism);

/// The Prism this process started, stopped at exit by `stop_prism`.
static STARTED: Mutex<Option<Child>> = Mutex::new(None);

fn find_prism() -> Result<Option<String>, String> {
    if let Some(url) = std::env::var("PRISM_URL").ok().filter(|u| !u.is_empty()) {
        return Ok(Some(url.trim_end_matches('/').to_string()));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("node_modules/.bin/prism");
    if !bin.exists() {
        install_prism(root);
    }
    if bin.exists() {
        return start_prism(root, &bin).map(Some);
    }
    let why = "contract tests: no Prism (PRISM_URL is not set and node_modules/.bin/prism is \
               missing; run `npm ci` at the workspace root)";
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        return Err(format!("{why}. CI=true, so skipping is a failure."));
    }
    // Straight to stderr: the test harness captures `eprintln!` of passing tests.
    let _ = writeln!(std::io::stderr(), "{why}: SKIPPED");
    Ok(None)
}

/// On a fresh checkout with Node, installs the pinned Prism (`npm ci`, from package-lock.json) so
/// the README's one test command runs these tests too. Without npm, or offline, the tests skip.
fn install_prism(root: &Path) {
    let _ = writeln!(
        std::io::stderr(),
        "contract tests: installing Prism with `npm ci` (once)"
    );
    let installed = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(root)
        .status();
    if !installed.is_ok_and(|status| status.success()) {
        let _ = writeln!(
            std::io::stderr(),
            "contract tests: `npm ci` failed or npm is missing"
        );
    }
}

fn start_prism(root: &Path, bin: &Path) -> Result<String, String> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_err(|e| format!("no free port for Prism: {e}"))?
        .port();
    let log_path = root
        .join("target")
        .join(format!("prism-contract-{port}.log"));
    std::fs::create_dir_all(root.join("target")).map_err(|e| e.to_string())?;
    let log = std::fs::File::create(&log_path).map_err(|e| e.to_string())?;
    let log_err = log.try_clone().map_err(|e| e.to_string())?;
    let spec = root.join("spec/openapi.json");
    let mut command = Command::new(bin);
    command
        .arg("mock")
        .arg(&spec)
        .args([
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
            "--errors",
            "-v",
            "warn",
        ])
        // Production mode would fork a worker; one process is simpler to stop.
        .env_remove("NODE_ENV")
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(log_err);
    // Its own process group, so stopping it stops anything it spawned.
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let child = command
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    *STARTED.lock().unwrap() = Some(child);
    // SAFETY: registers a plain `extern "C" fn` with no captured state.
    unsafe { libc::atexit(stop_prism) };

    let log_tail = || {
        let text = std::fs::read_to_string(&log_path).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    };
    let deadline = Instant::now() + Duration::from_secs(90);
    let address = ([127, 0, 0, 1], port).into();
    loop {
        if TcpStream::connect_timeout(&address, Duration::from_millis(250)).is_ok() {
            return Ok(format!("http://127.0.0.1:{port}"));
        }
        let exited = STARTED
            .lock()
            .unwrap()
            .as_mut()
            .and_then(|child| child.try_wait().ok().flatten());
        if let Some(status) = exited {
            return Err(format!(
                "Prism exited ({status}) before answering; {}:\n{}",
                log_path.display(),
                log_tail()
            ));
        }
        if Instant::now() > deadline {
            stop_prism();
            return Err(format!(
                "Prism did not answer on port {port} within 90 s; {}:\n{}",
                log_path.display(),
                log_tail()
            ));
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// Stops the Prism this process started (at exit, or when it never answered): SIGTERM to its
/// process group, SIGKILL if it is still there after five seconds.
extern "C" fn stop_prism() {
    let Some(mut child) = STARTED.lock().ok().and_then(|mut started| started.take()) else {
        return;
    };
    let Ok(pid) = i32::try_from(child.id()) else {
        return;
    };
    // SAFETY: signals the process group this process created for Prism, by its id.
    unsafe { libc::kill(-pid, libc::SIGTERM) };
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // SAFETY: as above.
    unsafe { libc::kill(-pid, libc::SIGKILL) };
    let _ = child.wait();
}
