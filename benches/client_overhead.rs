//! Client overhead: the generated `sendgrid-sso` client against a hand-written reqwest +
//! serde(derive) call doing the same work (same method, path, headers and body; the same
//! JSON decoded into an equivalent struct), both against one keep-alive HTTP/1.1 server on
//! 127.0.0.1 that answers from pre-rendered bytes.
//!
//! Run with `cargo bench --manifest-path benches/Cargo.toml --bench client_overhead`. Criterion measures each
//! call; then an interleaved run (rounds of generated, hand-written, generated, ...) prints the
//! ratio generated / hand-written and the requests per second of each, per scenario. The
//! interleaving keeps load from other processes from favouring one side.
//!
//! Scenarios: `get` (GET one integration, ~500 B), `list` (GET 100 integrations, ~50 KB, decode
//! heavy) and `create` (POST a JSON body, decode one integration).

use criterion::{criterion_group, Criterion, Throughput};
use sendgrid_sso::models::{PostPatchIntegrationRequest, SsoIntegration};
use sendgrid_sso::{Client, RetryPolicy};
use serde::{Deserialize, Serialize};
use std::hint::black_box;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

const API_KEY: &str = "SG.benchmark-key";
const USER_AGENT: &str = "sendgrid-sso/0.1.0";
const LIST_LEN: usize = 100;

// ---------------------------------------------------------------------------------------
// The hand-written side: what a user would write with reqwest and serde(derive).

#[derive(Debug, Deserialize)]
#[allow(dead_code)] // Fields are decoded, not read: decoding is the work being compared.
struct Integration {
    name: String,
    enabled: bool,
    signin_url: String,
    signout_url: String,
    entity_id: String,
    completed_integration: Option<bool>,
    last_updated: serde_json::Number,
    id: Option<String>,
    single_signon_url: Option<String>,
    audience_url: Option<String>,
}

#[derive(Debug, Serialize)]
struct IntegrationRequest<'a> {
    name: &'a str,
    enabled: bool,
    signin_url: &'a str,
    signout_url: &'a str,
    entity_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    completed_integration: Option<bool>,
}

struct Handwritten {
    http: reqwest::Client,
    base: String,
    authorization: String,
}

impl Handwritten {
    fn new(base: &str) -> Self {
        let http = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(Duration::from_secs(30))
            .connect_timeout(Duration::from_secs(10))
            .tcp_nodelay(true)
            .no_proxy()
            .build()
            .expect("reqwest client");
        Handwritten {
            http,
            base: base.to_string(),
            authorization: format!("Bearer {API_KEY}"),
        }
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base))
            .header(reqwest::header::AUTHORIZATION, &self.authorization)
            .header(reqwest::header::ACCEPT, "application/json")
    }

    async fn get(&self, id: &str) -> Integration {
        let response = self
            .request(reqwest::Method::GET, &format!("/v3/sso/integrations/{id}"))
            .send()
            .await
            .expect("send");
        assert!(response.status().is_success());
        response.json().await.expect("decode")
    }

    async fn list(&self) -> Vec<Integration> {
        let response = self
            .request(reqwest::Method::GET, "/v3/sso/integrations")
            .send()
            .await
            .expect("send");
        assert!(response.status().is_success());
        response.json().await.expect("decode")
    }

    async fn create(&self, body: &IntegrationRequest<'_>) -> Integration {
        let response = self
            .request(reqwest::Method::POST, "/v3/sso/integrations")
            .json(body)
            .send()
            .await
            .expect("send");
        assert!(response.status().is_success());
        response.json().await.expect("decode")
    }
}

// ---------------------------------------------------------------------------------------
// The generated side.

fn generated(base: &str) -> Client {
    Client::builder(API_KEY)
        .base_url(base)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("generated client")
}

async fn gen_get(client: &Client, id: &str) -> SsoIntegration {
    client.get_sso_integration(id).await.expect("get")
}

async fn gen_list(client: &Client) -> Vec<SsoIntegration> {
    client.list_sso_integration().await.expect("list")
}

async fn gen_create(client: &Client, body: &PostPatchIntegrationRequest) -> SsoIntegration {
    client.create_sso_integration(body).await.expect("create")
}

fn create_body() -> PostPatchIntegrationRequest {
    PostPatchIntegrationRequest::new(
        "Twilio SendGrid",
        false,
        "https://example.okta.com/home/examplecompany/yokpGWsmpRUcuvXFb4x6/nfaVADNhuHvvReAEV4x6",
        "https://example.okta.com/login/signout?fromURI=exampleappurl",
        "http://www.okta.com/${org.externalKey}",
    )
}

