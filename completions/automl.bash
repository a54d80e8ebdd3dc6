# bash completion for automl. Install: source this file from ~/.bashrc, or copy it to
# ~/.local/share/bash-completion/completions/automl (bash-completion loads it at the first Tab).
#
# The candidates come from `automl __complete CWORD WORD...`, which answers as Tab does inside the automl
# shell: commands, flags, their values, and resource IDs from the shell's cache (it never waits on the network).

_automl() {
    local line=${COMP_LINE:0:COMP_POINT} pos=0 i word glued
    local -a args=()
    # COMP_WORDS splits `--format=ya` and `http://host:80` at COMP_WORDBREAKS; glue the pieces back
    # together (pieces with no blank between them), and cut the current word at the cursor.
    for ((i = 0; i <= COMP_CWORD; i++)); do
        glued=1
        while [[ $pos -lt ${#line} && ${line:pos:1} == [[:blank:]] ]]; do
            ((pos++))
            glued=0
        done
        if ((i == COMP_CWORD)); then
            word=${line:pos}
        else
            word=${COMP_WORDS[i]}
        fi
        ((pos += ${#word}))
        ((i == 0)) && continue
        if ((glued && ${#args[@]} > 0)); then
            args[${#args[@]}-1]+=$word
        else
            args+=("$word")
        fi
    done
    ((${#args[@]} == 0)) && args=("")
    # A blank before the cursor starts a new, empty word.
    [[ $line == *[[:blank:]] && -n ${args[${#args[@]}-1]} ]] && args+=("")

    local current=${args[${#args[@]}-1]}
    # Readline replaces only the text after the last word break (`ya` of `--format=ya`).
    local kept=${current%"${current##*[=:]}"}
    local typed=${current#"$kept"}
    local line candidate description nospace=1 others=0
    local -a described=()
    COMPREPLY=()
    while IFS= read -r line; do
        candidate=${line%%$'\t'*}
        description=
        [[ $line == *$'\t'* ]] && description=${line#*$'\t'}
        [[ $candidate == *[/\(] ]] || nospace=0
        candidate=${candidate#"$kept"}
        # `(` is special to bash: `value(` goes in quoted, to be closed after the fields.
        [[ $candidate == *\( && $candidate != [\'\"]* ]] && candidate="'$candidate"
        [[ $candidate == "$typed"* ]] || others=1
        COMPREPLY+=("$candidate")
        described+=("$candidate${description:+  ($description)}")
    done < <(command automl __complete $((${#args[@]} - 1)) "${args[@]}" 2>/dev/null)
    # Several IDs found by their display names (`flo` for ICN111 and ICN112): readline would put their common ID
    # prefix in place of what was typed. List them with their names, and the typed word, which leaves it as it is.
    if ((${#COMPREPLY[@]} > 1 && others)); then
        COMPREPLY=("$typed" "${described[@]}")
    fi
    # Folders and `value(` take no space after them.
    ((${#COMPREPLY[@]} == 1 && nospace)) && compopt -o nospace 2>/dev/null
    return 0
}

complete -F _automl automl
