_sn__handoff() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="sn__handoff"
                ;;
            sn__handoff,agent)
                cmd="sn__handoff__subcmd__agent"
                ;;
            sn__handoff,auth)
                cmd="sn__handoff__subcmd__auth"
                ;;
            sn__handoff,check)
                cmd="sn__handoff__subcmd__check"
                ;;
            sn__handoff,completions)
                cmd="sn__handoff__subcmd__completions"
                ;;
            sn__handoff,demo)
                cmd="sn__handoff__subcmd__demo"
                ;;
            sn__handoff,diff)
                cmd="sn__handoff__subcmd__diff"
                ;;
            sn__handoff,doctor)
                cmd="sn__handoff__subcmd__doctor"
                ;;
            sn__handoff,group)
                cmd="sn__handoff__subcmd__group"
                ;;
            sn__handoff,help)
                cmd="sn__handoff__subcmd__help"
                ;;
            sn__handoff,init)
                cmd="sn__handoff__subcmd__init"
                ;;
            sn__handoff,kore)
                cmd="sn__handoff__subcmd__kore"
                ;;
            sn__handoff,man)
                cmd="sn__handoff__subcmd__man"
                ;;
            sn__handoff,plugins)
                cmd="sn__handoff__subcmd__plugins"
                ;;
            sn__handoff,set-webhook)
                cmd="sn__handoff__subcmd__set__subcmd__webhook"
                ;;
            sn__handoff,smoke-test)
                cmd="sn__handoff__subcmd__smoke__subcmd__test"
                ;;
            sn__handoff,why-no-agent)
                cmd="sn__handoff__subcmd__why__subcmd__no__subcmd__agent"
                ;;
            sn__handoff__subcmd__agent,available)
                cmd="sn__handoff__subcmd__agent__subcmd__available"
                ;;
            sn__handoff__subcmd__agent,help)
                cmd="sn__handoff__subcmd__agent__subcmd__help"
                ;;
            sn__handoff__subcmd__agent__subcmd__help,available)
                cmd="sn__handoff__subcmd__agent__subcmd__help__subcmd__available"
                ;;
            sn__handoff__subcmd__agent__subcmd__help,help)
                cmd="sn__handoff__subcmd__agent__subcmd__help__subcmd__help"
                ;;
            sn__handoff__subcmd__auth,help)
                cmd="sn__handoff__subcmd__auth__subcmd__help"
                ;;
            sn__handoff__subcmd__auth,login)
                cmd="sn__handoff__subcmd__auth__subcmd__login"
                ;;
            sn__handoff__subcmd__auth,logout)
                cmd="sn__handoff__subcmd__auth__subcmd__logout"
                ;;
            sn__handoff__subcmd__auth,rotate)
                cmd="sn__handoff__subcmd__auth__subcmd__rotate"
                ;;
            sn__handoff__subcmd__auth,status)
                cmd="sn__handoff__subcmd__auth__subcmd__status"
                ;;
            sn__handoff__subcmd__auth,token)
                cmd="sn__handoff__subcmd__auth__subcmd__token"
                ;;
            sn__handoff__subcmd__auth__subcmd__help,help)
                cmd="sn__handoff__subcmd__auth__subcmd__help__subcmd__help"
                ;;
            sn__handoff__subcmd__auth__subcmd__help,login)
                cmd="sn__handoff__subcmd__auth__subcmd__help__subcmd__login"
                ;;
            sn__handoff__subcmd__auth__subcmd__help,logout)
                cmd="sn__handoff__subcmd__auth__subcmd__help__subcmd__logout"
                ;;
            sn__handoff__subcmd__auth__subcmd__help,rotate)
                cmd="sn__handoff__subcmd__auth__subcmd__help__subcmd__rotate"
                ;;
            sn__handoff__subcmd__auth__subcmd__help,status)
                cmd="sn__handoff__subcmd__auth__subcmd__help__subcmd__status"
                ;;
            sn__handoff__subcmd__auth__subcmd__help,token)
                cmd="sn__handoff__subcmd__auth__subcmd__help__subcmd__token"
                ;;
            sn__handoff__subcmd__help,agent)
                cmd="sn__handoff__subcmd__help__subcmd__agent"
                ;;
            sn__handoff__subcmd__help,auth)
                cmd="sn__handoff__subcmd__help__subcmd__auth"
                ;;
            sn__handoff__subcmd__help,check)
                cmd="sn__handoff__subcmd__help__subcmd__check"
                ;;
            sn__handoff__subcmd__help,completions)
                cmd="sn__handoff__subcmd__help__subcmd__completions"
                ;;
            sn__handoff__subcmd__help,demo)
                cmd="sn__handoff__subcmd__help__subcmd__demo"
                ;;
            sn__handoff__subcmd__help,diff)
                cmd="sn__handoff__subcmd__help__subcmd__diff"
                ;;
            sn__handoff__subcmd__help,doctor)
                cmd="sn__handoff__subcmd__help__subcmd__doctor"
                ;;
            sn__handoff__subcmd__help,group)
                cmd="sn__handoff__subcmd__help__subcmd__group"
                ;;
            sn__handoff__subcmd__help,help)
                cmd="sn__handoff__subcmd__help__subcmd__help"
                ;;
            sn__handoff__subcmd__help,init)
                cmd="sn__handoff__subcmd__help__subcmd__init"
                ;;
            sn__handoff__subcmd__help,kore)
                cmd="sn__handoff__subcmd__help__subcmd__kore"
                ;;
            sn__handoff__subcmd__help,man)
                cmd="sn__handoff__subcmd__help__subcmd__man"
                ;;
            sn__handoff__subcmd__help,plugins)
                cmd="sn__handoff__subcmd__help__subcmd__plugins"
                ;;
            sn__handoff__subcmd__help,set-webhook)
                cmd="sn__handoff__subcmd__help__subcmd__set__subcmd__webhook"
                ;;
            sn__handoff__subcmd__help,smoke-test)
                cmd="sn__handoff__subcmd__help__subcmd__smoke__subcmd__test"
                ;;
            sn__handoff__subcmd__help,why-no-agent)
                cmd="sn__handoff__subcmd__help__subcmd__why__subcmd__no__subcmd__agent"
                ;;
            sn__handoff__subcmd__help__subcmd__agent,available)
                cmd="sn__handoff__subcmd__help__subcmd__agent__subcmd__available"
                ;;
            sn__handoff__subcmd__help__subcmd__auth,login)
                cmd="sn__handoff__subcmd__help__subcmd__auth__subcmd__login"
                ;;
            sn__handoff__subcmd__help__subcmd__auth,logout)
                cmd="sn__handoff__subcmd__help__subcmd__auth__subcmd__logout"
                ;;
            sn__handoff__subcmd__help__subcmd__auth,rotate)
                cmd="sn__handoff__subcmd__help__subcmd__auth__subcmd__rotate"
                ;;
            sn__handoff__subcmd__help__subcmd__auth,status)
                cmd="sn__handoff__subcmd__help__subcmd__auth__subcmd__status"
                ;;
            sn__handoff__subcmd__help__subcmd__auth,token)
                cmd="sn__handoff__subcmd__help__subcmd__auth__subcmd__token"
                ;;
            sn__handoff__subcmd__help__subcmd__kore,connect)
                cmd="sn__handoff__subcmd__help__subcmd__kore__subcmd__connect"
                ;;
            sn__handoff__subcmd__help__subcmd__kore,status)
                cmd="sn__handoff__subcmd__help__subcmd__kore__subcmd__status"
                ;;
            sn__handoff__subcmd__kore,connect)
                cmd="sn__handoff__subcmd__kore__subcmd__connect"
                ;;
            sn__handoff__subcmd__kore,help)
                cmd="sn__handoff__subcmd__kore__subcmd__help"
                ;;
            sn__handoff__subcmd__kore,status)
                cmd="sn__handoff__subcmd__kore__subcmd__status"
                ;;
            sn__handoff__subcmd__kore__subcmd__help,connect)
                cmd="sn__handoff__subcmd__kore__subcmd__help__subcmd__connect"
                ;;
            sn__handoff__subcmd__kore__subcmd__help,help)
                cmd="sn__handoff__subcmd__kore__subcmd__help__subcmd__help"
                ;;
            sn__handoff__subcmd__kore__subcmd__help,status)
                cmd="sn__handoff__subcmd__kore__subcmd__help__subcmd__status"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        sn__handoff)
            opts="-i -p -u -v -h -V --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__agent)
            opts="-i -p -u -v -h -V --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version available help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__agent__subcmd__available)
            opts="-i -p -u -v -h -V --agent --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --agent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__agent__subcmd__help)
            opts="available help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__agent__subcmd__help__subcmd__available)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__agent__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth)
            opts="-i -p -u -v -h -V --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version login status logout token rotate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__help)
            opts="login status logout token rotate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__help__subcmd__login)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__help__subcmd__logout)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__help__subcmd__rotate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__help__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__help__subcmd__token)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__login)
            opts="-i -p -u -v -h -V --grant --redirect-port --no-browser --deadline --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --grant)
                    COMPREPLY=($(compgen -W "password browser token" -- "${cur}"))
                    return 0
                    ;;
                --redirect-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deadline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__logout)
            opts="-u -v -i -p -h -V --auth --username --client-id --client-cert --client-key --password-stdin --no-input --verbose --timeout --ca-cert --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --json --color --config --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__rotate)
            opts="-i -p -u -v -h -V --grant --redirect-port --no-browser --deadline --demo --release --demo-scenario --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --grant)
                    COMPREPLY=($(compgen -W "password browser token" -- "${cur}"))
                    return 0
                    ;;
                --redirect-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deadline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__status)
            opts="-i -p -u -v -h -V --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__auth__subcmd__token)
            opts="-i -p -u -v -h -V --refresh --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__check)
            opts="-i -p -u -v -h -V --format --group --agent --webhook-url --skip --requester --fix --deep --deadline --dry-run --profiles --all-profiles --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "human json junit github markdown" -- "${cur}"))
                    return 0
                    ;;
                --group)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --agent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --webhook-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skip)
                    COMPREPLY=($(compgen -W "plugins group_roles group_members webhook agent_available kore agent_chat reply_url provider live_agent_channel queue routing assignment_rule chat_presence capacity account_linking requester" -- "${cur}"))
                    return 0
                    ;;
                --requester)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deadline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profiles)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__completions)
            opts="-i -p -u -v -h -V --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__demo)
            opts="-i -p -u -v -h -V --port --scenario --latency-ms --va-api-version --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --no-input --timeout --ca-cert --config --demo --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --json --verbose --color --release --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --latency-ms)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --va-api-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__diff)
            opts="-i -p -u -v -h -V --format --all --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --json --no-input --verbose --timeout --ca-cert --color --config --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -W "human json junit github markdown" -- "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__doctor)
            opts="-i -p -u -v -h -V --bundle --enable-va-logging --group --agent --webhook-url --skip --requester --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --bundle)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --agent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --webhook-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skip)
                    COMPREPLY=($(compgen -W "plugins group_roles group_members webhook agent_available kore agent_chat reply_url provider live_agent_channel queue routing assignment_rule chat_presence capacity account_linking requester" -- "${cur}"))
                    return 0
                    ;;
                --requester)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__group)
            opts="-i -p -u -v -h -V --fix --group --agent --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --group)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --agent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help)
            opts="init check auth plugins group set-webhook agent smoke-test why-no-agent doctor diff kore demo completions man help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__agent)
            opts="available"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__agent__subcmd__available)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__auth)
            opts="login status logout token rotate"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__auth__subcmd__login)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__auth__subcmd__logout)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__auth__subcmd__rotate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__auth__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__auth__subcmd__token)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__check)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__demo)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__diff)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__doctor)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__group)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__kore)
            opts="status connect"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__kore__subcmd__connect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__kore__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__man)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__plugins)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__set__subcmd__webhook)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__smoke__subcmd__test)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__help__subcmd__why__subcmd__no__subcmd__agent)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__init)
            opts="-i -p -u -v -h -V --group --agent --webhook-url --skip --requester --deadline --redirect-port --no-browser --dry-run --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --group)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --agent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --webhook-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skip)
                    COMPREPLY=($(compgen -W "plugins group_roles group_members webhook agent_available kore agent_chat reply_url provider live_agent_channel queue routing assignment_rule chat_presence capacity account_linking requester" -- "${cur}"))
                    return 0
                    ;;
                --requester)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deadline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --redirect-port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__kore)
            opts="-i -p -u -v -h -V --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version status connect help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__kore__subcmd__connect)
            opts="-i -p -u -v -h -V --publish --no-default --queue-id --dry-run --deadline --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --queue-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --deadline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__kore__subcmd__help)
            opts="status connect help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__kore__subcmd__help__subcmd__connect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__kore__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__kore__subcmd__help__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__kore__subcmd__status)
            opts="-i -u -p -v -h -V --instance --auth --username --client-id --client-cert --client-key --password-stdin --profile --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__man)
            opts="-i -p -u -v -h -V --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --kore-host --bot-id --kore-client-id --kore-admin-client-id --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__plugins)
            opts="-i -p -u -v -h -V --activate --deadline --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --deadline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__set__subcmd__webhook)
            opts="-i -p -u -v -h -V --dry-run --message --method --sys-id --rollback --force --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --method)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sys-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__smoke__subcmd__test)
            opts="-i -p -u -v -h -V --deadline --user --agent --message --no-preflight --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --deadline)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --agent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        sn__subcmd__handoff__subcmd__why__subcmd__no__subcmd__agent)
            opts="-i -p -u -v -h -V --group --agent --webhook-url --skip --requester --kore-host --bot-id --kore-client-id --kore-admin-client-id --instance --profile --auth --username --client-id --client-cert --client-key --password-stdin --json --no-input --verbose --timeout --ca-cert --color --config --demo --release --demo-scenario --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --group)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --agent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --webhook-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skip)
                    COMPREPLY=($(compgen -W "plugins group_roles group_members webhook agent_available kore agent_chat reply_url provider live_agent_channel queue routing assignment_rule chat_presence capacity account_linking requester" -- "${cur}"))
                    return 0
                    ;;
                --requester)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bot-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kore-admin-client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --auth)
                    COMPREPLY=($(compgen -W "basic oauth apikey mtls" -- "${cur}"))
                    return 0
                    ;;
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --release)
                    COMPREPLY=($(compgen -W "san-diego tokyo utah vancouver washingtondc xanadu yokohama zurich australia brazil newer" -- "${cur}"))
                    return 0
                    ;;
                --demo-scenario)
                    COMPREPLY=($(compgen -W "fresh configured hibernating rate-limited read-only no-queue pool-without-group no-assignment-rule no-capacity chat-not-available linking-off duplicate-email" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _sn__handoff -o nosort -o bashdefault -o default sn-handoff
else
    complete -F _sn__handoff -o bashdefault -o default sn-handoff
fi
