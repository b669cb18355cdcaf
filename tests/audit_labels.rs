//! Every action the program writes to the audit log has its Japanese name in the log's
//! window (`audit::ACTIONS`) and a group to filter it by: the source is read for the
//! actions it records, so a new one without a name fails here rather than showing its code.

use std::path::Path;

use madoguchi::audit::{ACTION_GROUPS, ACTIONS};

/// The action codes written by `audit(tx, actor, "…"` and `record_event("…"` in `dir`.
fn recorded_actions(dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("source folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            recorded_actions(&path, found);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source file");
        for marker in ["audit(tx, actor, \"", "record_event(\""] {
            for (at, _) in text.match_indices(marker) {
                let rest = &text[at + marker.len()..];
                if let Some(end) = rest.find('"') {
                    found.push(rest[..end].to_owned());
                }
            }
        }
    }
}

#[test]
fn every_recorded_action_has_a_japanese_name_and_a_group() {
    let mut found = Vec::new();
    recorded_actions(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
    found.sort();
    found.dedup();
    assert!(found.len() > 20, "the scan finds the actions: {found:?}");
    for action in &found {
        assert!(ACTIONS.iter().any(|(code, _)| code == action), "{action} has no name in audit::ACTIONS");
        assert!(
            ACTION_GROUPS.iter().any(|(_, starts)| starts.iter().any(|s| action.starts_with(s))),
            "{action} is in no group of audit::ACTION_GROUPS"
        );
    }
}
