//! A step's name: a value every layer may hold (`--skip` parses into it, the step options
//! carry it, the steps and the reports name themselves with it). The step table, which
//! knows which steps there are, is the steps' own (`steps::engine`).

use serde::Serialize;

/// A step's id as the JSON report and `--skip` write it (`instance`, `group_roles`, …). A
/// new step defines its own with [`StepId::new`] in its file; the ids below are the steps of
/// the table in `steps::engine::STEPS` (named like enum variants, so `match` and `matches!` read the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StepId(&'static str);

#[allow(non_upper_case_globals)]
impl StepId {
    /// 1. the instance URL
    pub const Instance: StepId = StepId("instance");
    /// 2. authentication
    pub const Auth: StepId = StepId("auth");
    /// 3. the five plugins
    pub const Plugins: StepId = StepId("plugins");
    /// 4. the group's roles
    pub const GroupRoles: StepId = StepId("group_roles");
    /// 4. the group's members
    pub const GroupMembers: StepId = StepId("group_members");
    /// 5. the webhook
    pub const Webhook: StepId = StepId("webhook");
    /// 6. the agent's availability
    pub const AgentAvailable: StepId = StepId("agent_available");
    /// Beyond the guide: Agent Chat active and AWA enabled.
    pub const AgentChat: StepId = StepId("agent_chat");
    /// Beyond the guide: the 4.1+ reply connection points at the webhook.
    pub const ReplyUrl: StepId = StepId("reply_url");
    /// Beyond the guide: the bot-to-bot provider, its application and message auth.
    pub const Provider: StepId = StepId("provider");
    /// Beyond the guide: the "Bot to Bot" channel is not excluded from live agents.
    pub const LiveAgentChannel: StepId = StepId("live_agent_channel");
    /// Beyond the guide: an eligibility pool of an active Chat queue holds the step-4 group.
    pub const Routing: StepId = StepId("routing");
    /// Beyond the guide: an active AWA queue on the Chat service channel.
    pub const Queue: StepId = StepId("queue");
    /// Beyond the guide: the group's eligibility pool names an active assignment rule.
    pub const AssignmentRule: StepId = StepId("assignment_rule");
    /// Beyond the guide: Chat is a channel of the Available presence state for the agent.
    pub const ChatPresence: StepId = StepId("chat_presence");
    /// Beyond the guide: an Available agent has capacity left on Chat.
    pub const Capacity: StepId = StepId("capacity");
    /// Beyond the guide: the provider links the bot's users to ServiceNow accounts.
    pub const AccountLinking: StepId = StepId("account_linking");
    /// Beyond the guide: the requester's email names exactly one active, unlocked user.
    pub const Requester: StepId = StepId("requester");

    /// An id; `snake_case`, as the JSON report and `--skip` show it.
    pub const fn new(id: &'static str) -> StepId {
        StepId(id)
    }

    /// The id as the JSON report and `--skip` write it.
    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl Serialize for StepId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}
