# fish completion for ocli. Install it:
#   ocli completion fish > ~/.config/fish/completions/ocli.fish
# Candidates come from 'ocli __complete', which reads the catalog kept by your last ocli call.
function __ocli_complete
    set -l typed (commandline -opc)
    set -l lines ($typed[1] __complete -- $typed[2..-1] (commandline -ct) 2>/dev/null)
    or return 0
    switch "$lines[1]"
        case :files
            __fish_complete_path (commandline -ct)
        case :words
            printf '%s\n' $lines[2..-1]
    end
end
complete -c ocli -f -a '(__ocli_complete)'
