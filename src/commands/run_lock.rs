//! Starting a writing run: the state file a command keeps, its lock, and finishing the
//! journal an earlier run left, saying so. These take the settings and print, so they are the
//! commands' part of the state file ([`StateFile`] itself is given paths and returns what it
//! did).

use crate::error::Result;
use crate::state::{InstanceLock, StateFile};

impl StateFile {
    /// The state file for a command run against `client`; `None` under `--demo` (a `--demo`
    /// run reads no state of a real instance; its simulated instance is served on a new port
    /// each run, and only its records are kept, in the demo world).
    pub fn for_run(
        settings: &crate::settings::Settings,
        client: &crate::servicenow::Client,
    ) -> Option<StateFile> {
        if !settings.saves() {
            return None;
        }
        StateFile::for_instance(client.instance().as_str())
    }

    /// The instance's lock for a run that is about to change it (see [`StateFile::begin`]);
    /// `None` under `--demo` or without a state directory. Every writing command takes it
    /// before its first write, so this is where a Tokyo-or-older instance stops it (exit 4)
    /// before anything is attempted ([`crate::settings::writable`], which
    /// also guards each write itself: [`crate::settings::ReleaseGate`]).
    pub async fn lock_for_run(
        settings: &crate::settings::Settings,
        client: &crate::servicenow::Client,
        command: &str,
    ) -> Result<Option<InstanceLock>> {
        crate::settings::writable(client).await?;
        match StateFile::for_run(settings, client) {
            Some(file) => Ok(Some(file.begin(client, command).await?)),
            None => {
                crate::journal::begin(client, None, command);
                Ok(None)
            }
        }
    }

    /// Begins a writing run of `command`: takes the lock, finishes the journal an earlier run
    /// left (saying so on stderr), and starts this run's journal.
    pub async fn begin(
        &self,
        client: &crate::servicenow::Client,
        command: &str,
    ) -> Result<InstanceLock> {
        let mut lock = self.lock(|line| crate::ui::diagnostic(line)).await?;
        crate::journal::arm();
        // Through the printer's net: the messages name records from the instance.
        let mut say = |said: Option<String>| {
            if let Some(said) = said {
                crate::ui::Printer::new(false, true).line(said);
                lock.finished_left();
            }
        };
        say(crate::journal::recover(self, client, &crate::steps::engine::RECOVERY).await?);
        say(crate::journal::temporary::undo_left(self, client).await?);
        say(crate::steps::smoke::remove_left(self, client).await?);
        // No journal, no write: a state file that cannot be written (a full disk, a
        // read-only directory) stops the run before anything is sent.
        self.update(|_| ())
            .map_err(|e| crate::journal::unsaved_after(Some("nothing was changed"), &e))?;
        crate::journal::begin(client, Some(self.clone()), command);
        let client = client.clone();
        lock.on_release(move || crate::journal::close(&client));
        Ok(lock)
    }
}
