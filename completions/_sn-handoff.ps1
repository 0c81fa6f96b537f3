
Register-ArgumentCompleter -Native -CommandName sn-handoff -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $prev = $env:SN_HANDOFF_COMPLETE;
    $env:SN_HANDOFF_COMPLETE = "powershell";

    $args = $commandAst.Extent.Text
    $args = $args.Substring(0, [math]::Min($cursorPosition, $args.Length));
    if ($wordToComplete -eq "") {
        $args += " ''";
    }

    $results = Invoke-Expression @"
& sn-handoff -- $args
"@;
    if ($null -eq $prev) {
        Remove-Item Env:\SN_HANDOFF_COMPLETE;
    } else {
        $env:SN_HANDOFF_COMPLETE = $prev;
    }
    $results | ForEach-Object {
        $split = $_.Split("`t");
        $cmd = $split[0];

        if ($split.Length -eq 2) {
            $help = $split[1];
        }
        else {
            $help = $split[0];
        }

        [System.Management.Automation.CompletionResult]::new($cmd, $cmd, 'ParameterValue', $help)
    }
};
        
