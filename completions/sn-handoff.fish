complete --keep-order --exclusive --command sn-handoff --arguments "(SN_HANDOFF_COMPLETE=fish sn-handoff -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
