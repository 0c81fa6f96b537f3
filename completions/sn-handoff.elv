
use builtin;
use str;

set edit:completion:arg-completer[sn-handoff] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'sn-handoff'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'sn-handoff'= {
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Verify every step of the guide, read-only; exit 1 if any step fails (for CI)'
            cand auth 'Sign in and store credentials for the profile; show, forget or use them'
            cand plugins 'List the five plugins and their state; --activate activates the missing ones'
            cand group 'Show the AWA group''s roles and members; --fix adds what is missing'
            cand set-webhook 'Point "VABot to Bot" and its postMessage method at URL (after each deploy)'
            cand agent 'Agent presence: `agent available --user NAME` sets an agent''s presence to Available'
            cand demo 'Serve a simulated instance on 127.0.0.1 and print its URL and credentials'
            cand completions 'Print a completion script for a shell (bash, zsh, fish, powershell, elvish)'
            cand man 'Print a man page in roff: sn-handoff(1), or the page of one command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sn-handoff;check'= {
            cand --format 'Report format on stdout; human lines go to stderr whatever the format [default: human]'
            cand --group 'The AWA group of step 4 [default: Consumer Service Support]'
            cand --agent 'The agent (user_name) who must be in the group and Available'
            cand --webhook-url 'The Kore.ai webhook URL the "VABot to Bot" message must point at'
            cand --skip 'A step to report as `skip` (repeatable)'
            cand --deadline 'With --fix: how long to watch plugin activations, in minutes'
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --fix 'After the checks, repair every failing step it can (plugins first), then check again'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;auth'= {
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Sign in, prove the credentials with one read, store the secrets in the OS keyring and the rest in the profile'
            cand status 'Show the instance, user, method and where each secret comes from, and whether they work (exit 0 only when they do)'
            cand logout 'Delete the profile''s secrets from the OS keyring'
            cand token 'Print a fresh OAuth access token on stdout (for scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sn-handoff;auth;login'= {
            cand --grant 'How to get the OAuth refresh token (implies --auth oauth) [default: browser; without a terminal, token when SN_HANDOFF_REFRESH_TOKEN is set]'
            cand --redirect-port 'Loopback port of the browser sign-in''s redirect, http://127.0.0.1:PORT/callback'
            cand --deadline 'Seconds to wait for the browser sign-in'
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --no-browser 'Print the sign-in URL instead of opening a browser'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;auth;status'= {
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;auth;logout'= {
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;auth;token'= {
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --refresh 'Print the refresh token in use instead (for Kore.ai''s OAuth settings or a CI secret store), after proving it with an exchange'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;auth;help'= {
            cand login 'Sign in, prove the credentials with one read, store the secrets in the OS keyring and the rest in the profile'
            cand status 'Show the instance, user, method and where each secret comes from, and whether they work (exit 0 only when they do)'
            cand logout 'Delete the profile''s secrets from the OS keyring'
            cand token 'Print a fresh OAuth access token on stdout (for scripts)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sn-handoff;auth;help;login'= {
        }
        &'sn-handoff;auth;help;status'= {
        }
        &'sn-handoff;auth;help;logout'= {
        }
        &'sn-handoff;auth;help;token'= {
        }
        &'sn-handoff;auth;help;help'= {
        }
        &'sn-handoff;plugins'= {
            cand --deadline 'How long to watch the activations, in minutes; they go on on the instance after it'
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --activate 'Activate the inactive ones (plugins through the CI/CD API, then Store applications)'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;group'= {
            cand --group 'The AWA group [default: Consumer Service Support]'
            cand --agent 'The agent (user_name) who must be in the group'
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --fix 'Add the missing roles and the agent''s membership'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;set-webhook'= {
            cand --message 'The REST message''s name [default: "VABot to Bot" or "VA Bot to Bot"]'
            cand --method 'The HTTP method (function name) of the message that posts to the bot'
            cand --sys-id 'Pick the REST message by sys_id (when two share a name)'
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --dry-run 'Show what would change, write nothing'
            cand --rollback 'Restore the values the last set-webhook replaced'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;agent'= {
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand available 'Set the agent''s AWA presence to Available (and available on the Chat channel)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sn-handoff;agent;available'= {
            cand --user 'The agent''s user_name'
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;agent;help'= {
            cand available 'Set the agent''s AWA presence to Available (and available on the Chat channel)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sn-handoff;agent;help;available'= {
        }
        &'sn-handoff;agent;help;help'= {
        }
        &'sn-handoff;demo'= {
            cand --port 'Port on 127.0.0.1 (0 picks a free one)'
            cand --scenario 'What state the simulated instance starts in'
            cand --latency-ms 'Added to every response, in milliseconds'
            cand --release 'The release the instance reports'
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;completions'= {
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;man'= {
            cand -i 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand --instance 'Instance: `dev123`, `dev123.service-now.com` or `https://dev123.service-now.com`'
            cand -p 'Named settings in the config file [default: default]'
            cand --profile 'Named settings in the config file [default: default]'
            cand --auth 'Authentication method'
            cand -u 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --username 'ServiceNow user (basic auth, or the OAuth password grant)'
            cand --client-id 'OAuth client id (not secret)'
            cand --timeout 'Per-request timeout in seconds'
            cand --ca-cert 'Extra PEM trust root (corporate TLS inspection)'
            cand --color 'Colour on stderr (NO_COLOR and CLICOLOR_FORCE are honoured under auto)'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/sn-handoff/config.toml]'
            cand --password-stdin 'Read the one secret that is needed from standard input'
            cand --json 'Write one JSON document to stdout; all human text goes to stderr'
            cand --no-input 'Never prompt; fail with exit 2 naming what is missing'
            cand -v 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --verbose 'Log each HTTP exchange (method, URL, status, time) to stderr; secrets are never logged'
            cand --demo 'Run against a fresh simulated instance inside this process (instance and credentials from flags, environment and profile are ignored)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'sn-handoff;help'= {
            cand check 'Verify every step of the guide, read-only; exit 1 if any step fails (for CI)'
            cand auth 'Sign in and store credentials for the profile; show, forget or use them'
            cand plugins 'List the five plugins and their state; --activate activates the missing ones'
            cand group 'Show the AWA group''s roles and members; --fix adds what is missing'
            cand set-webhook 'Point "VABot to Bot" and its postMessage method at URL (after each deploy)'
            cand agent 'Agent presence: `agent available --user NAME` sets an agent''s presence to Available'
            cand demo 'Serve a simulated instance on 127.0.0.1 and print its URL and credentials'
            cand completions 'Print a completion script for a shell (bash, zsh, fish, powershell, elvish)'
            cand man 'Print a man page in roff: sn-handoff(1), or the page of one command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sn-handoff;help;check'= {
        }
        &'sn-handoff;help;auth'= {
            cand login 'Sign in, prove the credentials with one read, store the secrets in the OS keyring and the rest in the profile'
            cand status 'Show the instance, user, method and where each secret comes from, and whether they work (exit 0 only when they do)'
            cand logout 'Delete the profile''s secrets from the OS keyring'
            cand token 'Print a fresh OAuth access token on stdout (for scripts)'
        }
        &'sn-handoff;help;auth;login'= {
        }
        &'sn-handoff;help;auth;status'= {
        }
        &'sn-handoff;help;auth;logout'= {
        }
        &'sn-handoff;help;auth;token'= {
        }
        &'sn-handoff;help;plugins'= {
        }
        &'sn-handoff;help;group'= {
        }
        &'sn-handoff;help;set-webhook'= {
        }
        &'sn-handoff;help;agent'= {
            cand available 'Set the agent''s AWA presence to Available (and available on the Chat channel)'
        }
        &'sn-handoff;help;agent;available'= {
        }
        &'sn-handoff;help;demo'= {
        }
        &'sn-handoff;help;completions'= {
        }
        &'sn-handoff;help;man'= {
        }
        &'sn-handoff;help;help'= {
        }
    ]
    $completions[$command]
}
