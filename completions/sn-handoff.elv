
set edit:completion:arg-completer[sn-handoff] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) SN_HANDOFF_COMPLETE="elvish" sn-handoff -- $@words) | to-lines
}