fn create_body_handwritten() -> IntegrationRequest<'static> {
    IntegrationRequest {
        name: "Twilio SendGrid",
        enabled: false,
        signin_url:
            "https://example.okta.com/home/examplecompany/yokpGWsmpRUcuvXFb4x6/nfaVADNhuHvvReAEV4x6",
        signout_url: "https://example.okta.com/login/signout?fromURI=exampleappurl",
        entity_id: "http://www.okta.com/${org.externalKey}",
        completed_integration: None,
    }
}

// ---------------------------------------------------------------------------------------
// The server: HTTP/1.1 keep-alive on 127.0.0.1, on its own thread and runtime.

fn integration_json(i: usize) -> serde_json::Value {
    serde_json::json!({
        "name": format!("Twilio SendGrid {i}"),
        "enabled": true,
        "signin_url": "https://example.okta.com/home/examplecompany/yokpGWsmpRUcuvXFb4x6/nfaVADNhuHvvReAEV4x6",
        "signout_url": "https://example.okta.com/login/signout?fromURI=exampleappurl",
        "entity_id": "http://www.okta.com/${org.externalKey}",
        "completed_integration": true,
        "last_updated": 1621288964 + i,
        "id": format!("b0b98502-9408-4b24-9e3d-{i:012}"),
        "single_signon_url": format!("https://api.sendgrid.com/v3/public/sso/saml/response/id/b0b98502-9408-4b24-9e3d-{i:012}"),
        "audience_url": format!("https://api.sendgrid.com/v3/public/sso/saml/response/id/b0b98502-9408-4b24-9e3d-{i:012}"),
    })
}

