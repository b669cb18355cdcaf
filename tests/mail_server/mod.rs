//! A small SMTP server on 127.0.0.1 for the mail tests: it speaks enough SMTP for lettre
//! (EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps what it received, and
//! can be told to refuse recipients with a chosen reply. It listens on loopback only.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;

/// One message as the server received it.
#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent after DATA, dot-stuffing undone.
    pub data: String,
    /// The AUTH PLAIN user and password, if the client authenticated.
    pub auth: Option<(String, String)>,
}

#[derive(Default)]
struct Rules {
    /// Recipient address → (code, text) to answer RCPT TO with.
    refuse: HashMap<String, (u16, String)>,
}

pub struct TestSmtp {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    rules: Arc<Mutex<Rules>>,
}

impl TestSmtp {
    /// Starts a server on a free port of 127.0.0.1; it runs until the test process ends.
    pub fn start() -> TestSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let received = Arc::new(Mutex::new(Vec::new()));
        let rules = Arc::new(Mutex::new(Rules::default()));
        let (r, k) = (Arc::clone(&received), Arc::clone(&rules));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, k) = (Arc::clone(&r), Arc::clone(&k));
                std::thread::spawn(move || {
                    let _ = serve(stream, &r, &k);
                });
            }
        });
        TestSmtp { addr, received, rules }
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Answers RCPT TO for `address` with `code text` (e.g. 550 for a mailbox that does
    /// not exist, 450 for one that is busy).
    pub fn refuse(&self, address: &str, code: u16, text: &str) {
        self.rules.lock().expect("rules").refuse.insert(address.to_owned(), (code, text.to_owned()));
    }

    pub fn accept_all(&self) {
        self.rules.lock().expect("rules").refuse.clear();
    }

    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("received").clone()
    }
}

fn reply(stream: &mut TcpStream, text: &str) -> std::io::Result<()> {
    stream.write_all(text.as_bytes())?;
    stream.write_all(b"\r\n")?;
    stream.flush()
}

fn address(argument: &str) -> String {
    let start = argument.find('<').map(|i| i + 1).unwrap_or(0);
    let end = argument.find('>').unwrap_or(argument.len());
    argument[start..end].to_owned()
}

fn serve(stream: TcpStream, received: &Mutex<Vec<Received>>, rules: &Mutex<Rules>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    let mut out = stream.try_clone()?;
    let mut input = BufReader::new(stream);
    reply(&mut out, "220 test.localhost ESMTP ready")?;
    let mut from = String::new();
    let mut to = Vec::new();
    let mut auth = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let upper = command.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            reply(&mut out, "250-test.localhost\r\n250-8BITMIME\r\n250 AUTH PLAIN")?;
        } else if upper.starts_with("AUTH PLAIN") {
            let encoded = command.split_whitespace().nth(2).unwrap_or("");
            let decoded = base64::engine::general_purpose::STANDARD.decode(encoded).unwrap_or_default();
            let parts: Vec<String> =
                decoded.split(|b| *b == 0).map(|p| String::from_utf8_lossy(p).into_owned()).collect();
            auth = parts.get(1).zip(parts.get(2)).map(|(u, p)| (u.clone(), p.clone()));
            reply(&mut out, "235 2.7.0 Authentication successful")?;
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&command[10..]);
            to.clear();
            reply(&mut out, "250 2.1.0 OK")?;
        } else if upper.starts_with("RCPT TO:") {
            let rcpt = address(&command[8..]);
            let refusal = rules.lock().map(|r| r.refuse.get(&rcpt).cloned()).unwrap_or(None);
            match refusal {
                Some((code, text)) => reply(&mut out, &format!("{code} {text}"))?,
                None => {
                    to.push(rcpt);
                    reply(&mut out, "250 2.1.5 OK")?;
                }
            }
        } else if upper == "DATA" {
            if to.is_empty() {
                reply(&mut out, "554 5.5.1 No valid recipients")?;
                continue;
            }
            reply(&mut out, "354 End data with <CR><LF>.<CR><LF>")?;
            let mut data = String::new();
            loop {
                line.clear();
                if input.read_line(&mut line)? == 0 {
                    return Ok(());
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
                data.push_str(line.strip_prefix('.').unwrap_or(&line));
            }
            if let Ok(mut all) = received.lock() {
                all.push(Received { from: from.clone(), to: to.clone(), data, auth: auth.clone() });
            }
            reply(&mut out, "250 2.0.0 Queued")?;
        } else if upper == "RSET" || upper == "NOOP" {
            reply(&mut out, "250 2.0.0 OK")?;
        } else if upper == "QUIT" {
            reply(&mut out, "221 2.0.0 Bye")?;
            return Ok(());
        } else {
            reply(&mut out, "502 5.5.2 Command not recognised")?;
        }
    }
}

/// A received message taken apart: headers with encoded words decoded, and the body
/// decoded from its transfer encoding.
pub struct Decoded {
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Decoded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) in a header value.
pub fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let between = &rest[..start];
        // Whitespace between two encoded words is not part of the text.
        if !(last_was_word && between.trim().is_empty()) {
            out.push_str(between);
        }
        let after = &rest[start + 2..];
        let parts: Vec<&str> = after.splitn(3, '?').collect();
        let Some(end) = parts.get(2).and_then(|p| p.find("?=")) else {
            out.push_str(&rest[start..]);
            return out;
        };
        let (encoding, text) = (parts[1], &parts[2][..end]);
        let bytes = if encoding.eq_ignore_ascii_case("b") {
            base64::engine::general_purpose::STANDARD.decode(text).expect("base64 word")
        } else {
            quoted_printable::decode(text.replace('_', " "), quoted_printable::ParseMode::Robust).expect("q word")
        };
        out.push_str(&String::from_utf8(bytes).expect("utf-8 word"));
        let consumed = 2 + parts[0].len() + 1 + parts[1].len() + 1 + end + 2;
        rest = &rest[start + consumed..];
        last_was_word = true;
    }
    out.push_str(rest);
    out
}

pub fn decode(raw: &str) -> Decoded {
    let (head, body) = raw.split_once("\r\n\r\n").expect("headers and body");
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in head.split("\r\n") {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push_str(line);
            }
        } else if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    for (_, value) in headers.iter_mut() {
        *value = decode_words(value);
    }
    let encoding = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Transfer-Encoding"))
        .map(|(_, v)| v.to_ascii_lowercase())
        .unwrap_or_default();
    let body = match encoding.as_str() {
        "base64" => {
            let joined: String = body.split_whitespace().collect();
            String::from_utf8(base64::engine::general_purpose::STANDARD.decode(joined).expect("base64 body"))
                .expect("utf-8 body")
        }
        "quoted-printable" => String::from_utf8(
            quoted_printable::decode(body, quoted_printable::ParseMode::Robust).expect("quoted-printable body"),
        )
        .expect("utf-8 body"),
        _ => body.to_owned(),
    };
    Decoded { headers, body: body.replace("\r\n", "\n") }
}
