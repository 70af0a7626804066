#compdef ocli
# zsh completion for ocli. Install it as a file named _ocli in a directory on $fpath, e.g.
#   mkdir -p ~/.zfunc && ocli completion zsh > ~/.zfunc/_ocli
# and in ~/.zshrc, before compinit:  fpath=(~/.zfunc $fpath)
# Or load it in this shell (after compinit):  source <(ocli completion zsh)
# Candidates come from 'ocli __complete', which reads the catalog kept by your last ocli call.
_ocli() {
    local -a lines
    lines=("${(@f)$(${words[1]} __complete -- "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    case ${lines[1]} in
        :files) _files ;;
        :words) (( ${#lines} > 1 )) && compadd -- "${(@)lines[2,-1]}" ;;
    esac
    return 0
}
if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
    _ocli "$@"
else
    compdef _ocli ocli
fi
