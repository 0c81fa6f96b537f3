//! `auth logout`: forget the profile's secrets in the OS keyring.

use colored::Colorize;
use serde_json::json;

use super::refuse_demo;
use crate::error::{Error, ErrorKind, ExitStatus, Result};
use crate::keystore::{self, SecretKind};
use crate::settings::Settings;
use crate::ui::Printer;
pub(super) fn logout(settings: &Settings, printer: &Printer) -> Result<ExitStatus> {
    refuse_demo(settings, "logout")?;
    let Some(instance) = settings.instance_if_known()? else {
        return Err(Error::usage(
            "which instance? pass --instance URL or set SN_HANDOFF_INSTANCE (the profile names none)",
        ));
    };
    let secrets = settings.secrets(&instance, SecretKind::Password, true);
    let mut deleted = Vec::new();
    // The access token kept between runs goes with the credentials (it is not one of the
    // secrets a login stores, so it is not reported).
    let _ = keystore::delete(&secrets.key(SecretKind::AccessToken));
    for kind in SecretKind::ALL {
        match keystore::delete(&secrets.key(kind)) {
            Ok(true) => deleted.push(kind),
            Ok(false) => {}
            Err(e) => {
                let done = if deleted.is_empty() {
                    "nothing was deleted".to_string()
                } else {
                    format!(
                        "deleted only the {}",
                        crate::steps::and_list(
                            &deleted.iter().map(|k| k.words()).collect::<Vec<_>>()
                        )
                    )
                };
                return Err(Error::new(ErrorKind::WriteFailed, format!("{e}: {done}"))
                    .with_hint("sn-handoff keeps secrets nowhere else; run it again where the keyring can be reached"));
            }
        }
    }
    let still_set: Vec<&str> = SecretKind::ALL
        .iter()
        .map(|k| k.env())
        .filter(|name| std::env::var(name).is_ok_and(|v| !v.is_empty()))
        .collect();
    if printer.json() {
        printer.print_json(&json!({
            "profile": settings.profile_name,
            "instance": instance.as_str(),
            "deleted": deleted.iter().map(|k| k.id()).collect::<Vec<_>>(),
            "env_still_set": still_set,
        }));
    }
    let whose = format!("profile `{}` at {instance}", settings.profile_name);
    if deleted.is_empty() {
        printer.result(format!(
            "Nothing to delete: the OS keyring holds no secret of {whose}."
        ));
    } else {
        printer.result(format!(
            "{} Deleted from the OS keyring: the {} of {whose}.",
            "✓".green(),
            crate::steps::and_list(&deleted.iter().map(|k| k.words()).collect::<Vec<_>>())
        ));
    }
    if !still_set.is_empty() {
        printer.result(format!(
            "  {} is still set in this environment and is used before the keyring.",
            still_set.join(", ")
        ));
    }
    Ok(ExitStatus::Success)
}
