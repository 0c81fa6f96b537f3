//! The smoke test's clean-up: it deletes only the records that reference its own
//! conversation, and says what it removed.

use super::*;

/// Ends the conversation and deletes what references the run's own conversation.
pub(super) async fn cleanup(run: &mut Run<'_>) {
    match run.send("END_CONVERSATION", "").await {
        Ok(()) => run.hop("end", true, "conversation ended", json!({})),
        Err(refused) => run.hop(
            "end",
            false,
            format!("could not end the conversation: {}", refused.why),
            json!({}),
        ),
    }
    let client = run.client;
    // What to remove is found again from the run's user id alone, not from what the watch
    // saw: an interaction created after the deadline is the test's too.
    let own = Own::read(client, &run.user_id, true)
        .await
        .unwrap_or_default();
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
    let mut created: Vec<(&'static str, String, String)> = Vec::new();
    for item in items.as_deref().unwrap_or_default() {
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
    for message in messages.as_deref().unwrap_or_default() {
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
    for map in &own.maps {
        created.push((
            "provider_user_map",
            map.clone(),
            format!("user map of {}", run.user_id),
        ));
    }
    let deletes = created
        .iter()
        .map(|(table, sys_id, _)| client.delete(table, sys_id));
    let results = futures_util::future::join_all(deletes).await;
    run.outcome.created = created
        .into_iter()
        .zip(results)
        .map(|((table, sys_id, record), result)| Created {
            table,
            sys_id,
            record,
            left: match result {
                Ok(()) | Err(ApiError::Status { status: 404, .. }) => None,
                Err(e) => Some(e.to_string()),
            },
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
