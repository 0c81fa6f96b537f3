//! What the simulated CI/CD API remembers between requests: its operations, what each one
//! changes, and the batch install plans with their packages.

/// What an operation changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A plugin id.
    Plugin(String),
    /// A batch install plan, by its results id.
    Batch(String),
}

/// A batch install plan and its items (cicd-api.md, "GET /sn_cicd/app/batch/results").
#[derive(Debug, Clone)]
pub(crate) struct BatchPlan {
    pub(crate) name: String,
    pub(crate) notes: String,
    pub(crate) state: &'static str,
    pub(crate) items: Vec<BatchItem>,
}

impl BatchPlan {
    /// The packages' ids and requested versions.
    #[cfg(any(test, feature = "test-support"))]
    pub(crate) fn packages(&self) -> Vec<(String, String)> {
        self.items
            .iter()
            .map(|i| (i.id.clone(), i.version.clone()))
            .collect()
    }
}

/// One package of a batch plan.
#[derive(Debug, Clone)]
pub(crate) struct BatchItem {
    /// The requested id (a `sys_remote_app` sys_id).
    pub(crate) id: String,
    /// The application's scope, when the id named one.
    pub(crate) scope: Option<String>,
    pub(crate) name: String,
    pub(crate) version: String,
    pub(crate) notes: String,
    pub(crate) state: &'static str,
    pub(crate) status_message: String,
    pub(crate) install_date: String,
}

/// One CI/CD operation and how far it got.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    pub(crate) target: Target,
    /// Progress polls answered so far.
    pub(crate) polls: u32,
    /// Whether it has succeeded (and its effect was applied).
    pub(crate) done: bool,
}

impl Operation {
    /// One poll's worth of progress, without answering it: the next poll ends it.
    #[cfg(any(test, feature = "test-support"))]
    pub(crate) fn advance(&mut self) {
        if !self.done {
            self.polls = self.polls.max(1);
        }
    }
}
