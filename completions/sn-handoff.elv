
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
            cand demo 'Serve a simulated instance on 127.0.0.1 and print its URL and credentials'
            cand completions 'Print a completion script for a shell (bash, zsh, fish, powershell, elvish)'
            cand man 'Print a man page in roff: sn-handoff(1), or the page of one command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sn-handoff;help;check'= {
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
