//! The smoke test's clean-up: it deletes only the records that reference its own
//! conversation, and says what it removed.

use super::*;

/// A record the test created: its table, its `sys_id` and what people call it.
type Record = (&'static str, String, String);

/// Ends the conversation and deletes what references the run's own conversation.
pub(super) async fn cleanup(run: &mut Run<'_>) {
    end_conversation(run).await;
    let Some(own) = read_own(run).await else {
        return;
    };
    let Some((items, messages)) = read_children(run, &own).await else {
        return;
    };
    let created = deletion_order(&run.user_id, &own, &items, &messages);
    delete_all(run, created).await;
}

/// Ends the run's conversation; whether it ended is a hop of its own and decides nothing
/// else: the clean-up goes on either way.
async fn end_conversation(run: &mut Run<'_>) {
    match run.send("END_CONVERSATION", "").await {
        Ok(()) => run.hop("end", true, "conversation ended", json!({})),
        Err(refused) => run.hop(
            "end",
            false,
            format!("could not end the conversation: {}", refused.why),
            json!({}),
        ),
    }
}

/// Decides whether anything may be deleted at all: it finds again what belongs to the run,
/// and gives nothing (after saying why) when the read fails or a record cannot be tied to
/// the test by two matches.
async fn read_own(run: &mut Run<'_>) -> Option<Own> {
    let client = run.client;
    // What to remove is found again from the run's own identifiers alone, not from what the
    // watch saw: an interaction created after the deadline is the test's too. A read that
    // fails is never taken for "nothing there".
    let own = match Own::read(client, &run.user_id, &run.session_id).await {
        Ok(own) => own,
        Err(e) => {
            let why = format!(
                "could not read what the test created ({e}): nothing was removed; look for channel user id {} and the marker {} in its messages",
                run.user_id, run.session_id
            );
            run.outcome.untouched.push(why.clone());
            run.hop("cleanup", false, why, json!({"removed": 0, "unread": true}));
            return None;
        }
    };
    if !own.untied.is_empty() {
        // Two matches are needed before anything is deleted: when they disagree, nothing is.
        let why = format!(
            "touched nothing: could not tie to the test {}",
            own.untied.join("; ")
        );
        run.outcome.untouched.extend(own.untied.iter().cloned());
        run.hop(
            "cleanup",
            false,
            why,
            json!({"removed": 0, "untied": own.untied}),
        );
        return None;
    }
    Some(own)
}

/// Reads the work items of the run's interactions and the messages of its conversations;
/// when either read fails, nothing is removed and the hop lists what was left.
async fn read_children(run: &mut Run<'_>, own: &Own) -> Option<(Vec<Row>, Vec<Row>)> {
    let client = run.client;
    let interaction_ids = ids(&own.interactions);
    let (items, messages) = tokio::join!(
        rows_where(
            client,
            "awa_work_item",
            "document_id",
            &interaction_ids,
            &[]
        ),
        rows_where(
            client,
            "sys_cs_message",
            "conversation",
            &own.conversations,
            &[]
        ),
    );
    match (items, messages) {
        (Ok(items), Ok(messages)) => Some((items, messages)),
        (Err(e), _) | (_, Err(e)) => {
            let mut kept: Vec<String> = own
                .interactions
                .iter()
                .map(|i| format!("interaction {}", field(i, "number")))
                .collect();
            kept.extend(
                own.conversations
                    .iter()
                    .map(|c| format!("sys_cs_conversation {c}")),
            );
            let why = format!(
                "could not read the work items and messages of the test's conversation ({e}): nothing was removed; left: {}",
                kept.join(", ")
            );
            run.outcome.untouched.push(why.clone());
            run.hop("cleanup", false, why, json!({"removed": 0, "unread": true}));
            None
        }
    }
}

/// Decides the order of deletion: work items, interactions, messages, conversations, then
/// the user's accounts, profiles and maps, so that nothing is left pointing at a record
/// already gone.
fn deletion_order(user_id: &str, own: &Own, items: &[Row], messages: &[Row]) -> Vec<Record> {
    let mut created: Vec<Record> = Vec::new();
    for item in items {
        let number = own
            .interactions
            .iter()
            .find(|i| field(i, "sys_id") == field(item, "document_id"))
            .map(|i| field(i, "number"))
            .unwrap_or_default();
        created.push((
            "awa_work_item",
            field(item, "sys_id").to_string(),
            format!("work item of {number}"),
        ));
    }
    for interaction in &own.interactions {
        created.push((
            "interaction",
            field(interaction, "sys_id").to_string(),
            field(interaction, "number").to_string(),
        ));
    }
    for message in messages {
        created.push((
            "sys_cs_message",
            field(message, "sys_id").to_string(),
            "conversation message".into(),
        ));
    }
    for conversation in &own.conversations {
        created.push((
            "sys_cs_conversation",
            conversation.clone(),
            "test conversation".into(),
        ));
    }
    for (table, rows, what) in [
        ("sys_cs_consumer_account", &own.accounts, "consumer account"),
        (
            "sys_cs_channel_user_profile",
            &own.profiles,
            "channel user profile",
        ),
        ("sys_cs_provider_user_map", &own.maps, "user map"),
    ] {
        for id in rows {
            created.push((table, id.clone(), format!("{what} of {user_id}")));
        }
    }
    created
}

/// Deletes the records in the order given and decides the clean-up's hop: passed when
/// every record is gone (a 404 counts as gone), failed with the ones left otherwise.
async fn delete_all(run: &mut Run<'_>, created: Vec<Record>) {
    let client = run.client;
    // In order, so that nothing is left pointing at a record already gone.
    let results = delete_in_order(client, &created).await;
    run.outcome.created = created
        .into_iter()
        .zip(results)
        .map(|((table, sys_id, record), left)| Created {
            table,
            sys_id,
            record,
            left,
        })
        .collect();
    let left: Vec<String> = run
        .outcome
        .created
        .iter()
        .filter(|c| c.left.is_some())
        .map(|c| format!("{} {}", c.table, c.sys_id))
        .collect();
    let removed: Vec<&Created> = run
        .outcome
        .created
        .iter()
        .filter(|c| c.left.is_none())
        .collect();
    let what = removed_summary(&removed);
    let count = removed.len();
    if left.is_empty() {
        super::left::settle(run);
        run.hop(
            "cleanup",
            true,
            if count == 0 {
                "nothing to remove: no record references the test's conversation".to_string()
            } else {
                format!("removed what the test created and nothing else: {what}")
            },
            json!({"removed": count}),
        );
    } else {
        run.hop(
            "cleanup",
            false,
            format!("removed {what}; could not remove {}", left.join(", ")),
            json!({"removed": count, "left": left}),
        );
    }
}

/// Deletes `created` in order, and says for each why it is left (`None`: gone). After the
/// first delete that fails, none is tried: what is left still hangs together, from the run's
/// user id down, so the next run finds all of it again and removes it.
async fn delete_in_order(
    client: &Client,
    created: &[(&'static str, String, String)],
) -> Vec<Option<String>> {
    let mut results: Vec<Option<String>> = Vec::with_capacity(created.len());
    for (table, sys_id, _) in created {
        if let Some(failed) = results.iter().flatten().next() {
            let failed = failed.clone();
            results.push(Some(format!(
                "not tried after an earlier delete failed ({failed})"
            )));
            continue;
        }
        results.push(match client.delete(table, sys_id).await {
            Ok(()) | Err(ApiError::Status { status: 404, .. }) => None,
            Err(e) => Some(e.to_string()),
        });
    }
    results
}
