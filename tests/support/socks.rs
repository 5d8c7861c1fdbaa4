//! A SOCKS5 proxy on 127.0.0.1 for the tests: RFC 1928 CONNECT, with RFC 1929 user and
//! password when the client offers them.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What a SOCKS5 client asked for: the credentials it sent (if any), and the destination as
/// it named it (a domain name, or the address it resolved).
#[derive(Debug, Clone, PartialEq)]
pub struct SocksConnect {
    pub credentials: Option<(String, String)>,
    pub destination: String,
    pub port: u16,
}

/// A SOCKS5 proxy (RFC 1928, with RFC 1929 user/password when the client offers it): records
/// each CONNECT, then tunnels to 127.0.0.1 at the requested port, whatever the host.
pub async fn socks5_proxy() -> (std::net::SocketAddr, Arc<Mutex<Vec<SocksConnect>>>) {
    async fn bytes(stream: &mut TcpStream, n: usize) -> Vec<u8> {
        let mut buf = vec![0; n];
        stream.read_exact(&mut buf).await.unwrap();
        buf
    }
    async fn text(stream: &mut TcpStream) -> String {
        let len = bytes(stream, 1).await[0];
        String::from_utf8(bytes(stream, usize::from(len)).await).unwrap()
    }
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let record = record.clone();
            tokio::spawn(async move {
                let greeting = bytes(&mut client, 2).await;
                assert_eq!(greeting[0], 5, "not SOCKS5");
                let methods = bytes(&mut client, usize::from(greeting[1])).await;
                let credentials = if methods.contains(&2) {
                    client.write_all(&[5, 2]).await.unwrap();
                    assert_eq!(bytes(&mut client, 1).await, [1]);
                    let user = text(&mut client).await;
                    let password = text(&mut client).await;
                    client.write_all(&[1, 0]).await.unwrap();
                    Some((user, password))
                } else {
                    assert!(methods.contains(&0));
                    client.write_all(&[5, 0]).await.unwrap();
                    None
                };
                let request = bytes(&mut client, 4).await;
                assert_eq!(request[..3], [5, 1, 0], "a CONNECT");
                let destination = match request[3] {
                    1 => std::net::Ipv4Addr::from(
                        <[u8; 4]>::try_from(bytes(&mut client, 4).await).unwrap(),
                    )
                    .to_string(),
                    3 => text(&mut client).await,
                    4 => std::net::Ipv6Addr::from(
                        <[u8; 16]>::try_from(bytes(&mut client, 16).await).unwrap(),
                    )
                    .to_string(),
                    other => panic!("address type {other}"),
                };
                let port = u16::from_be_bytes(bytes(&mut client, 2).await.try_into().unwrap());
                record.lock().unwrap().push(SocksConnect {
                    credentials,
                    destination,
                    port,
                });
                let mut upstream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
                client
                    .write_all(&[5, 0, 0, 1, 127, 0, 0, 1, 0, 0])
                    .await
                    .unwrap();
                let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
            });
        }
    });
    (addr, seen)
}
