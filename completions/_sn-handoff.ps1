
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'sn-handoff' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'sn-handoff'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'sn-handoff' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Interactive wizard through all six steps: checks each, offers each fix, saves a profile')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Verify every step of the guide, read-only; exit 1 if any step fails (for CI)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Sign in and store credentials for the profile; show, forget or use them')
            [CompletionResult]::new('plugins', 'plugins', [CompletionResultType]::ParameterValue, 'List the five plugins and their state; --activate activates the missing ones')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Show the AWA group''s roles and members; --fix adds what is missing')
            [CompletionResult]::new('set-webhook', 'set-webhook', [CompletionResultType]::ParameterValue, 'Point "VABot to Bot", its postMessage method and the 4.1+ Bot Connection at URL (after each deploy)')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Agent presence: `agent available --agent USER` sets an agent''s presence to Available')
            [CompletionResult]::new('smoke-test', 'smoke-test', [CompletionResultType]::ParameterValue, 'Hand a test conversation over and watch it reach the available agent')
            [CompletionResult]::new('why-no-agent', 'why-no-agent', [CompletionResultType]::ParameterValue, 'Tell why a handed-over chat reaches no agent: the first broken link and what to do')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Write a redacted support bundle: reports, versions, properties and every HTTP exchange')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what differs for the hand-off between two profiles'' instances (and bots); exit 1 on drift')
            [CompletionResult]::new('kore', 'kore', [CompletionResultType]::ParameterValue, 'The Kore.ai side: the bot''s ServiceNow agent integration, channel mappings, publish')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Serve a simulated instance on 127.0.0.1 and print its URL and credentials')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page in roff: sn-handoff(1), or the page of one command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sn-handoff;init' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The AWA group of step 4 [default: Consumer Service Support]')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent (user_name) who must be in the group and Available')
            [CompletionResult]::new('--webhook-url', '--webhook-url', [CompletionResultType]::ParameterName, 'The Kore.ai webhook URL the "VABot to Bot" message must point at')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'A step to report as `skip` (repeatable; not `instance` or `auth`, which every other step needs)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'With --deep: the email a requester''s chats carry, which must name exactly one active, unlocked user (else the chat arrives as Guest)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'How long to watch plugin activations, in minutes')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Loopback port of the OAuth browser sign-in''s redirect, http://127.0.0.1:PORT/callback')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the OAuth sign-in URL instead of opening a browser')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Write nothing and save no profile: run unattended (as --no-input) and print every write the guide''s repairs would make on both sides (as `check --fix --dry-run`); exit 0 when there is nothing to do, 1 when there is')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;check' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Report format on stdout; beside a machine format the human lines go to stderr [default: human]')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The AWA group of step 4 [default: Consumer Service Support]')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent (user_name) who must be in the group and Available')
            [CompletionResult]::new('--webhook-url', '--webhook-url', [CompletionResultType]::ParameterName, 'The Kore.ai webhook URL the "VABot to Bot" message must point at')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'A step to report as `skip` (repeatable; not `instance` or `auth`, which every other step needs)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'With --deep: the email a requester''s chats carry, which must name exactly one active, unlocked user (else the chat arrives as Guest)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'With --fix: how long to watch plugin activations, in minutes')
            [CompletionResult]::new('--profiles', '--profiles', [CompletionResultType]::ParameterName, 'Check these profiles of the config file at once (comma-separated), each with its own instance and credentials; one combined report, exit code the worst profile''s')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'After the checks, repair every failing step it can (plugins first), then check again')
            [CompletionResult]::new('--deep', '--deep', [CompletionResultType]::ParameterName, 'Also verify what the guide omits but a handoff needs (agent_chat, reply_url, provider, live_agent_channel, queue, routing, assignment_rule, chat_presence, capacity, account_linking, requester)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --fix: print every write the repairs would make on both sides and send none; exit 0 when there is nothing to do, 1 when there is')
            [CompletionResult]::new('--all-profiles', '--all-profiles', [CompletionResultType]::ParameterName, 'Check every profile of the config file at once (as --profiles with all their names)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;auth' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in, prove the credentials with one read, store the secrets in the OS keyring and the rest in the profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the instance, user, method and where each secret comes from, and whether they work (exit 0 only when they do)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete the profile''s secrets from the OS keyring')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a fresh OAuth access token on stdout (for scripts)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Mint a new OAuth refresh token, store it, and with Kore.ai settings push it to the bot (kore connect)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sn-handoff;auth;login' {
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'How to get the OAuth refresh token (implies --auth oauth) [default: browser; without a terminal, token when SN_HANDOFF_REFRESH_TOKEN is set]')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Loopback port of the browser sign-in''s redirect, http://127.0.0.1:PORT/callback')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds to wait for the browser sign-in')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the sign-in URL instead of opening a browser')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;auth;status' {
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;auth;logout' {
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;auth;token' {
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Print the refresh token in use instead (for Kore.ai''s OAuth settings or a CI secret store), after proving it with an exchange')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;auth;rotate' {
            [CompletionResult]::new('--grant', '--grant', [CompletionResultType]::ParameterName, 'How to get the OAuth refresh token (implies --auth oauth) [default: browser; without a terminal, token when SN_HANDOFF_REFRESH_TOKEN is set]')
            [CompletionResult]::new('--redirect-port', '--redirect-port', [CompletionResultType]::ParameterName, 'Loopback port of the browser sign-in''s redirect, http://127.0.0.1:PORT/callback')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'Seconds to wait for the browser sign-in')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the sign-in URL instead of opening a browser')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;auth;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in, prove the credentials with one read, store the secrets in the OS keyring and the rest in the profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the instance, user, method and where each secret comes from, and whether they work (exit 0 only when they do)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete the profile''s secrets from the OS keyring')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a fresh OAuth access token on stdout (for scripts)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Mint a new OAuth refresh token, store it, and with Kore.ai settings push it to the bot (kore connect)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sn-handoff;auth;help;login' {
            break
        }
        'sn-handoff;auth;help;status' {
            break
        }
        'sn-handoff;auth;help;logout' {
            break
        }
        'sn-handoff;auth;help;token' {
            break
        }
        'sn-handoff;auth;help;rotate' {
            break
        }
        'sn-handoff;auth;help;help' {
            break
        }
        'sn-handoff;plugins' {
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'How long to watch the activations, in minutes; they go on on the instance after it')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--activate', '--activate', [CompletionResultType]::ParameterName, 'Activate the inactive ones (plugins through the CI/CD API, then Store applications)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;group' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The AWA group [default: Consumer Service Support]')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent (user_name) who must be in the group')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--fix', '--fix', [CompletionResultType]::ParameterName, 'Add the missing roles and the agent''s membership')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;set-webhook' {
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The REST message''s name [default: "VABot to Bot" or "VA Bot to Bot"]')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The HTTP method (function name) of the message that posts to the bot')
            [CompletionResult]::new('--sys-id', '--sys-id', [CompletionResultType]::ParameterName, 'Pick the REST message by sys_id (when two share a name)')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would change, write nothing')
            [CompletionResult]::new('--rollback', '--rollback', [CompletionResultType]::ParameterName, 'Restore the values the last set-webhook replaced')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --rollback: restore even over a value someone else set since')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;agent' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('available', 'available', [CompletionResultType]::ParameterValue, 'Set the agent''s AWA presence to Available (and available on the Chat channel)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sn-handoff;agent;available' {
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent (user_name) [default: the profile''s agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;agent;help' {
            [CompletionResult]::new('available', 'available', [CompletionResultType]::ParameterValue, 'Set the agent''s AWA presence to Available (and available on the Chat channel)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sn-handoff;agent;help;available' {
            break
        }
        'sn-handoff;agent;help;help' {
            break
        }
        'sn-handoff;smoke-test' {
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'How long to wait for the hand-off to reach an agent, in seconds')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The test requester (user_name); the chat is linked to them by their email [default: the user sn-handoff signs in as]')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent (user_name) who should be offered the chat; any agent counts without it')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The text of the request for a live agent')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--no-preflight', '--no-preflight', [CompletionResultType]::ParameterName, 'Start the conversation without first checking the chain a chat takes (`why-no-agent`)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;why-no-agent' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The AWA group of step 4 [default: Consumer Service Support]')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent (user_name) who must be in the group and Available')
            [CompletionResult]::new('--webhook-url', '--webhook-url', [CompletionResultType]::ParameterName, 'The Kore.ai webhook URL the "VABot to Bot" message must point at')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'A step to report as `skip` (repeatable; not `instance` or `auth`, which every other step needs)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'With --deep: the email a requester''s chats carry, which must name exactly one active, unlocked user (else the chat arrives as Guest)')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;doctor' {
            [CompletionResult]::new('--bundle', '--bundle', [CompletionResultType]::ParameterName, 'Where to write the bundle (.tar.gz); an existing file is replaced')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'The AWA group of step 4 [default: Consumer Service Support]')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'The agent (user_name) who must be in the group and Available')
            [CompletionResult]::new('--webhook-url', '--webhook-url', [CompletionResultType]::ParameterName, 'The Kore.ai webhook URL the "VABot to Bot" message must point at')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'A step to report as `skip` (repeatable; not `instance` or `auth`, which every other step needs)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'With --deep: the email a requester''s chats carry, which must name exactly one active, unlocked user (else the chat arrives as Guest)')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--enable-va-logging', '--enable-va-logging', [CompletionResultType]::ParameterName, 'Turn the outbound HTTP log on for the run, and restore it afterwards')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;diff' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: human, json or markdown [default: human]')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Show every value compared, not only those that differ (human and markdown)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;kore' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The bot''s agent-transfer channel mappings: is ServiceNow the default and mapped for each enabled channel (exit 1 when not)')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Push this profile''s instance and credentials into the bot''s ServiceNow agent integration, make it the default, and with --publish publish and wait')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sn-handoff;kore;status' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;kore;connect' {
            [CompletionResult]::new('--queue-id', '--queue-id', [CompletionResultType]::ParameterName, 'The queue id Kore.ai sends with hand-offs (queueId)')
            [CompletionResult]::new('--deadline', '--deadline', [CompletionResultType]::ParameterName, 'With --publish: how long to wait for the publish, in minutes')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--publish', '--publish', [CompletionResultType]::ParameterName, 'Publish the bot afterwards and wait for the publish to end')
            [CompletionResult]::new('--no-default', '--no-default', [CompletionResultType]::ParameterName, 'Leave the default agent integration and the channel mappings as they are')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print what would be sent (every secret as ***); send nothing')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;kore;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The bot''s agent-transfer channel mappings: is ServiceNow the default and mapped for each enabled channel (exit 1 when not)')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Push this profile''s instance and credentials into the bot''s ServiceNow agent integration, make it the default, and with --publish publish and wait')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sn-handoff;kore;help;status' {
            break
        }
        'sn-handoff;kore;help;connect' {
            break
        }
        'sn-handoff;kore;help;help' {
            break
        }
        'sn-handoff;demo' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 (0 picks a free one)')
            [CompletionResult]::new('--scenario', '--scenario', [CompletionResultType]::ParameterName, 'What state the simulated instance starts in')
            [CompletionResult]::new('--latency-ms', '--latency-ms', [CompletionResultType]::ParameterName, 'Added to every response, in milliseconds')
            [CompletionResult]::new('--va-api-version', '--va-api-version', [CompletionResultType]::ParameterName, 'The Virtual Agent API version (4.1 and later reply through the "Bot Connection") [default: 3.0.2]')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;completions' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;man' {
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Named settings in the config file [default: default]')
            [CompletionResult]::new('--auth', '--auth', [CompletionResultType]::ParameterName, 'Authentication method')
            [CompletionResult]::new('-u', '-u', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'ServiceNow user (basic auth, or the OAuth password grant)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (not secret)')
            [CompletionResult]::new('--client-cert', '--client-cert', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate (PEM; the chain, leaf first)')
            [CompletionResult]::new('--client-key', '--client-key', [CompletionResultType]::ParameterName, 'With --auth mtls: the client certificate''s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request timeout in seconds')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Extra PEM trust root (corporate TLS inspection)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]')
            [CompletionResult]::new('--release', '--release', [CompletionResultType]::ParameterName, 'With --demo or `demo`: the release family the simulated instance reports [default: australia]')
            [CompletionResult]::new('--demo-scenario', '--demo-scenario', [CompletionResultType]::ParameterName, 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]')
            [CompletionResult]::new('--kore-host', '--kore-host', [CompletionResultType]::ParameterName, 'Kore.ai platform host [default: platform.kore.ai]')
            [CompletionResult]::new('--bot-id', '--bot-id', [CompletionResultType]::ParameterName, 'The Kore.ai bot (app) id, st-…')
            [CompletionResult]::new('--kore-client-id', '--kore-client-id', [CompletionResultType]::ParameterName, 'Client id of the bot''s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--kore-admin-client-id', '--kore-admin-client-id', [CompletionResultType]::ParameterName, 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the one secret that is needed from standard input')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Write one JSON document to stdout; all human text goes to stderr')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 2 naming what is missing')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'sn-handoff;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Interactive wizard through all six steps: checks each, offers each fix, saves a profile')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Verify every step of the guide, read-only; exit 1 if any step fails (for CI)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Sign in and store credentials for the profile; show, forget or use them')
            [CompletionResult]::new('plugins', 'plugins', [CompletionResultType]::ParameterValue, 'List the five plugins and their state; --activate activates the missing ones')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Show the AWA group''s roles and members; --fix adds what is missing')
            [CompletionResult]::new('set-webhook', 'set-webhook', [CompletionResultType]::ParameterValue, 'Point "VABot to Bot", its postMessage method and the 4.1+ Bot Connection at URL (after each deploy)')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Agent presence: `agent available --agent USER` sets an agent''s presence to Available')
            [CompletionResult]::new('smoke-test', 'smoke-test', [CompletionResultType]::ParameterValue, 'Hand a test conversation over and watch it reach the available agent')
            [CompletionResult]::new('why-no-agent', 'why-no-agent', [CompletionResultType]::ParameterValue, 'Tell why a handed-over chat reaches no agent: the first broken link and what to do')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Write a redacted support bundle: reports, versions, properties and every HTTP exchange')
            [CompletionResult]::new('diff', 'diff', [CompletionResultType]::ParameterValue, 'Show what differs for the hand-off between two profiles'' instances (and bots); exit 1 on drift')
            [CompletionResult]::new('kore', 'kore', [CompletionResultType]::ParameterValue, 'The Kore.ai side: the bot''s ServiceNow agent integration, channel mappings, publish')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Serve a simulated instance on 127.0.0.1 and print its URL and credentials')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for a shell (bash, zsh, fish, powershell, elvish)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a man page in roff: sn-handoff(1), or the page of one command')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sn-handoff;help;init' {
            break
        }
        'sn-handoff;help;check' {
            break
        }
        'sn-handoff;help;auth' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in, prove the credentials with one read, store the secrets in the OS keyring and the rest in the profile')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the instance, user, method and where each secret comes from, and whether they work (exit 0 only when they do)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Delete the profile''s secrets from the OS keyring')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a fresh OAuth access token on stdout (for scripts)')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Mint a new OAuth refresh token, store it, and with Kore.ai settings push it to the bot (kore connect)')
            break
        }
        'sn-handoff;help;auth;login' {
            break
        }
        'sn-handoff;help;auth;status' {
            break
        }
        'sn-handoff;help;auth;logout' {
            break
        }
        'sn-handoff;help;auth;token' {
            break
        }
        'sn-handoff;help;auth;rotate' {
            break
        }
        'sn-handoff;help;plugins' {
            break
        }
        'sn-handoff;help;group' {
            break
        }
        'sn-handoff;help;set-webhook' {
            break
        }
        'sn-handoff;help;agent' {
            [CompletionResult]::new('available', 'available', [CompletionResultType]::ParameterValue, 'Set the agent''s AWA presence to Available (and available on the Chat channel)')
            break
        }
        'sn-handoff;help;agent;available' {
            break
        }
        'sn-handoff;help;smoke-test' {
            break
        }
        'sn-handoff;help;why-no-agent' {
            break
        }
        'sn-handoff;help;doctor' {
            break
        }
        'sn-handoff;help;diff' {
            break
        }
        'sn-handoff;help;kore' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'The bot''s agent-transfer channel mappings: is ServiceNow the default and mapped for each enabled channel (exit 1 when not)')
            [CompletionResult]::new('connect', 'connect', [CompletionResultType]::ParameterValue, 'Push this profile''s instance and credentials into the bot''s ServiceNow agent integration, make it the default, and with --publish publish and wait')
            break
        }
        'sn-handoff;help;kore;status' {
            break
        }
        'sn-handoff;help;kore;connect' {
            break
        }
        'sn-handoff;help;demo' {
            break
        }
        'sn-handoff;help;completions' {
            break
        }
        'sn-handoff;help;man' {
            break
        }
        'sn-handoff;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