fn response(status: &str, body: &serde_json::Value) -> Vec<u8> {
    let body = serde_json::to_vec(body).expect("json");
    let mut out = format!(
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

/// Starts the server and returns its address; it runs until the process ends.
fn start_server() -> SocketAddr {
    let one = response("200 OK", &integration_json(0));
    let list = response(
        "200 OK",
        &serde_json::Value::Array((0..LIST_LEN).map(integration_json).collect()),
    );
    let created = response("200 OK", &integration_json(1));
    let not_found = response("404 Not Found", &serde_json::json!([]));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        rt.block_on(async move {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
            tx.send(listener.local_addr().expect("addr"))
                .expect("send addr");
            loop {
                let (stream, _) = listener.accept().await.expect("accept");
                stream.set_nodelay(true).expect("nodelay");
                let (one, list, created, not_found) = (
                    one.clone(),
                    list.clone(),
                    created.clone(),
                    not_found.clone(),
                );
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut read = BufReader::new(read);
                    let mut line = String::new();
                    let mut body = Vec::new();
                    loop {
                        // Request line.
                        line.clear();
                        if read.read_line(&mut line).await.unwrap_or(0) == 0 {
                            return;
                        }
                        let mut parts = line.split(' ');
                        let method = parts.next().unwrap_or("").to_string();
                        let path = parts.next().unwrap_or("").to_string();
                        // Headers.
                        let mut length = 0usize;
                        loop {
                            line.clear();
                            if read.read_line(&mut line).await.unwrap_or(0) == 0 {
                                return;
                            }
                            let header = line.trim_end();
                            if header.is_empty() {
                                break;
                            }
                            if let Some((name, value)) = header.split_once(':') {
                                if name.eq_ignore_ascii_case("content-length") {
                                    length = value.trim().parse().unwrap_or(0);
                                }
                            }
                        }
                        body.resize(length, 0);
                        if read.read_exact(&mut body).await.is_err() {
                            return;
                        }
                        let reply = match (method.as_str(), path.as_str()) {
                            ("GET", "/v3/sso/integrations") => &list,
                            ("POST", "/v3/sso/integrations") => &created,
                            ("GET", p) if p.starts_with("/v3/sso/integrations/") => &one,
                            _ => &not_found,
                        };
                        if write.write_all(reply).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
    });
    rx.recv().expect("server address")
}

// ---------------------------------------------------------------------------------------
// The benchmarks.

struct Setup {
    rt: tokio::runtime::Runtime,
    generated: Client,
    handwritten: Handwritten,
    gen_body: PostPatchIntegrationRequest,
    hand_body: IntegrationRequest<'static>,
}

fn setup() -> Setup {
    let addr = start_server();
    let base = format!("http://{addr}");
    // One client thread; the server has the other core.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let setup = Setup {
        generated: generated(&base),
        handwritten: Handwritten::new(&base),
        gen_body: create_body(),
        hand_body: create_body_handwritten(),
        rt,
    };
    // Both clients agree on what they decode, and each has its connection open.
    setup.rt.block_on(async {
        let a = gen_list(&setup.generated).await;
        let b = setup.handwritten.list().await;
        assert_eq!(a.len(), b.len());
        assert_eq!(a[7].id, b[7].id);
        assert_eq!(a[7].last_updated, b[7].last_updated);
        let a = gen_create(&setup.generated, &setup.gen_body).await;
        let b = setup.handwritten.create(&setup.hand_body).await;
        assert_eq!(a.name, b.name);
        let a = gen_get(&setup.generated, "abc").await;
        let b = setup.handwritten.get("abc").await;
        assert_eq!(a.single_signon_url, b.single_signon_url);
    });
    setup
}

const SCENARIOS: [&str; 3] = ["get", "list", "create"];

/// One call of `scenario` by one side.
async fn call(setup: &Setup, scenario: &str, generated_side: bool) {
    match (scenario, generated_side) {
        ("get", true) => drop(black_box(gen_get(&setup.generated, "abc").await)),
        ("get", false) => drop(black_box(setup.handwritten.get("abc").await)),
        ("list", true) => drop(black_box(gen_list(&setup.generated).await)),
        ("list", false) => drop(black_box(setup.handwritten.list().await)),
        ("create", true) => drop(black_box(
            gen_create(&setup.generated, &setup.gen_body).await,
        )),
        ("create", false) => drop(black_box(setup.handwritten.create(&setup.hand_body).await)),
        _ => unreachable!(),
    }
}

fn client(c: &mut Criterion) {
    let setup = setup();
    for scenario in SCENARIOS {
        let mut group = c.benchmark_group(format!("client/{scenario}"));
        group
            .throughput(Throughput::Elements(1))
            .sample_size(30)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
        for (name, generated_side) in [("generated", true), ("reqwest+serde", false)] {
            group.bench_function(name, |b| {
                b.iter(|| setup.rt.block_on(call(&setup, scenario, generated_side)))
            });
        }
        group.finish();
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` runs each benchmark once, untimed.
    if std::env::args().any(|arg| arg == "--bench") {
        interleaved(&setup);
    }
}

/// Rounds of `CALLS` calls, alternating sides; prints the median ratio and requests/second.
fn interleaved(setup: &Setup) {
    const ROUNDS: usize = 30;
    const CALLS: usize = 200;
    println!("\nclient overhead, interleaved ({ROUNDS} rounds x {CALLS} calls per side, one connection each):");
    println!(
        "{:<8} {:>14} {:>14} {:>22}",
        "scenario", "generated r/s", "reqwest r/s", "ratio (gen/reqwest)"
    );
    for scenario in SCENARIOS {
        let mut gen_times = Vec::with_capacity(ROUNDS);
        let mut hand_times = Vec::with_capacity(ROUNDS);
        let mut ratios = Vec::with_capacity(ROUNDS);
        for round in 0..ROUNDS {
            // Alternate which side goes first, too.
            let order = if round % 2 == 0 {
                [true, false]
            } else {
                [false, true]
            };
            let mut times = [Duration::ZERO; 2];
            for generated_side in order {
                let start = Instant::now();
                setup.rt.block_on(async {
                    for _ in 0..CALLS {
                        call(setup, scenario, generated_side).await;
                    }
                });
                times[usize::from(!generated_side)] = start.elapsed();
            }
            gen_times.push(times[0]);
            hand_times.push(times[1]);
            ratios.push(times[0].as_secs_f64() / times[1].as_secs_f64());
        }
        let rps = |times: &mut Vec<Duration>| CALLS as f64 / median(times).as_secs_f64();
        ratios.sort_by(f64::total_cmp);
        println!(
            "{scenario:<8} {:>14.0} {:>14.0} {:>22.3}",
            rps(&mut gen_times),
            rps(&mut hand_times),
            ratios[ROUNDS / 2]
        );
    }
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// `calls` calls of one scenario by one side, and nothing else: the window that
/// `scripts/bench_client_callgrind.sh` counts instructions in.
#[inline(never)]
fn measured(setup: &Setup, scenario: &str, generated_side: bool, calls: usize) {
    setup.rt.block_on(async {
        for _ in 0..calls {
            call(setup, scenario, generated_side).await;
        }
    });
}

criterion_group!(benches, client);

fn main() {
    // `CLIENT_OVERHEAD_ONLY=<scenario>:<generated|reqwest>:<calls>` runs just those calls, for
    // counting instructions under callgrind (scripts/bench_client_callgrind.sh).
    if let Ok(only) = std::env::var("CLIENT_OVERHEAD_ONLY") {
        let parts: Vec<&str> = only.split(':').collect();
        let [scenario, side, calls] = parts[..] else {
            panic!("CLIENT_OVERHEAD_ONLY is <scenario>:<generated|reqwest>:<calls>");
        };
        assert!(SCENARIOS.contains(&scenario), "unknown scenario {scenario}");
        let calls = calls.parse().expect("a number of calls");
        measured(&setup(), scenario, side == "generated", calls);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
