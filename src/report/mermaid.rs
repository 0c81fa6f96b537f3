//! The hand-off drawn as a Mermaid flowchart, for the Markdown report (and so GitHub's job
//! summary, which renders Mermaid) and `why-no-agent --format markdown`.
//!
//! The chart follows a chat: the Kore.ai bot, the webhook that joins it to ServiceNow, the
//! Virtual Agent API, the queue, the group and the agent. Each box lists the steps of the
//! report behind it with their marks (the deep ones when `--deep` or `why-no-agent` read
//! them); a box whose steps were not read says so. The first broken box is drawn with a thick
//! red border, says "first broken link" and is named on the arrow into it; the arrows after it
//! are dashed, since a chat does not get past it. Every label is fixed text and step ids: nothing the instance said
//! reaches the chart, so no value can break it.

use crate::steps::{Status, StepId, StepReport};

/// A box of the chart: its Mermaid id, its title, and the steps behind it.
struct Node {
    id: &'static str,
    title: &'static str,
    steps: &'static [&'static str],
}

/// The boxes in the order a handed-over chat meets them.
const NODES: [Node; 6] = [
    Node {
        id: "bot",
        title: "Kore.ai bot",
        steps: &["kore"],
    },
    Node {
        id: "webhook",
        title: "webhook",
        steps: &["webhook", "reply_url"],
    },
    Node {
        id: "va",
        title: "Virtual Agent API",
        steps: &[
            "instance",
            "auth",
            "plugins",
            "agent_chat",
            "provider",
            "live_agent_channel",
            "account_linking",
            "requester",
        ],
    },
    Node {
        id: "queue",
        title: "queue",
        steps: &["queue", "routing", "assignment_rule"],
    },
    Node {
        id: "group",
        title: "group",
        steps: &["group_roles", "group_members"],
    },
    Node {
        id: "agent",
        title: "agent",
        steps: &["agent_available", "chat_presence", "capacity"],
    },
];

/// What a box shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Holds,
    Warns,
    Broken,
    /// None of its steps were read (skipped, or not part of this run).
    Unknown,
}

/// The chart as a fenced `mermaid` block. `broken` names the step the caller calls the first
/// broken link (why-no-agent's chain); without one, the first box with a failing step is.
pub fn flowchart(steps: &[StepReport], broken: Option<StepId>) -> String {
    let status_of = |id: &str| steps.iter().find(|s| s.id.as_str() == id).map(|s| s.status);
    let states: Vec<State> = NODES.iter().map(|node| state(node, status_of)).collect();
    let first_broken = match broken {
        Some(id) => NODES.iter().position(|n| n.steps.contains(&id.as_str())),
        None => states.iter().position(|s| *s == State::Broken),
    };
    let mut out = String::from("```mermaid\nflowchart LR\n");
    for (i, node) in NODES.iter().enumerate() {
        out.push_str(&node_line(
            node,
            states[i],
            first_broken == Some(i),
            status_of,
        ));
    }
    for (i, pair) in NODES.windows(2).enumerate() {
        let arrow = if Some(i + 1) == first_broken {
            format!("-- \"breaks at {}\" -->", NODES[i + 1].title)
        } else if first_broken.is_some_and(|b| i + 1 > b) {
            "-.->".to_string()
        } else {
            "-->".to_string()
        };
        out.push_str(&format!("  {} {arrow} {}\n", pair[0].id, pair[1].id));
    }
    out.push_str(CLASSES);
    for (i, node) in NODES.iter().enumerate() {
        let class = match states[i] {
            _ if first_broken == Some(i) => "first",
            State::Holds => "holds",
            State::Warns => "warns",
            State::Broken => "broken",
            State::Unknown => "unknown",
        };
        out.push_str(&format!("  class {} {class}\n", node.id));
    }
    out.push_str("```\n");
    out
}

/// The colours of each state's boxes.
const CLASSES: &str = "  classDef holds fill:#dafbe1,stroke:#1a7f37
  classDef warns fill:#fff8c5,stroke:#9a6700
  classDef broken fill:#ffebe9,stroke:#cf222e
  classDef first fill:#ffebe9,stroke:#cf222e,stroke-width:4px
  classDef unknown fill:#f6f8fa,stroke:#8c959f,stroke-dasharray:4
";

/// A box's state: the worst of its steps that were read.
fn state(node: &Node, status_of: impl Fn(&str) -> Option<Status>) -> State {
    let statuses: Vec<Status> = node.steps.iter().filter_map(|id| status_of(id)).collect();
    if statuses.contains(&Status::Fail) {
        State::Broken
    } else if statuses.contains(&Status::Warn) {
        State::Warns
    } else if statuses.contains(&Status::Pass) {
        State::Holds
    } else {
        State::Unknown
    }
}

/// One box: its mark and title, whether it is the first broken link, and each step read in it.
fn node_line(
    node: &Node,
    state: State,
    first_broken: bool,
    status_of: impl Fn(&str) -> Option<Status>,
) -> String {
    let mark = match state {
        State::Holds => "✓",
        State::Warns => "!",
        State::Broken => "✗",
        State::Unknown => "?",
    };
    let read: Vec<String> = (node.steps.iter())
        .filter_map(|id| {
            status_of(id).map(|s| {
                let m = match s {
                    Status::Pass => "✓",
                    Status::Warn => "!",
                    Status::Fail => "✗",
                    Status::Skip => "-",
                };
                format!("{m} {id}")
            })
        })
        .collect();
    let detail = if read.is_empty() {
        "not read".to_string()
    } else {
        read.join("<br/>")
    };
    let first = if first_broken {
        "<br/><b>first broken link</b>"
    } else {
        ""
    };
    format!(
        "  {}[\"{mark} {}{first}<br/><small>{detail}</small>\"]\n",
        node.id, node.title
    )
}
