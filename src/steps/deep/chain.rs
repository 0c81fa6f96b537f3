//! The way a handed-over chat takes, as one chain of steps: what `why-no-agent` tells and
//! `smoke-test` checks before it starts. The chat needs a working instance and login, the
//! plugins, Agent Chat, the provider and a channel that may reach live agents; then AWA routes
//! it to an active Chat queue, whose eligibility pool holds the group and names an assignment
//! rule; the group's agents need the roles and membership, an Available presence with Chat in
//! that state, and capacity left on Chat. The requester is only known with account linking and
//! an email that names one user; the agent's replies reach the bot through the webhook.
//!
//! The chain is made of the reports `check --deep` produced: it reads nothing itself.

use serde::Serialize;
use serde_json::{json, Value};

use crate::steps::{Status, StepId, StepReport};

/// The links in the order a chat meets them.
pub const LINKS: [StepId; 18] = [
    StepId::Instance,
    StepId::Auth,
    StepId::Plugins,
    StepId::AgentChat,
    StepId::Provider,
    StepId::LiveAgentChannel,
    StepId::Queue,
    StepId::Routing,
    StepId::AssignmentRule,
    StepId::GroupRoles,
    StepId::GroupMembers,
    StepId::AgentAvailable,
    StepId::ChatPresence,
    StepId::Capacity,
    StepId::AccountLinking,
    StepId::Requester,
    StepId::Webhook,
    StepId::ReplyUrl,
];

/// Whether no agent is ever offered the chat while `id` is broken (what `smoke-test` checks
/// first): a broken `provider`, `account_linking` or `requester` makes a Guest chat, the
/// webhook only carries the replies, and the instance and login fail the test by themselves.
pub fn blocks_offer(id: StepId) -> bool {
    !matches!(
        id,
        StepId::Instance
            | StepId::Auth
            | StepId::Provider
            | StepId::AccountLinking
            | StepId::Requester
            | StepId::Webhook
            | StepId::ReplyUrl
    )
}

/// The links of [`LINKS`] that [`blocks_offer`].
pub fn offer_links() -> Vec<StepId> {
    LINKS.into_iter().filter(|id| blocks_offer(*id)).collect()
}

/// What a link means, for a person reading the narrative.
pub fn meaning(id: StepId) -> &'static str {
    match id {
        StepId::Instance => "The instance answers",
        StepId::Auth => "sn-handoff can sign in",
        StepId::Plugins => "The plugins a hand-off needs are active",
        StepId::AgentChat => "Agent Chat is active and AWA assigns work",
        StepId::Provider => "The bot's messages are accepted by the VA Bot to Bot provider",
        StepId::LiveAgentChannel => "The Bot to Bot channel may reach live agents",
        StepId::Queue => "AWA has an active Chat queue to route the chat to",
        StepId::Routing => "The queue offers its work to the agents' group",
        StepId::AssignmentRule => "The group's pool picks an agent with an assignment rule",
        StepId::GroupRoles => "The group gives its agents the AWA roles",
        StepId::GroupMembers => "The agent is a member of the group",
        StepId::AgentAvailable => "The agent is Available",
        StepId::ChatPresence => "Chat is a channel of the Available presence state",
        StepId::Capacity => "The agent has Chat capacity left",
        StepId::AccountLinking => "The requester is linked to their account, not a Guest",
        StepId::Requester => "The requester's email names exactly one user",
        StepId::Webhook => "The agent's replies go to the bot's webhook",
        StepId::ReplyUrl => "On Virtual Agent API 4.1+, the Bot Connection posts to the webhook",
        _ => "A step beyond the chain holds",
    }
}

/// One link as `why-no-agent --json` gives it.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// The step id.
    pub id: StepId,
    /// Its verdict.
    pub status: Status,
    /// What it found.
    pub summary: String,
    /// What to do (a command where sn-handoff can repair it, else the manual path).
    pub fix: Option<String>,
}

/// The chain, up to and including the first broken link.
#[derive(Debug, Clone)]
pub struct Chain {
    /// The links reached, in order.
    pub links: Vec<Link>,
    /// The first broken link, if one is.
    pub broken: Option<StepId>,
    /// The links after the broken one.
    pub unreached: Vec<StepId>,
}

impl Chain {
    /// The chain of `order` through the reports of a `check --deep` run.
    pub fn of(steps: &[StepReport], order: &[StepId]) -> Chain {
        let mut chain = Chain {
            links: Vec::new(),
            broken: None,
            unreached: Vec::new(),
        };
        for id in order {
            if chain.broken.is_some() {
                chain.unreached.push(*id);
                continue;
            }
            let Some(step) = steps.iter().find(|s| s.id == *id) else {
                continue;
            };
            chain.links.push(Link {
                id: *id,
                status: step.status,
                summary: step.summary.clone(),
                fix: step.fix_text(),
            });
            if step.status == Status::Fail {
                chain.broken = Some(*id);
            }
        }
        chain
    }

    pub fn broken_link(&self) -> Option<&Link> {
        let id = self.broken?;
        self.links.iter().find(|l| l.id == id)
    }

    /// The chain as JSON: `broken`, `chain` (each link's id, status, summary, fix) and
    /// `unreached`.
    pub fn to_json(&self) -> Value {
        json!({
            "broken": self.broken,
            "chain": self.links,
            "unreached": self.unreached,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_first_broken_link() {
        let steps = vec![
            StepReport::pass(StepId::Instance, "ok", Value::Null),
            StepReport::fail(StepId::Queue, "no queue", Value::Null, "make one"),
            StepReport::fail(StepId::Capacity, "full", Value::Null, "free one"),
            StepReport::warn(StepId::Auth, "maybe", Value::Null),
        ];
        let chain = Chain::of(&steps, &LINKS);
        assert_eq!(chain.broken, Some(StepId::Queue));
        let ids: Vec<StepId> = chain.links.iter().map(|l| l.id).collect();
        assert_eq!(ids, [StepId::Instance, StepId::Auth, StepId::Queue]);
        assert!(chain.unreached.contains(&StepId::Capacity));
        assert_eq!(
            chain.broken_link().unwrap().fix.as_deref(),
            Some("make one")
        );
        for id in LINKS {
            assert!(!meaning(id).is_empty());
        }
    }
}
