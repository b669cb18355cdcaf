//! An incremental read of a large mailbox: 10 new mails in a 10,000-message INBOX on a
//! Dovecot started on 127.0.0.1 (as the IMAP tests do), read by `mail::imap::fetch_new`
//! from a position already at the 10,000th: connect, log in, EXAMINE, find the new UIDs,
//! fetch and record 10 requests. Without Dovecot installed it says so and measures
//! nothing. Run with `cargo bench --bench intake_fetch`.

#[path = "../tests/dovecot/mod.rs"]
mod dovecot;

use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dovecot::{PASSWORD, TestClient, dovecot};
use madoguchi::mail::imap::fetch_new;
use madoguchi::store::Store;

const MAILBOX_SIZE: usize = 10_000;
const NEW: usize = 10;

/// The intake corpus's mails (ASCII on the wire: their Japanese is encoded).
fn corpus() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/intake");
    let mut mails: Vec<String> = std::fs::read_dir(dir)
        .expect("the corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .map(|p| String::from_utf8(std::fs::read(p).expect("mail")).expect("an ASCII mail"))
        .collect();
    mails.sort();
    mails
}

/// Appends the `n`-th mail: a corpus mail with a Message-ID of its own.
fn append(client: &mut TestClient, corpus: &[String], n: usize) {
    let mail = corpus[n % corpus.len()].replacen("Message-ID: <", &format!("Message-ID: <bench{n}."), 1);
    client.append(mail.as_bytes());
}

fn incremental_fetch(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let Some(server) = dovecot(dir.path()) else { return };
    let corpus = corpus();
    let mut client = server.client();
    for n in 0..MAILBOX_SIZE {
        append(&mut client, &corpus, n);
    }
    let examined = client.command("EXAMINE INBOX");
    let validity: u32 = examined
        .split("[UIDVALIDITY ")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .and_then(|digits| digits.parse().ok())
        .expect("UIDVALIDITY");
    let mut store = Store::open(&dir.path().join("madoguchi.sqlite3")).expect("store");
    // The desk has read the 10,000 already.
    store.set_intake_mailbox_position("INBOX", validity, MAILBOX_SIZE as u32).expect("position");
    let settings = server.settings();
    let mut next = MAILBOX_SIZE;

    let mut group = c.benchmark_group("intake_fetch");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("10 new in a 10,000-message mailbox", |b| {
        b.iter_batched(
            || {
                for _ in 0..NEW {
                    append(&mut client, &corpus, next);
                    next += 1;
                }
            },
            |()| {
                let summary = fetch_new(&mut store, &settings, PASSWORD).expect("fetch");
                assert_eq!(summary.new_requests, NEW);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, incremental_fetch);
criterion_main!(benches);
