# bash completion for ocli. Load it in this shell:  source <(ocli completion bash)
# (add that line to ~/.bashrc to have it in every shell). Candidates come from
# 'ocli __complete', which reads the catalog kept by your last ocli call and asks no runtime.
_ocli_complete() {
    local cur=${COMP_WORDS[COMP_CWORD]}
    local ocli=${COMP_WORDS[0]/#\~/$HOME}
    local -a lines=()
    local line
    # read line by line: a candidate is never split on blanks nor expanded as a glob (an enum value may be '*')
    while IFS= read -r line; do lines+=("$line"); done < <(command "$ocli" __complete -- "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null)
    COMPREPLY=()
    case ${lines[0]-} in
        :files)
            type compopt &>/dev/null && compopt -o filenames
            while IFS= read -r line; do COMPREPLY+=("$line"); done < <(compgen -f -- "$cur")
            ;;
        :words)
            COMPREPLY=("${lines[@]:1}")
            ;;
    esac
    return 0
}
complete -F _ocli_complete ocli
