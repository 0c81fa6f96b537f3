# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sn_handoff_global_optspecs
    string join \n i/instance= p/profile= auth= u/username= client-id= client-cert= client-key= password-stdin json no-input v/verbose timeout= ca-cert= color= config= demo release= demo-scenario= kore-host= bot-id= kore-client-id= kore-admin-client-id= h/help V/version
end

function __fish_sn_handoff_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_sn_handoff_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_sn_handoff_using_subcommand
    set -l cmd (__fish_sn_handoff_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "init" -d 'Interactive wizard through all six steps: checks each, offers each fix, saves a profile'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "check" -d 'Verify every step of the guide, read-only; exit 1 if any step fails (for CI)'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "auth" -d 'Sign in and store credentials for the profile; show, forget or use them'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "plugins" -d 'List the five plugins and their state; --activate activates the missing ones'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "group" -d 'Show the AWA group\'s roles and members; --fix adds what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "set-webhook" -d 'Point "VABot to Bot", its postMessage method and the 4.1+ Bot Connection at URL (after each deploy)'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "agent" -d 'Agent presence: `agent available --agent USER` sets an agent\'s presence to Available'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "smoke-test" -d 'Hand a test conversation over and watch it reach the available agent'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "why-no-agent" -d 'Tell why a handed-over chat reaches no agent: the first broken link and what to do'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "doctor" -d 'Write a redacted support bundle: reports, versions, properties and every HTTP exchange'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "diff" -d 'Show what differs for the hand-off between two profiles\' instances (and bots); exit 1 on drift'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "kore" -d 'The Kore.ai side: the bot\'s ServiceNow agent integration, channel mappings, publish'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "demo" -d 'Serve a simulated instance on 127.0.0.1 and print its URL and credentials'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "completions" -d 'Print a completion script for a shell (bash, zsh, fish, powershell, elvish)'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "man" -d 'Print a man page in roff: sn-handoff(1), or the page of one command'
complete -c sn-handoff -n "__fish_sn_handoff_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l group -d 'The AWA group of step 4 [default: Consumer Service Support]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l agent -d 'The agent (user_name) who must be in the group and Available' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l webhook-url -d 'The Kore.ai webhook URL the "VABot to Bot" message must point at' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l skip -d 'A step to report as `skip` (repeatable; not `instance` or `auth`, which every other step needs)' -r -f -a "plugins\t''
group_roles\t''
group_members\t''
webhook\t''
agent_available\t''
kore\t''
agent_chat\t''
reply_url\t''
provider\t''
live_agent_channel\t''
queue\t''
routing\t''
assignment_rule\t''
chat_presence\t''
capacity\t''
account_linking\t''
requester\t''"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l requester -d 'With --deep: the email a requester\'s chats carry, which must name exactly one active, unlocked user (else the chat arrives as Guest)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l deadline -d 'How long to watch plugin activations, in minutes' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l redirect-port -d 'Loopback port of the OAuth browser sign-in\'s redirect, http://127.0.0.1:PORT/callback' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l no-browser -d 'Print the OAuth sign-in URL instead of opening a browser'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l dry-run -d 'Write nothing and save no profile: run unattended (as --no-input) and print every write the guide\'s repairs would make on both sides (as `check --fix --dry-run`); exit 0 when there is nothing to do, 1 when there is'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand init" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l format -d 'Report format on stdout; beside a machine format the human lines go to stderr [default: human]' -r -f -a "human\t'One line per step on stdout'
json\t'One JSON document on stdout, the same as `--json` (its JSON Schema: docs/schema/check-report.schema.json)'
junit\t'A JUnit XML report on stdout, one test case per step (GitLab, Jenkins)'
github\t'GitHub Actions annotations on stdout, and a table in $GITHUB_STEP_SUMMARY'
markdown\t'A Markdown table on stdout'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l group -d 'The AWA group of step 4 [default: Consumer Service Support]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l agent -d 'The agent (user_name) who must be in the group and Available' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l webhook-url -d 'The Kore.ai webhook URL the "VABot to Bot" message must point at' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l skip -d 'A step to report as `skip` (repeatable; not `instance` or `auth`, which every other step needs)' -r -f -a "plugins\t''
group_roles\t''
group_members\t''
webhook\t''
agent_available\t''
kore\t''
agent_chat\t''
reply_url\t''
provider\t''
live_agent_channel\t''
queue\t''
routing\t''
assignment_rule\t''
chat_presence\t''
capacity\t''
account_linking\t''
requester\t''"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l requester -d 'With --deep: the email a requester\'s chats carry, which must name exactly one active, unlocked user (else the chat arrives as Guest)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l deadline -d 'With --fix: how long to watch plugin activations, in minutes' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l profiles -d 'Check these profiles of the config file at once (comma-separated), each with its own instance and credentials; one combined report, exit code the worst profile\'s' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l fix -d 'After the checks, repair every failing step it can (plugins first), then check again'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l deep -d 'Also verify what the guide omits but a handoff needs (agent_chat, reply_url, provider, live_agent_channel, queue, routing, assignment_rule, chat_presence, capacity, account_linking, requester)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l dry-run -d 'With --fix: print every write the repairs would make on both sides and send none; exit 0 when there is nothing to do, 1 when there is'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l all-profiles -d 'Check every profile of the config file at once (as --profiles with all their names)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand check" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -f -a "login" -d 'Sign in, prove the credentials with one read, store the secrets in the OS keyring and the rest in the profile'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -f -a "status" -d 'Show the instance, user, method and where each secret comes from, and whether they work (exit 0 only when they do)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -f -a "logout" -d 'Delete the profile\'s secrets from the OS keyring'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -f -a "token" -d 'Print a fresh OAuth access token on stdout (for scripts)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -f -a "rotate" -d 'Mint a new OAuth refresh token, store it, and with Kore.ai settings push it to the bot (kore connect)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and not __fish_seen_subcommand_from login status logout token rotate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l grant -d 'How to get the OAuth refresh token (implies --auth oauth) [default: browser; without a terminal, token when SN_HANDOFF_REFRESH_TOKEN is set]' -r -f -a "password\t'The user\'s name and password are exchanged once for a refresh token (never stored)'
browser\t'Authorization code with PKCE: sign in and allow access in a browser'
token\t'An existing refresh token (SN_HANDOFF_REFRESH_TOKEN, --password-stdin, or a prompt)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l redirect-port -d 'Loopback port of the browser sign-in\'s redirect, http://127.0.0.1:PORT/callback' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l deadline -d 'Seconds to wait for the browser sign-in' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-browser -d 'Print the sign-in URL instead of opening a browser'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from login" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from logout" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l refresh -d 'Print the refresh token in use instead (for Kore.ai\'s OAuth settings or a CI secret store), after proving it with an exchange'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from token" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l grant -d 'How to get the OAuth refresh token (implies --auth oauth) [default: browser; without a terminal, token when SN_HANDOFF_REFRESH_TOKEN is set]' -r -f -a "password\t'The user\'s name and password are exchanged once for a refresh token (never stored)'
browser\t'Authorization code with PKCE: sign in and allow access in a browser'
token\t'An existing refresh token (SN_HANDOFF_REFRESH_TOKEN, --password-stdin, or a prompt)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l redirect-port -d 'Loopback port of the browser sign-in\'s redirect, http://127.0.0.1:PORT/callback' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l deadline -d 'Seconds to wait for the browser sign-in' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l no-browser -d 'Print the sign-in URL instead of opening a browser'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from rotate" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "login" -d 'Sign in, prove the credentials with one read, store the secrets in the OS keyring and the rest in the profile'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show the instance, user, method and where each secret comes from, and whether they work (exit 0 only when they do)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "logout" -d 'Delete the profile\'s secrets from the OS keyring'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "token" -d 'Print a fresh OAuth access token on stdout (for scripts)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Mint a new OAuth refresh token, store it, and with Kore.ai settings push it to the bot (kore connect)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l deadline -d 'How long to watch the activations, in minutes; they go on on the instance after it' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l activate -d 'Activate the inactive ones (plugins through the CI/CD API, then Store applications)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand plugins" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l group -d 'The AWA group [default: Consumer Service Support]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l agent -d 'The agent (user_name) who must be in the group' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l fix -d 'Add the missing roles and the agent\'s membership'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand group" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l message -d 'The REST message\'s name [default: "VABot to Bot" or "VA Bot to Bot"]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l method -d 'The HTTP method (function name) of the message that posts to the bot' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l sys-id -d 'Pick the REST message by sys_id (when two share a name)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l dry-run -d 'Show what would change, write nothing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l rollback -d 'Restore the values the last set-webhook replaced'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l force -d 'With --rollback: restore even over a value someone else set since'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand set-webhook" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -f -a "available" -d 'Set the agent\'s AWA presence to Available (and available on the Chat channel)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and not __fish_seen_subcommand_from available help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l agent -d 'The agent (user_name) [default: the profile\'s agent]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from available" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "available" -d 'Set the agent\'s AWA presence to Available (and available on the Chat channel)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l deadline -d 'How long to wait for the hand-off to reach an agent, in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l user -d 'The test requester (user_name); the chat is linked to them by their email [default: the user sn-handoff signs in as]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l agent -d 'The agent (user_name) who should be offered the chat; any agent counts without it' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l message -d 'The text of the request for a live agent' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l no-preflight -d 'Start the conversation without first checking the chain a chat takes (`why-no-agent`)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand smoke-test" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l group -d 'The AWA group of step 4 [default: Consumer Service Support]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l agent -d 'The agent (user_name) who must be in the group and Available' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l webhook-url -d 'The Kore.ai webhook URL the "VABot to Bot" message must point at' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l skip -d 'A step to report as `skip` (repeatable; not `instance` or `auth`, which every other step needs)' -r -f -a "plugins\t''
group_roles\t''
group_members\t''
webhook\t''
agent_available\t''
kore\t''
agent_chat\t''
reply_url\t''
provider\t''
live_agent_channel\t''
queue\t''
routing\t''
assignment_rule\t''
chat_presence\t''
capacity\t''
account_linking\t''
requester\t''"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l requester -d 'With --deep: the email a requester\'s chats carry, which must name exactly one active, unlocked user (else the chat arrives as Guest)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand why-no-agent" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l bundle -d 'Where to write the bundle (.tar.gz); an existing file is replaced' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l group -d 'The AWA group of step 4 [default: Consumer Service Support]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l agent -d 'The agent (user_name) who must be in the group and Available' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l webhook-url -d 'The Kore.ai webhook URL the "VABot to Bot" message must point at' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l skip -d 'A step to report as `skip` (repeatable; not `instance` or `auth`, which every other step needs)' -r -f -a "plugins\t''
group_roles\t''
group_members\t''
webhook\t''
agent_available\t''
kore\t''
agent_chat\t''
reply_url\t''
provider\t''
live_agent_channel\t''
queue\t''
routing\t''
assignment_rule\t''
chat_presence\t''
capacity\t''
account_linking\t''
requester\t''"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l requester -d 'With --deep: the email a requester\'s chats carry, which must name exactly one active, unlocked user (else the chat arrives as Guest)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l enable-va-logging -d 'Turn the outbound HTTP log on for the run, and restore it afterwards'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l format -d 'Output format: human, json or markdown [default: human]' -r -f -a "human\t'One line per step on stdout'
json\t'One JSON document on stdout, the same as `--json` (its JSON Schema: docs/schema/check-report.schema.json)'
junit\t'A JUnit XML report on stdout, one test case per step (GitLab, Jenkins)'
github\t'GitHub Actions annotations on stdout, and a table in $GITHUB_STEP_SUMMARY'
markdown\t'A Markdown table on stdout'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l all -d 'Show every value compared, not only those that differ (human and markdown)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand diff" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -f -a "status" -d 'The bot\'s agent-transfer channel mappings: is ServiceNow the default and mapped for each enabled channel (exit 1 when not)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -f -a "connect" -d 'Push this profile\'s instance and credentials into the bot\'s ServiceNow agent integration, make it the default, and with --publish publish and wait'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and not __fish_seen_subcommand_from status connect help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l queue-id -d 'The queue id Kore.ai sends with hand-offs (queueId)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l deadline -d 'With --publish: how long to wait for the publish, in minutes' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l publish -d 'Publish the bot afterwards and wait for the publish to end'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l no-default -d 'Leave the default agent integration and the channel mappings as they are'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l dry-run -d 'Print what would be sent (every secret as ***); send nothing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from connect" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from help" -f -a "status" -d 'The bot\'s agent-transfer channel mappings: is ServiceNow the default and mapped for each enabled channel (exit 1 when not)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Push this profile\'s instance and credentials into the bot\'s ServiceNow agent integration, make it the default, and with --publish publish and wait'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand kore; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l port -d 'Port on 127.0.0.1 (0 picks a free one)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l scenario -d 'What state the simulated instance starts in' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l latency-ms -d 'Added to every response, in milliseconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l va-api-version -d 'The Virtual Agent API version (4.1 and later reply through the "Bot Connection") [default: 3.0.2]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand demo" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -s h -l help -d 'Print help'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand completions" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -s i -l instance -d 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -s p -l profile -d 'Named settings in the config file [default: default]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l auth -d 'Authentication method' -r -f -a "basic\t'HTTP Basic with user name and password'
oauth\t'OAuth 2.0 with a refresh token'
apikey\t'A REST API key in the x-sn-apikey header (an API Key inbound authentication profile and a REST API access policy on the instance)'
mtls\t'A client certificate (mutual TLS): --client-cert and --client-key'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -s u -l username -d 'ServiceNow user (basic auth, or the OAuth password grant)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l client-id -d 'OAuth client id (not secret)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l client-cert -d 'With --auth mtls: the client certificate (PEM; the chain, leaf first)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l client-key -d 'With --auth mtls: the client certificate\'s private key (PEM; when encrypted, the passphrase comes from SN_HANDOFF_CLIENT_KEY_PASSPHRASE)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l timeout -d 'Per-request timeout in seconds' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l ca-cert -d 'Extra PEM trust root (corporate TLS inspection)' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l color -d 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)' -r -f -a "auto\t'Colour when stderr is a terminal'
always\t'Always colour'
never\t'Never colour'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l config -d 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]' -r -F
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l release -d 'With --demo or `demo`: the release family the simulated instance reports [default: australia]' -r -f -a "san-diego\t'San Diego (2022), older than Tokyo'
tokyo\t'Tokyo (2022): Kore.ai\'s Connect Support setup, not the one sn-handoff prepares'
utah\t'Utah (2023), out of support'
vancouver\t'Vancouver (2023), out of support'
washingtondc\t'Washington DC (2024), out of support'
xanadu\t'Xanadu (2024), out of support'
yokohama\t'Yokohama (2025), still patched'
zurich\t'Zurich (2025), still patched'
australia\t'Australia (2026), supported (N-1)'
brazil\t'Brazil (2026), the current family'
newer\t'A family newer than sn-handoff knows (its build tag names `cascadia`)'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l demo-scenario -d 'With --demo: the state the simulated instance starts in [default: fresh; configured for smoke-test and why-no-agent]' -r -f -a "fresh\t'A new developer instance at the start of the guide: nothing configured yet'
configured\t'The same instance after the guide was followed: every check passes'
hibernating\t'A hibernating developer instance: every request gets the HTML hibernation page'
rate-limited\t'Like `fresh`, but each distinct `/api/` request (method, path and raw query) is first refused with 429, then with 503, and answered normally from the third attempt on'
read-only\t'Like `fresh`, but the credentials handed out are a non-admin\'s (`beth.anglin`, itil)'
no-queue\t'`configured` without an active queue on the Chat channel'
pool-without-group\t'`configured`, but the Chat queue\'s eligibility pool holds another group'
no-assignment-rule\t'`configured`, but the group\'s eligibility pool names no assignment rule'
no-capacity\t'`configured`, but every agent has used their Chat capacity'
chat-not-available\t'`configured`, but Chat is not a channel of the Available presence state for the agent'
linking-off\t'`configured`, but the provider\'s account linking is off'
duplicate-email\t'`configured`, but a second active user has abel.tuter\'s email'"
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l kore-host -d 'Kore.ai platform host [default: platform.kore.ai]' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l bot-id -d 'The Kore.ai bot (app) id, st-…' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l kore-client-id -d 'Client id of the bot\'s Kore.ai JWT app (secret: SN_HANDOFF_KORE_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l kore-admin-client-id -d 'Client id of an Admin Console JWT app with the publish scope (secret: SN_HANDOFF_KORE_ADMIN_CLIENT_SECRET or the keyring)' -r
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l password-stdin -d 'Read the one secret that is needed from standard input'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l json -d 'Write one JSON document to stdout; all human text goes to stderr'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l no-input -d 'Never prompt; fail with exit 2 naming what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -s v -l verbose -d 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -l demo -d 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -s h -l help -d 'Print help'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand man" -s V -l version -d 'Print version'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "init" -d 'Interactive wizard through all six steps: checks each, offers each fix, saves a profile'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "check" -d 'Verify every step of the guide, read-only; exit 1 if any step fails (for CI)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "auth" -d 'Sign in and store credentials for the profile; show, forget or use them'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "plugins" -d 'List the five plugins and their state; --activate activates the missing ones'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "group" -d 'Show the AWA group\'s roles and members; --fix adds what is missing'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "set-webhook" -d 'Point "VABot to Bot", its postMessage method and the 4.1+ Bot Connection at URL (after each deploy)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "agent" -d 'Agent presence: `agent available --agent USER` sets an agent\'s presence to Available'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "smoke-test" -d 'Hand a test conversation over and watch it reach the available agent'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "why-no-agent" -d 'Tell why a handed-over chat reaches no agent: the first broken link and what to do'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "doctor" -d 'Write a redacted support bundle: reports, versions, properties and every HTTP exchange'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "diff" -d 'Show what differs for the hand-off between two profiles\' instances (and bots); exit 1 on drift'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "kore" -d 'The Kore.ai side: the bot\'s ServiceNow agent integration, channel mappings, publish'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "demo" -d 'Serve a simulated instance on 127.0.0.1 and print its URL and credentials'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "completions" -d 'Print a completion script for a shell (bash, zsh, fish, powershell, elvish)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "man" -d 'Print a man page in roff: sn-handoff(1), or the page of one command'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and not __fish_seen_subcommand_from init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "login" -d 'Sign in, prove the credentials with one read, store the secrets in the OS keyring and the rest in the profile'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show the instance, user, method and where each secret comes from, and whether they work (exit 0 only when they do)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "logout" -d 'Delete the profile\'s secrets from the OS keyring'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "token" -d 'Print a fresh OAuth access token on stdout (for scripts)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "rotate" -d 'Mint a new OAuth refresh token, store it, and with Kore.ai settings push it to the bot (kore connect)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "available" -d 'Set the agent\'s AWA presence to Available (and available on the Chat channel)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and __fish_seen_subcommand_from kore" -f -a "status" -d 'The bot\'s agent-transfer channel mappings: is ServiceNow the default and mapped for each enabled channel (exit 1 when not)'
complete -c sn-handoff -n "__fish_sn_handoff_using_subcommand help; and __fish_seen_subcommand_from kore" -f -a "connect" -d 'Push this profile\'s instance and credentials into the bot\'s ServiceNow agent integration, make it the default, and with --publish publish and wait'
